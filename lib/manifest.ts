/**
 * The one description of Quoteflow's infrastructure. The CDK stack (lib/cloud) and the local
 * cloud (lib/local) are both built from it, and the Lambda router enforces route roles from it,
 * so a route, its handler and its permissions cannot drift apart.
 */

import { apiRoutes } from '../functions/contracts.js';
import { routeKey, type Route } from '../functions/shared/contract.js';
import type { QueueId, WorkflowId } from './manifest-runtime.js';

export { routeKey };
export * from './manifest-runtime.js';

export type PoolName = 'tenant' | 'admin';

/** What a function may touch; the stack turns each need into a least-privilege grant. */
export type Need =
  | 'table:read'
  | 'table:write'
  /** Tenant routes' table calls, with tenant-scoped credentials (the TenantDataRole: only that tenant's keys). */
  | 'table:tenant'
  /** Platform items only (system prompts, platform API keys), read from tenant routes with the function's role. */
  | 'table:read:platform'
  | 'documents:read'
  | 'documents:write'
  | 'tenantPool:manage'
  | 'ses:send'
  /** Seal API keys for storage (kms:Encrypt in the cloud, a local key file locally). */
  | 'secrets:encrypt'
  /** Open stored API keys to call a provider (kms:Decrypt in the cloud). */
  | 'secrets:decrypt'
  | `workflow:start:${WorkflowId}`
  | `queue:send:${QueueId}`;

export interface FunctionDef {
  /** Module under functions/ exporting `handler`. */
  entry: string;
  description: string;
  needs: readonly Need[];
  memoryMb?: number;
  timeoutSeconds?: number;
}

/** A route as the infrastructure sees it; the contracts under functions/ declare each one. */
export type RouteDef = Pick<Route, 'method' | 'path' | 'auth' | 'roles' | 'mfaSetup' | 'publicBecause'> & {
  fn: FunctionName;
};

export const functions = {
  admin: {
    entry: 'functions/admin/handler.ts',
    description: 'Platform admin: tenants and their users',
    needs: ['table:read', 'table:write', 'tenantPool:manage', 'ses:send'],
  },
  users: {
    entry: 'functions/users/handler.ts',
    description: 'The signed-in user and the tenant team',
    needs: ['table:tenant', 'tenantPool:manage', 'ses:send'],
  },
  companies: {
    entry: 'functions/companies/handler.ts',
    description: 'Companies: leads to customers',
    needs: ['table:tenant', 'queue:send:company-purge'],
  },
  companyPurge: {
    entry: 'functions/companies/purge-consumer.ts',
    description: 'Purges the children of a deleted company, one bounded step per SQS message',
    // Background work: the function role (no request tenant), like the bulk consumer.
    needs: ['table:read', 'table:write', 'queue:send:company-purge'],
    // Up to five steps side by side, each ~25 DynamoDB calls (20 BatchWriteItem with backoff, 5 queries): seconds.
    timeoutSeconds: 60,
  },
  contacts: {
    entry: 'functions/contacts/handler.ts',
    description: 'Contacts of companies',
    needs: ['table:tenant'],
  },
  activities: {
    entry: 'functions/activities/handler.ts',
    description: 'Activities logged against companies, and the company timeline',
    needs: ['table:tenant'],
  },
  analysis: {
    entry: 'functions/analysis/handler.ts',
    description: 'Starts AI company analyses (one or a whole stage) and reports their progress',
    needs: ['table:tenant', 'workflow:start:analysis', 'queue:send:analysis-bulk'],
  },
  analysisSteps: {
    entry: 'functions/analysis/steps.ts',
    description: 'The steps of the analysis workflow: gather, analyse, score, persist, fail',
    needs: ['table:read', 'table:write', 'secrets:decrypt'],
    memoryMb: 512,
    timeoutSeconds: 120,
  },
  analysisBulk: {
    entry: 'functions/analysis/bulk-consumer.ts',
    description: 'Analyses the companies of a bulk run, one SQS message per company',
    // Sends a message back, delayed, when the tenant's provider limit is spent (not a failed try).
    needs: ['table:read', 'table:write', 'secrets:decrypt', 'queue:send:analysis-bulk'],
    memoryMb: 512,
    // A batch runs its messages side by side, each up to two AI calls of at most ~100 s.
    timeoutSeconds: 240,
  },
  prompts: {
    entry: 'functions/prompts/handler.ts',
    description: 'AI prompts: tenant overrides and system prompts, versions, rollback, test runs',
    needs: ['table:read', 'table:write', 'table:tenant', 'secrets:decrypt'],
    timeoutSeconds: 60,
  },
  settings: {
    entry: 'functions/settings/handler.ts',
    description: 'AI keys (platform and tenant), budgets and usage',
    needs: ['table:read', 'table:write', 'table:tenant', 'secrets:encrypt'],
  },
  enrichment: {
    entry: 'functions/enrichment/handler.ts',
    description: 'Companies House: search, directors, add a director as a contact',
    needs: ['table:tenant', 'table:read:platform', 'secrets:decrypt'],
  },
  docs: {
    entry: 'functions/docs/handler.ts',
    description: 'The OpenAPI document of every route',
    // The rate limit counts requests per caller in the table.
    needs: ['table:read', 'table:write'],
  },
} as const satisfies Record<string, FunctionDef>;
export type FunctionName = keyof typeof functions;

/** Every HTTP route, from the domain contracts (functions/contracts.ts). */
export const routes: readonly RouteDef[] = apiRoutes.map((route) => {
  if (!(route.fn in functions))
    throw new Error(`${routeKey(route)} names function "${route.fn}", which is not in manifest.functions`);
  return route as RouteDef;
});

/** Step Functions workflows: ASL files whose Task resources are `${functionName}` placeholders. */
export const workflows = [
  { id: 'analysis', definition: 'functions/analysis/workflow.asl.json' },
] as const satisfies readonly { id: WorkflowId; definition: string }[];

export const pools = {
  tenant: {
    id: 'TenantPool',
    name: 'quoteflow-tenants',
    clientName: 'quoteflow-web',
    customAttributes: ['tenantId', 'role'],
    /** TOTP is the user's choice unless their workspace owner requires it (enforced by the API). */
    mfa: 'optional',
    outputs: { poolId: 'UserPoolId', clientId: 'UserPoolClientId' },
  },
  admin: {
    id: 'AdminPool',
    name: 'quoteflow-admins',
    clientName: 'quoteflow-admin-console',
    customAttributes: [],
    /** Every platform admin signs in with a TOTP code; Cognito asks for setup at first sign-in. */
    mfa: 'required',
    outputs: { poolId: 'AdminUserPoolId', clientId: 'AdminUserPoolClientId' },
  },
} as const;

/** Stack outputs: the cloud stack exports these and `npm start` writes the same keys to `.local/outputs.json`. */
export const OUTPUT_KEYS = [
  'ApiUrl',
  'WebUrl',
  'AdminUrl',
  'UserPoolId',
  'UserPoolClientId',
  'AdminUserPoolId',
  'AdminUserPoolClientId',
  'CognitoEndpoint',
  'MailboxUrl',
  'Region',
] as const;
