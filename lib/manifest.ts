/**
 * The one description of Quoteflow's infrastructure. The CDK stack (lib/cloud) and the local
 * cloud (lib/local) are both built from it, and the Lambda router enforces route roles from it,
 * so a route, its handler and its permissions cannot drift apart.
 */

import { apiRoutes } from '../functions/contracts.js';
import { routeKey, type Route } from '../functions/shared/contract.js';
import { QUOTE_PDF_ASSETS } from '../functions/quote-pdf/assets.js';
import type { QueueId, WorkflowId } from './manifest-runtime.js';

/*
 * Budget arithmetic used below. A DynamoDB, Cognito, SES, SQS or Step Functions call: ≤ 1 s with
 * the SDK's own retries in the common case, counted as 1 s each (sequential ones add, parallel
 * ones count once). Companies House (functions/shared/budgets.ts): interactive 3 s + 1 s
 * wait = 4 s a request; background (10 s + 20 s wait) × 2 tries = 60 s. OpenAI
 * (functions/ai/runner.ts CALL_LIMITS.step): 3 tries × 30 s + two waits ≤ 20 s = 130 s a prompt.
 */

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
  /** Create, move and delete one-time task reminder schedules (EventBridge Scheduler; the table locally). */
  | 'reminders:schedule'
  | `workflow:start:${WorkflowId}`
  | `queue:send:${QueueId}`;

export interface FunctionDef {
  /** Module under functions/ exporting `handler`. */
  entry: string;
  description: string;
  needs: readonly Need[];
  memoryMb?: number;
  /**
   * Required: each function's worst case, summed from its calls (Companies House with its own
   * timeouts, OpenAI, DynamoDB, Cognito, SES, SQS), is written next to it. API functions stop
   * at API_TIMEOUT_SECONDS (29 s), under API Gateway's 30 s.
   */
  timeoutSeconds: number;
  /** That worst case in seconds; test/infra checks it fits the timeout. */
  budgetSeconds: number;
  /** Files the code reads at run time, copied beside its bundle (e.g. the quote PDF's fonts). */
  assets?: readonly BundledAsset[];
}

