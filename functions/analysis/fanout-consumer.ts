import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { asFunctionRole } from '../data/tenant-scope.js';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { traceInvocations } from '../shared/observability.js';
import { fanoutPage } from './fanout.js';
import { awsPorts } from './ports.js';
import { fanoutMessage } from './schema.js';

const deps = { ...defaultDeps, ...awsPorts };

/** Returns false when the page should be delivered again (after the last try it goes to the DLQ). */
async function processRecord(record: SQSRecord): Promise<boolean> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const parsed = fanoutMessage.safeParse(body);
  if (!parsed.success) {
    logger.error('unreadable fan-out message', { messageId: record.messageId });
    return false;
  }
  try {
    await fanoutPage(parsed.data, deps);
    return true;
  } catch (error) {
    // Every step of a page is safe to repeat: let SQS deliver it again.
    logger.warn('fan-out page failed', { batchId: parsed.data.batchId, error: error as Error });
    return false;
  }
}

/** One page of a bulk analysis per message (the queue's batch size is 1). */
async function consume(event: SQSEvent): Promise<SQSBatchResponse> {
  const failed: string[] = [];
  for (const record of event.Records) if (!(await processRecord(record))) failed.push(record.messageId);
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .use(traceInvocations())
  // Background work for any tenant: the function's own role, chosen here on purpose (tenant-scope.ts).
  .handler((event: SQSEvent) => asFunctionRole('the bulk analysis fan-out queue', () => consume(event)));
