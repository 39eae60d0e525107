/**
 * The part of the manifest a running function may read: queue and workflow ids, the variables
 * that carry their addresses, and the names of its settings. Functions import this module, never
 * lib/manifest.ts, so a bundle does not carry every route's schemas.
 */

/** Ids of the SQS queues and Step Functions workflows below (declared first: `Need` names them). */
export const QUEUE_IDS = [
  'analysis-bulk',
  'company-purge',
  'batch-fanout',
  'import-chunks',
  'exports',
  'quote-pdfs',
] as const;
export type QueueId = (typeof QUEUE_IDS)[number];
export const WORKFLOW_IDS = ['analysis'] as const;
export type WorkflowId = (typeof WORKFLOW_IDS)[number];

/** SQS queues with their dead-letter queues; `fn` consumes with partial-batch failures. */
export const queues = [
  { id: 'analysis-bulk', fn: 'analysisBulk', batchSize: 5, maxReceiveCount: 3 },
  // Each message is one bounded purge step and queues the next; five tries before the DLQ.
  { id: 'company-purge', fn: 'companyPurge', batchSize: 5, maxReceiveCount: 5 },
  // One page of a bulk analysis per message (functions/analysis/fanout.ts): a page is already 100 companies.
  { id: 'batch-fanout', fn: 'analysisFanout', batchSize: 1, maxReceiveCount: 3 },
  // One chunk of 200 rows of a CSV import per message (functions/imports/chunk.ts).
  { id: 'import-chunks', fn: 'importChunks', batchSize: 1, maxReceiveCount: 5 },
  // One large list export or workspace archive per message.
  { id: 'exports', fn: 'exportJobs', batchSize: 1, maxReceiveCount: 3 },
  // One quote PDF per message (functions/quote-pdf/handler.ts): a sent revision, its accepted copy, a preview.
  { id: 'quote-pdfs', fn: 'quotePdf', batchSize: 1, maxReceiveCount: 3 },
] as const satisfies readonly { id: QueueId; fn: string; batchSize: number; maxReceiveCount: number }[];

/** The single DynamoDB table: every entity, tenant-prefixed keys, three general-purpose indexes. */
export const table = {
  id: 'Main',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

export const buckets = [{ id: 'Documents', env: 'DOCUMENTS_BUCKET' }] as const;

/** The variable carrying a queue's URL to functions that may send to it. */
export const queueUrlEnv = (id: QueueId): string => `QUEUE_URL_${id.toUpperCase().replace(/-/g, '_')}`;

/** The variable carrying a workflow's state machine ARN to functions that may start it. */
export const workflowArnEnv = (id: WorkflowId): string => `WORKFLOW_ARN_${id.toUpperCase().replace(/-/g, '_')}`;

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
  /** The role tenant requests assume for their table calls (the cloud); unset locally. */
  tenantDataRoleArn: 'TENANT_DATA_ROLE_ARN',
  /**
   * EventBridge Scheduler for task reminders (the cloud): the schedule group, the role the
   * scheduler assumes and the reminder function it invokes. Unset locally: the local scheduler
   * keeps schedules in the table (functions/shared/scheduler.ts).
   */
  reminderScheduleGroup: 'REMINDER_SCHEDULE_GROUP',
  reminderScheduleRoleArn: 'REMINDER_SCHEDULE_ROLE_ARN',
  reminderTargetArn: 'REMINDER_TARGET_ARN',
} as const;