/** A file from an npm package copied into a function's bundle folder (lib/cloud/bundling.ts). */
export interface BundledAsset {
  /** A path inside node_modules: `dejavu-fonts-ttf/ttf/DejaVuSans.ttf`. */
  from: string;
  /** Where it goes, relative to the bundle's folder: `fonts/DejaVuSans.ttf`. */
  to: string;
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
    // ≤ 6 sequential DynamoDB calls + Cognito create/update (2) + SES send (1) + a transaction: 10 s, rounded up for Cognito's slower admin calls.
    timeoutSeconds: 15,
    budgetSeconds: 15,
  },
  users: {
    entry: 'functions/users/handler.ts',
    description: 'The signed-in user and the tenant team',
    needs: ['table:tenant', 'tenantPool:manage', 'ses:send'],
    // Same shape as admin: ≤ 6 DynamoDB + 2 Cognito + 1 SES ≈ 10 s, rounded up for Cognito.
    timeoutSeconds: 15,
    budgetSeconds: 15,
  },
  companies: {
    entry: 'functions/companies/handler.ts',
    description: 'Companies: leads to customers',
    needs: ['table:tenant', 'queue:send:company-purge'],
    // ≤ 4 sequential DynamoDB calls (access check, read, owner check, transaction) + rate limit
    // + a delete's first purge message (1) = 6 s.
    timeoutSeconds: 10,
    budgetSeconds: 6,
  },
  companyBulk: {
    entry: 'functions/company-bulk/handler.ts',
    description: 'Changes to many companies at once: owner, stage, tags or deletion, each a versioned write',
    needs: ['table:tenant', 'queue:send:company-purge'],
    // ≤ 100 companies, 10 side by side, each ≤ 5 DynamoDB calls (read, owner, re-read, transaction;
    // a delete's contact query and purge message) and one retry on a conflict: ~10 rounds of
    // ≤ 10 calls, 20 s with slow calls to spare; under API Gateway's 29 s.
    timeoutSeconds: 25,
    budgetSeconds: 20,
  },
  companyPurge: {
    entry: 'functions/companies/purge-consumer.ts',
    description: 'Purges the children of a deleted company, one bounded step per SQS message',
    // Background work: the function role (no request tenant), like the bulk consumer.
    needs: ['table:read', 'table:write', 'queue:send:company-purge'],
    // Up to five steps side by side, each ~25 DynamoDB calls (20 BatchWriteItem with backoff, 5 queries): seconds.
    timeoutSeconds: 60,
    budgetSeconds: 30,
  },
  purgeSweep: {
    entry: 'functions/companies/purge-sweep.ts',
    description: 'Every fifteen minutes: queues again company purges whose message was lost',
    needs: ['table:read', 'table:write', 'queue:send:company-purge'],
    // Tenant pages (≤ 10 queries) + ≤ 100 pending purges a tenant, one SQS send each (~30 ms): a
    // few seconds for a handful of tenants; 30 s covers 100 tenants with a purge or two each.
    timeoutSeconds: 60,
    budgetSeconds: 30,
  },
  removalSweep: {
    entry: 'functions/users/removal-sweep.ts',
    description: 'Every fifteen minutes: finishes user removals whose Cognito call failed',
    needs: ['table:read', 'table:write', 'tenantPool:manage'],
    // Tenant pages (≤ 10 queries) + per pending removal: a user read, AdminDeleteUser (~200 ms)
    // and a delete; removals are rare, 30 s covers ~100 of them.
    timeoutSeconds: 60,
    budgetSeconds: 30,
  },
  contacts: {
    entry: 'functions/contacts/handler.ts',
    description: 'Contacts of companies, and the list of contacts across companies',
    needs: ['table:tenant'],
    // One contact: ≤ 4 sequential DynamoDB calls + rate limit. The list across companies: ≤ 4
    // rounds of a query page and a BatchGet of its companies (8 calls, ~50 ms each), or a search
    // (≤ 6 parallel token queries, then 3 BatchGets) = well inside 5 s.
    timeoutSeconds: 10,
    budgetSeconds: 5,
  },
  activities: {
    entry: 'functions/activities/handler.ts',
    description: 'Activities logged against companies (logged, edited, deleted), and the company timeline',
    needs: ['table:tenant'],
    // ≤ 4 sequential DynamoDB calls (an edit: id index, record, contact, transaction) + rate limit = 5 s.
    timeoutSeconds: 10,
    budgetSeconds: 5,
  },
  analysis: {
    entry: 'functions/analysis/handler.ts',
    description: 'Starts AI company analyses (one or a whole stage) and reports their progress',
    needs: ['table:tenant', 'workflow:start:analysis', 'queue:send:batch-fanout'],
    // Batch start: budget check (1), a keys-only count of ≤ 5,001 companies (≤ 6 query pages, 6),
    // the batch (1), one fan-out message (1) = 9 s. One start: ≤ 6 DynamoDB calls + StartExecution = 7 s.
    timeoutSeconds: 15,
    budgetSeconds: 9,
  },
  analysisFanout: {
    entry: 'functions/analysis/fanout-consumer.ts',
    description: 'Fans a bulk analysis out one page of 100 companies per message: runs, outbox, work messages',
    needs: ['table:read', 'table:write', 'queue:send:analysis-bulk', 'queue:send:batch-fanout'],
    // One page (FANOUT_PAGE = 100): batch read (1), stage query (1), 100 conditional run writes
    // 25 at a time (4), outbox batch writes (4 × 25 items, 4), 10 SQS batches 8 in flight (2),
    // usage (1), advance (1), next page message (1) = 15 s.
    timeoutSeconds: 60,
    budgetSeconds: 15,
  },
  outboxDrain: {
    entry: 'functions/analysis/outbox-drain.ts',
    description: 'Every five minutes: queues again bulk analysis work whose message was lost',
    needs: ['table:read', 'table:write', 'queue:send:analysis-bulk', 'queue:send:batch-fanout'],
    // ≤ MAX_DRAINED (500) entries: one run read each, sequential (500 × ~20 ms = 10 s), their
    // outbox rewrite (20 batch writes, 20), 50 SQS batches 8 in flight (7), tenant pages and
    // batch queries (≤ 10) = 47 s, rounded up to 60.
    timeoutSeconds: 120,
    budgetSeconds: 60,
  },
  analysisSteps: {
    entry: 'functions/analysis/steps.ts',
    description: 'The steps of the analysis workflow: gather, analyse, score, persist, fail',
    needs: ['table:read', 'table:write', 'secrets:decrypt'],
    memoryMb: 512,
    // The longest step: analyse or score, one OpenAI prompt (130 s) + ≤ 6 DynamoDB calls (6);
    // gather is Companies House background (3 reads in parallel, 60 s) + 3 DynamoDB (3) = 136 s.
    timeoutSeconds: 150,
    budgetSeconds: 136,
  },
  analysisBulk: {
    entry: 'functions/analysis/bulk-consumer.ts',
    description: 'Analyses the companies of a bulk run, one SQS message per company',
    // Sends a message back, delayed, when the tenant's provider limit is spent (not a failed try).
    needs: ['table:read', 'table:write', 'secrets:decrypt', 'queue:send:analysis-bulk'],
    memoryMb: 512,
    // All four steps in one go, the messages of a batch side by side: gather (Companies House
    // background, 60 s) + two OpenAI prompts (2 × 130 s) + ≤ 20 DynamoDB calls (20) = 340 s.
    timeoutSeconds: 360,
    budgetSeconds: 340,
  },
  prompts: {
    entry: 'functions/prompts/handler.ts',
    description: 'AI prompts: tenant overrides and system prompts, versions, rollback, test runs',
    needs: ['table:read', 'table:write', 'table:tenant', 'secrets:decrypt'],
    // A test run holds itself to PROMPT_TEST_BUDGET_MS (26 s: Companies House interactive, then
    // OpenAI cut off before the budget ends) + the prompt and company reads before it (2) = 28 s;
    // the adapter answers 503 a second before the 29 s deadline.
    timeoutSeconds: 29,
    budgetSeconds: 28,
  },
  settings: {
    entry: 'functions/settings/handler.ts',
    description: 'AI keys (platform and tenant), budgets and usage; workspace security and branding',
    needs: ['table:read', 'table:write', 'table:tenant', 'secrets:encrypt', 'documents:read', 'documents:write'],
    // ≤ 4 DynamoDB calls + a KMS encrypt or decrypt (1) + rate limit = 6 s. Saving branding with a
    // new logo: rate limit + 2 DynamoDB + 3 S3 (head, get, put) = 6 s.
    timeoutSeconds: 10,
    budgetSeconds: 6,
  },
  enrichment: {
    entry: 'functions/enrichment/handler.ts',
    description: 'Companies House: search, directors, add a director as a contact',
    needs: ['table:tenant', 'table:read:platform', 'secrets:decrypt'],
    // Directors: ≤ 5 officer pages + one profile read, sequential, Companies House interactive
    // (6 × 4 s = 24) + key, company and contact writes (3) = 27 s.
    timeoutSeconds: 29,
    budgetSeconds: 27,
  },
  docs: {
    entry: 'functions/docs/handler.ts',
    description: 'The OpenAPI document of every route',
    // The rate limit counts requests per caller in the table.
    needs: ['table:read', 'table:write'],
    // One rate-limit write; the document is built in memory: 2 s.
    timeoutSeconds: 10,
    budgetSeconds: 2,
  },
  search: {
    entry: 'functions/search/handler.ts',
    description: 'Search across companies and contacts by word prefix (the token index)',
    needs: ['table:tenant'],
    // ≤ 6 parallel token Queries (≤ 1,000 items each) + two BatchGets + rate limit: 5 s.
    timeoutSeconds: 10,
    budgetSeconds: 5,
  },
  deals: {
    entry: 'functions/deals/handler.ts',
    description: 'Deals on companies, stage moves with their company effects, and the forecast',
    needs: ['table:tenant'],
    // A write: access check, deal, pipeline, owner, contacts (BatchGet), company reads (5, in
    // sequence) + the transaction (1) + rate limit (1) = 7 s. A forecast: every page of the
    // close-date range (≤ 24 months; ~1 MB a page, ≤ 5 pages for thousands of deals) + pipelines = 7 s.
    timeoutSeconds: 15,
    budgetSeconds: 8,
  },
  quotes: {
    entry: 'functions/quotes/handler.ts',
    description: 'Quotes: numbering, pricing against the catalog, approvals, revisions, sending and their PDFs',
    // The platform's system prompt and OpenAI key (read:platform, decrypt) for the AI draft.
    needs: [
      'table:tenant',
      'table:read:platform',
      'secrets:decrypt',
      'documents:read',
      'ses:send',
      'queue:send:quote-pdfs',
    ],
    // A create: access check, company, deal and contact, products (BatchGet), rules (≤ 2 pages)
    // and the tenant = 5 reads; then, when many creates race for numbers, a counter read and a
    // transaction per round, one winner a round (50 at once took 15 s on a loaded 2-core
    // machine locally): ≤ 20 s. Send: ≤ 6 reads and writes, the PDF request, 5 links and emails.
    // A draft holds itself to QUOTE_DRAFT_BUDGET_MS (26 s: the facts, then OpenAI cut off before
    // the budget ends) + access check and the preview's pricing reads (2) = 28 s.
    timeoutSeconds: 29,
    budgetSeconds: 28,
  },
  pipelines: {
    entry: 'functions/pipelines/handler.ts',
    description: 'Pipelines and their stages, the default one created on first read',
    needs: ['table:tenant'],
    // An edit: access check, read, one stage-has-deals query per removed stage (≤ 20, in
    // sequence) and the put: 23 s at worst; a rename or reorder is 3 s.
    timeoutSeconds: 29,
    budgetSeconds: 24,
  },
  merges: {
    entry: 'functions/merges/handler.ts',
    description: 'Merging duplicate companies and contacts, and undoing a merge',
    needs: ['table:tenant'],
    // Start: ≤ 5 reads + a transaction (6); then ≤ MAX_BATCHES_PER_REQUEST (8) batches of a query
    // and a transaction (16), and the finishing read and transaction (2): 24 s. More children
    // than that answer `moving`, and the same request again continues.
    timeoutSeconds: 29,
    budgetSeconds: 24,
  },
  tasks: {
    entry: 'functions/tasks/handler.ts',
    description: 'Tasks: follow-ups with due times, owners and links, and their reminder schedules',
    needs: ['table:tenant', 'reminders:schedule'],
    // Access check + task read + owner, contact and company reads (3) + the transaction, sequential (6)
    // + a schedule create and a schedule delete (2) + rate limit (1) = 9 s.
    timeoutSeconds: 15,
    budgetSeconds: 9,
  },
  notifications: {
    entry: 'functions/notifications/handler.ts',
    description: 'The signed-in user: in-app notifications (the bell) and preferences',
    needs: ['table:tenant'],
    // Access check + list and unread count in parallel (≤ 2 pages, 2) + ≤ 100 mark-read updates in
    // parallel (1) + a recount (2) + rate limit (1) = 7 s.
    timeoutSeconds: 10,
    budgetSeconds: 7,
  },
  reminders: {
    entry: 'functions/tasks/reminder-handler.ts',
    description: 'Fires one task reminder at its due time: in-app notification and email, once',
    // Invoked by the task's schedule for any tenant: the function's role (tenant-scope.ts).
    needs: ['table:read', 'table:write', 'ses:send'],
    // Task read, the transaction, user and preferences reads (4) + one SES send (1) = 5 s.
    timeoutSeconds: 10,
    budgetSeconds: 5,
  },
  taskDigest: {
    entry: 'functions/tasks/digest-handler.ts',
    description: 'Every fifteen minutes: the daily task digest of each user whose morning has come',
    needs: ['table:read', 'table:write', 'ses:send'],
    // Per user: preferences, two task queries and the day's marker (~4 × 20 ms) + one SES send
    // (~100 ms) when due: ~0.2 s, so 300 users a run in 60 s; users already sent cost ~60 ms.
    timeoutSeconds: 120,
    budgetSeconds: 60,
  },
  dashboard: {
    entry: 'functions/dashboard/handler.ts',
    description: 'The home page: pipeline, forecast, results, tasks due, recent activity, top leads',
    needs: ['table:tenant'],
    // Six panels in parallel; the longest is the leads panel: ≤ 2 Query pages of leads + ≤ 3 rounds
    // of parallel 1-item Queries, and the open deals (≤ 5 pages): ≤ 8 s sequential calls.
    timeoutSeconds: 15,
    budgetSeconds: 8,
  },
  imports: {
    entry: 'functions/imports/handler.ts',
    description: 'CSV imports: uploads, dry runs, queued imports and their progress',
    needs: ['table:tenant', 'documents:read', 'documents:write', 'queue:send:import-chunks'],
    memoryMb: 1024,
    // A dry run of an uploaded file: its read (1) + ≤ 50,000 rows parsed and checked in memory (a
    // few seconds) + their duplicate lookups, 16 at a time (≤ 2 calls a row: 10,000 rows ≈ 1,250
    // rounds of ~10 ms = 13 s) = 20 s. A real import: read (1), ≤ 250 chunk objects 8 at a time
    // (32 rounds, 32 × ~50 ms = 2 s), the import (1), ≤ 25 SQS batches (4) = 8 s.
    timeoutSeconds: 29,
    budgetSeconds: 22,
  },
  importChunks: {
    entry: 'functions/imports/chunk-consumer.ts',
    description: 'Writes one chunk of a CSV import (200 rows) and counts it on the import',
    // Background work for any tenant: the function role, like the other consumers.
    needs: ['table:read', 'table:write', 'documents:read', 'documents:write'],
    memoryMb: 1024,
    // Two chunks a batch side by side; a chunk: its marker, import and object reads (2), 200 rows
    // 10 at a time, each ≤ 5 calls (lookups, the company read, the transaction, a retry) = 100
    // rounds of ~1 call a round at 1 s in the worst case → 100 s, the counting transaction with
    // retries (2), the finish: chunk query, report write, patch (3) = 107 s.
    timeoutSeconds: 180,
    budgetSeconds: 107,
  },
  exports: {
    entry: 'functions/exports/handler.ts',
    description: 'Exports: lists as CSV, the workspace as zipped JSON',
    needs: ['table:tenant', 'documents:write', 'queue:send:exports'],
    // ≤ 21 list pages of 100 (21) + the CSV write (1) + presign (0) + the job and message (2) = 24 s.
    timeoutSeconds: 29,
    budgetSeconds: 24,
  },
  quotePublic: {
    entry: 'functions/quotes/public-handler.ts',
    description: "The customer's quote page: open, accept or decline through an emailed link",
    needs: ['table:read', 'table:write', 'documents:read', 'ses:send', 'queue:send:quote-pdfs'],
    // Link, quote and revision reads (2 in sequence), tenant, company and contact (1), the
    // write (1), the PDF request (1), the deal's read and win (≤ 3 × 5: deals' own budget is
    // 7), the owner read and the email (2), the view again (2) + rate limit (1): ≤ 25 s.
    timeoutSeconds: 29,
    budgetSeconds: 25,
  },
  quotePdf: {
    entry: 'functions/quote-pdf/handler.ts',
    description: 'Renders quote PDFs (pdfkit, DejaVu Sans shipped beside the bundle) into the documents bucket',
    needs: ['table:read', 'table:write', 'documents:read', 'documents:write'],
    assets: QUOTE_PDF_ASSETS,
    memoryMb: 1024,
    // Quote, revision, company, contact and tenant reads (3 in sequence), the logo (1), a
    // 500-line render (≈ 1 s cold), the put and the revision update (2): 7 s.
    timeoutSeconds: 30,
    budgetSeconds: 7,
  },
  exportJobs: {
    entry: 'functions/exports/export-consumer.ts',
    description: 'Writes a large list export or a workspace archive',
    needs: ['table:read', 'table:write', 'documents:write'],
    memoryMb: 1024,
    // A workspace: 4 reads, then per company 4 child queries 1 call each, all companies at once
    // (a few hundred ms for thousands), the zip in memory, one write = ~30 s for a large tenant.
    timeoutSeconds: 300,
    budgetSeconds: 120,
  },
  catalog: {
    entry: 'functions/catalog/handler.ts',
    description: 'The catalog: products and services, suppliers, day-rate cards, pricing rules, products CSV import',
    // documents:read: a products CSV uploaded through the imports' presigned PUT.
    needs: ['table:tenant', 'documents:read'],
    // One write: access check, record, workspace and supplier reads (4) + the transaction (1) +
    // rate limit (1) = 6 s. An import of ≤ 2,000 rows: its upload read (1), parse in memory, suppliers (1), two
    // BatchGets of 100 at a time (≤ 40), then ≤ 2,000 rows 8 at a time, ~3 calls each (750
    // rounds at ~20 ms = 15 s locally, less in the cloud) = 25 s, inside the 29 s API limit.
    timeoutSeconds: 29,
    budgetSeconds: 25,
  },
} as const satisfies Record<string, FunctionDef>;
export type FunctionName = keyof typeof functions;

