/**
 * The one description of Quoteflow's infrastructure. The CDK stack (lib/cloud) and the local
 * cloud (lib/local) are both built from it, and the Lambda router enforces route roles from it,
 * so a route, its handler and its permissions cannot drift apart.
 */

export const ROLES = ['owner', 'admin', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Anyone in the tenant may read; viewers may not write; only owners and admins manage people. */
export const READ: readonly Role[] = ROLES;
export const WRITE: readonly Role[] = ['owner', 'admin', 'sales'];
export const MANAGE_USERS: readonly Role[] = ['owner', 'admin'];

export type PoolName = 'tenant' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Ids of the SQS queues and Step Functions workflows below (declared first: `Need` names them). */
export const QUEUE_IDS = ['analysis-bulk'] as const;
export type QueueId = (typeof QUEUE_IDS)[number];
export const WORKFLOW_IDS = ['analysis'] as const;
export type WorkflowId = (typeof WORKFLOW_IDS)[number];

/** What a function may touch; the stack turns each need into a least-privilege grant. */
export type Need =
  | 'table:read'
  | 'table:write'
  | 'documents:read'
  | 'documents:write'
  | 'tenantPool:manage'
  | 'ses:send'
  /** Encrypt and decrypt stored API keys (KMS in the cloud, a local key file locally). */
  | 'secrets:use'
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

export interface RouteDef {
  method: HttpMethod;
  path: string;
  fn: FunctionName;
  /** `public` routes carry no token; the others go through the named pool's JWT authorizer. */
  auth: PoolName | 'public';
  /** Tenant routes only: which roles may call it. */
  roles?: readonly Role[];
}

export const functions = {
  admin: {
    entry: 'functions/admin/handler.ts',
    description: 'Platform admin: tenants and their users',
    needs: ['table:read', 'table:write', 'tenantPool:manage', 'ses:send'],
  },
  users: {
    entry: 'functions/users/handler.ts',
    description: 'The signed-in user and the tenant team',
    needs: ['table:read', 'table:write', 'tenantPool:manage', 'ses:send'],
  },
  companies: {
    entry: 'functions/companies/handler.ts',
    description: 'Companies: leads to customers',
    needs: ['table:read', 'table:write'],
  },
  contacts: {
    entry: 'functions/contacts/handler.ts',
    description: 'Contacts of companies',
    needs: ['table:read', 'table:write'],
  },
  activities: {
    entry: 'functions/activities/handler.ts',
    description: 'Activities logged against companies, and the company timeline',
    needs: ['table:read', 'table:write'],
  },
  analysis: {
    entry: 'functions/analysis/handler.ts',
    description: 'Starts AI company analyses (one or a whole stage) and reports their progress',
    needs: ['table:read', 'table:write', 'workflow:start:analysis', 'queue:send:analysis-bulk'],
  },
  analysisSteps: {
    entry: 'functions/analysis/steps.ts',
    description: 'The steps of the analysis workflow: gather, analyse, score, persist, fail',
    needs: ['table:read', 'table:write', 'secrets:use'],
    memoryMb: 512,
    timeoutSeconds: 120,
  },
  analysisBulk: {
    entry: 'functions/analysis/bulk-consumer.ts',
    description: 'Analyses the companies of a bulk run, one SQS message per company',
    needs: ['table:read', 'table:write', 'secrets:use'],
    memoryMb: 512,
    // A batch runs its messages side by side, each up to two AI calls of at most ~100 s.
    timeoutSeconds: 240,
  },
  prompts: {
    entry: 'functions/prompts/handler.ts',
    description: 'AI prompts: tenant overrides and system prompts, versions, rollback, test runs',
    needs: ['table:read', 'table:write', 'secrets:use'],
    timeoutSeconds: 60,
  },
  settings: {
    entry: 'functions/settings/handler.ts',
    description: 'AI keys (platform and tenant), budgets and usage',
    needs: ['table:read', 'table:write', 'secrets:use'],
  },
  enrichment: {
    entry: 'functions/enrichment/handler.ts',
    description: 'Companies House: search, directors, add a director as a contact',
    needs: ['table:read', 'table:write', 'secrets:use'],
  },
} as const satisfies Record<string, FunctionDef>;
export type FunctionName = keyof typeof functions;

export const routes: readonly RouteDef[] = [
  { method: 'POST', path: '/v1/admin/tenants', fn: 'admin', auth: 'admin' },
  { method: 'GET', path: '/v1/admin/tenants', fn: 'admin', auth: 'admin' },
  { method: 'GET', path: '/v1/admin/tenants/{tenantId}', fn: 'admin', auth: 'admin' },
  { method: 'PATCH', path: '/v1/admin/tenants/{tenantId}', fn: 'admin', auth: 'admin' },
  { method: 'GET', path: '/v1/admin/tenants/{tenantId}/users', fn: 'admin', auth: 'admin' },

  { method: 'GET', path: '/v1/me', fn: 'users', auth: 'tenant', roles: READ },
  { method: 'GET', path: '/v1/users', fn: 'users', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/users', fn: 'users', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'PATCH', path: '/v1/users/{userId}', fn: 'users', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'DELETE', path: '/v1/users/{userId}', fn: 'users', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'POST', path: '/v1/users/{userId}/invitation', fn: 'users', auth: 'tenant', roles: MANAGE_USERS },

  { method: 'GET', path: '/v1/companies', fn: 'companies', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/companies', fn: 'companies', auth: 'tenant', roles: WRITE },
  { method: 'GET', path: '/v1/companies/{companyId}', fn: 'companies', auth: 'tenant', roles: READ },
  { method: 'PATCH', path: '/v1/companies/{companyId}', fn: 'companies', auth: 'tenant', roles: WRITE },
  { method: 'DELETE', path: '/v1/companies/{companyId}', fn: 'companies', auth: 'tenant', roles: WRITE },

  { method: 'GET', path: '/v1/companies/{companyId}/contacts', fn: 'contacts', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/companies/{companyId}/contacts', fn: 'contacts', auth: 'tenant', roles: WRITE },
  { method: 'GET', path: '/v1/contacts/{contactId}', fn: 'contacts', auth: 'tenant', roles: READ },
  { method: 'PATCH', path: '/v1/contacts/{contactId}', fn: 'contacts', auth: 'tenant', roles: WRITE },
  { method: 'DELETE', path: '/v1/contacts/{contactId}', fn: 'contacts', auth: 'tenant', roles: WRITE },

  { method: 'GET', path: '/v1/companies/{companyId}/activities', fn: 'activities', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/companies/{companyId}/activities', fn: 'activities', auth: 'tenant', roles: WRITE },
  { method: 'GET', path: '/v1/companies/{companyId}/timeline', fn: 'activities', auth: 'tenant', roles: READ },

  { method: 'POST', path: '/v1/companies/{companyId}/analysis', fn: 'analysis', auth: 'tenant', roles: WRITE },
  { method: 'GET', path: '/v1/companies/{companyId}/analysis', fn: 'analysis', auth: 'tenant', roles: READ },
  { method: 'GET', path: '/v1/companies/{companyId}/analysis/{runId}', fn: 'analysis', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/analysis-batches', fn: 'analysis', auth: 'tenant', roles: WRITE },
  { method: 'GET', path: '/v1/analysis-batches', fn: 'analysis', auth: 'tenant', roles: READ },
  { method: 'GET', path: '/v1/analysis-batches/{batchId}', fn: 'analysis', auth: 'tenant', roles: READ },

  { method: 'GET', path: '/v1/prompts', fn: 'prompts', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/prompts', fn: 'prompts', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'GET', path: '/v1/prompts/{promptId}', fn: 'prompts', auth: 'tenant', roles: READ },
  { method: 'PUT', path: '/v1/prompts/{promptId}', fn: 'prompts', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'DELETE', path: '/v1/prompts/{promptId}', fn: 'prompts', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'GET', path: '/v1/prompts/{promptId}/versions', fn: 'prompts', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/prompts/{promptId}/rollback', fn: 'prompts', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'POST', path: '/v1/prompts/{promptId}/test', fn: 'prompts', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'GET', path: '/v1/admin/prompts', fn: 'prompts', auth: 'admin' },
  { method: 'POST', path: '/v1/admin/prompts', fn: 'prompts', auth: 'admin' },
  { method: 'GET', path: '/v1/admin/prompts/{promptId}', fn: 'prompts', auth: 'admin' },
  { method: 'PUT', path: '/v1/admin/prompts/{promptId}', fn: 'prompts', auth: 'admin' },
  { method: 'DELETE', path: '/v1/admin/prompts/{promptId}', fn: 'prompts', auth: 'admin' },
  { method: 'GET', path: '/v1/admin/prompts/{promptId}/versions', fn: 'prompts', auth: 'admin' },
  { method: 'POST', path: '/v1/admin/prompts/{promptId}/rollback', fn: 'prompts', auth: 'admin' },

  { method: 'GET', path: '/v1/settings/ai', fn: 'settings', auth: 'tenant', roles: READ },
  { method: 'PATCH', path: '/v1/settings/ai', fn: 'settings', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'PUT', path: '/v1/settings/ai/key', fn: 'settings', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'DELETE', path: '/v1/settings/ai/key', fn: 'settings', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'GET', path: '/v1/usage', fn: 'settings', auth: 'tenant', roles: READ },
  { method: 'GET', path: '/v1/admin/keys', fn: 'settings', auth: 'admin' },
  { method: 'PUT', path: '/v1/admin/keys/{provider}', fn: 'settings', auth: 'admin' },
  { method: 'DELETE', path: '/v1/admin/keys/{provider}', fn: 'settings', auth: 'admin' },
  { method: 'GET', path: '/v1/admin/usage', fn: 'settings', auth: 'admin' },

  { method: 'GET', path: '/v1/companies-house/search', fn: 'enrichment', auth: 'tenant', roles: READ },
  { method: 'GET', path: '/v1/companies/{companyId}/directors', fn: 'enrichment', auth: 'tenant', roles: READ },
  {
    method: 'POST',
    path: '/v1/companies/{companyId}/directors/{officerId}/contact',
    fn: 'enrichment',
    auth: 'tenant',
    roles: WRITE,
  },
];

/** The single DynamoDB table (DESIGN.md §4). */
export const table = {
  id: 'Main',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export const buckets = [{ id: 'Documents', env: 'DOCUMENTS_BUCKET' }] as const;

/** SQS queues with their dead-letter queues; `fn` consumes with partial-batch failures. */
export const queues = [
  { id: 'analysis-bulk', fn: 'analysisBulk', batchSize: 5, maxReceiveCount: 3 },
] as const satisfies readonly { id: QueueId; fn: FunctionName; batchSize: number; maxReceiveCount: number }[];

/** Step Functions workflows: ASL files whose Task resources are `${functionName}` placeholders. */
export const workflows = [
  { id: 'analysis', definition: 'functions/analysis/workflow.asl.json' },
] as const satisfies readonly { id: WorkflowId; definition: string }[];

/** The variable carrying a queue's URL to functions that may send to it. */
export const queueUrlEnv = (id: QueueId): string => `QUEUE_URL_${id.toUpperCase().replace(/-/g, '_')}`;

/** The variable carrying a workflow's state machine ARN to functions that may start it. */
export const workflowArnEnv = (id: WorkflowId): string => `WORKFLOW_ARN_${id.toUpperCase().replace(/-/g, '_')}`;

export const pools = {
  tenant: {
    id: 'TenantPool',
    name: 'quoteflow-tenants',
    clientName: 'quoteflow-web',
    customAttributes: ['tenantId', 'role'],
    outputs: { poolId: 'UserPoolId', clientId: 'UserPoolClientId' },
  },
  admin: {
    id: 'AdminPool',
    name: 'quoteflow-admins',
    clientName: 'quoteflow-admin-console',
    customAttributes: [],
    outputs: { poolId: 'AdminUserPoolId', clientId: 'AdminUserPoolClientId' },
  },
} as const;

/** Environment variable names every function receives; config.ts reads them once. */
export const env = {
  table: 'TABLE_NAME',
  tenantPoolId: 'TENANT_USER_POOL_ID',
  mailFrom: 'MAIL_FROM',
  configurationSet: 'SES_CONFIGURATION_SET',
  webUrl: 'WEB_URL',
  adminUrl: 'ADMIN_URL',
} as const;

/**
 * Variables only some deployments set. Secrets: exactly one of SECRETS_KEY_ID (a KMS key, the
 * cloud) or SECRETS_KEY_FILE (a local key file under .local/). The base URLs point the
 * providers elsewhere (fake servers in tests, an OpenAI-compatible gateway in production).
 */
export const optionalEnv = {
  secretsKeyId: 'SECRETS_KEY_ID',
  secretsKeyFile: 'SECRETS_KEY_FILE',
  openaiBaseUrl: 'OPENAI_BASE_URL',
  companiesHouseBaseUrl: 'COMPANIES_HOUSE_BASE_URL',
} as const;

/** Stack outputs shared by the cloud stack and `.local/outputs.json` (API.md). */
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

/** `GET /v1/companies/{companyId}` → the API Gateway route key. */
export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export const routesOf = (fn: FunctionName): RouteDef[] => routes.filter((r) => r.fn === fn);

export const findRoute = (key: string): RouteDef | undefined => routes.find((r) => routeKey(r) === key);
