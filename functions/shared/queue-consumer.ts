import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';
import { asFunctionRole } from '../data/tenant-scope.js';
import { logger } from './logger.js';
import { traceInvocations } from './observability.js';

export interface QueueConsumer<T> {
  /** Names the queue in logs and in the reason for using the function's own role. */
  queue: string;
  message: z.ZodType<T>;
  /**
   * Handles one message: true when done, false to have SQS deliver it again (after the queue's
   * last try it dead-letters, which raises the DLQ alarm). Throwing counts as false.
   */
  handle: (message: T, record: SQSRecord) => Promise<boolean>;
}

/**
 * The Lambda handler for a queue of background work: each record parsed against its schema and
 * handled on its own, failures reported per record (one bad message never blocks its batch), an
 * unreadable message left to reach the DLQ. Queue work serves any tenant, so it runs with the
 * function's own role, on purpose (tenant-scope.ts).
 */
export function queueConsumer<T>(consumer: QueueConsumer<T>) {
  const handleRecord = async (record: SQSRecord): Promise<boolean> => {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      body = undefined;
    }
    const parsed = consumer.message.safeParse(body);
    if (!parsed.success) {
      logger.error(`unreadable ${consumer.queue} message`, { messageId: record.messageId });
      return false;
    }
    return consumer.handle(parsed.data, record);
  };

  const consume = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failed = await Promise.all(
      event.Records.map(async (record) => {
        try {
          return (await handleRecord(record)) ? undefined : record.messageId;
        } catch (error) {
          logger.error(`${consumer.queue} message failed`, { messageId: record.messageId, error: error as Error });
          return record.messageId;
        }
      }),
    );
    return {
      batchItemFailures: failed.filter((id): id is string => !!id).map((itemIdentifier) => ({ itemIdentifier })),
    };
  };

  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger))
    .use(traceInvocations())
    .handler((event: SQSEvent) => asFunctionRole(`the ${consumer.queue} queue`, () => consume(event)));
}
