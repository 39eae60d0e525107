import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { asFunctionRole } from '../data/tenant-scope.js';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { traceInvocations } from '../shared/observability.js';
import { sendToQueue } from '../shared/queue.js';
import { purgeStep, queuePurge, type CompanyDeps } from './tombstone.js';

const deps: CompanyDeps = { ...defaultDeps, sendMessages: (id, bodies) => sendToQueue(id, bodies) };

const purgeMessage = z.object({ tenantId: z.string().min(1), companyId: z.string().min(1) });

/** Returns false when the message should be delivered again (after the last try SQS dead-letters it). */
async function processRecord(record: SQSRecord): Promise<boolean> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const parsed = purgeMessage.safeParse(body);
  if (!parsed.success) {
    logger.error('unreadable company purge message', { messageId: record.messageId });
    return true;
  }
  const key = parsed.data;
  const outcome = await purgeStep(key, deps);
  if (outcome === 'not-deleted') logger.warn('purge message for a company that is not deleted', key);
  // The next step is its own message, so no delivery runs longer than one bounded step; if it cannot
  // be queued this one is retried (a repeated step deletes nothing twice).
  if (outcome === 'more') await queuePurge(key, deps);
  return true;
}

/** One company's purge step per message; failures are reported per message. */
async function consume(event: SQSEvent): Promise<SQSBatchResponse> {
  const failed = await Promise.all(
    event.Records.map(async (record) => {
      try {
        return (await processRecord(record)) ? undefined : record.messageId;
      } catch (error) {
        logger.error('company purge step failed', { messageId: record.messageId, error: error as Error });
        return record.messageId;
      }
    }),
  );
  return {
    batchItemFailures: failed.filter((id): id is string => !!id).map((itemIdentifier) => ({ itemIdentifier })),
  };
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .use(traceInvocations())
  // Background work for any tenant: the function's own role, chosen here on purpose (tenant-scope.ts).
  .handler((event: SQSEvent) => asFunctionRole('the company purge queue', () => consume(event)));