/** Every HTTP route, from the domain contracts (functions/contracts.ts). */
export const routes: readonly RouteDef[] = apiRoutes.map((route) => {
  if (!(route.fn in functions))
    throw new Error(`${routeKey(route)} names function "${route.fn}", which is not in manifest.functions`);
  return route as RouteDef;
});

/**
 * Functions run on a timer: an EventBridge rule in the cloud, a timer in the local cloud
 * (lib/local/schedules.ts), both from this list.
 */
export const schedules = [
  // Bulk analysis messages whose send was lost (functions/analysis/outbox.ts).
  { id: 'outbox-drain', fn: 'outboxDrain', everyMinutes: 5 },
  // Company purges recorded but never queued (functions/companies/tombstone.ts).
  { id: 'purge-sweep', fn: 'purgeSweep', everyMinutes: 15 },
  // User removals whose Cognito deletion failed (functions/users/service.ts).
  { id: 'removal-sweep', fn: 'removalSweep', everyMinutes: 15 },
  // Each user's daily task digest, once their local morning comes (functions/tasks/digest.ts).
  { id: 'task-digest', fn: 'taskDigest', everyMinutes: 15 },
] as const satisfies readonly { id: string; fn: FunctionName; everyMinutes: number }[];

/**
 * One-time task reminders: EventBridge Scheduler schedules (a group of their own) invoking this
 * function in the cloud; the local scheduler (lib/local/scheduler.ts) in the local cloud.
 */
export const reminders = { fn: 'reminders' } as const satisfies { fn: FunctionName };

/** Step Functions workflows: ASL files whose Task resources are `${functionName}` placeholders. */
export const workflows = [
  { id: 'analysis', definition: 'functions/analysis/workflow.asl.json' },
] as const satisfies readonly { id: WorkflowId; definition: string }[];

/** Both pools' password rule (the SPA shows it as PASSWORD_RULES; the local twin enforces it as Cognito does). */
export const passwordPolicy = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;

/**
 * The email Cognito sends with a password-reset code ({####}); the cloud pool's verification
 * message, and what the local twin puts in the local mailbox.
 */
export const codeEmail = {
  subject: 'Your Quoteflow password reset code',
  body: 'Your Quoteflow password reset code is {####}. Enter it on the sign-in page with your new password; it works for one hour. If you did not ask to reset your password, you can ignore this email.',
} as const;

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
