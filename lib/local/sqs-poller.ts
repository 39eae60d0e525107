import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { queues as manifestQueues, type FunctionName } from '../manifest.js';
import { LOCAL_CREDENTIALS } from './bootstrap.js';
import { invokeInProcess, lambdaErrorOf, type LoadHandler } from './lambda-runtime.js';

/*
 * The local twin of Lambda's SQS event source mapping (with ReportBatchItemFailures):
 * - long-polls each queue with MaxNumberOfMessages = batchSize, up to `concurrency` batches in
 *   flight per queue (Lambda scales pollers out; two keeps a laptop responsive);
 * - builds the SQSEvent Lambda builds and calls the consumer in-process;
 * - deletes every message not listed in `batchItemFailures`; deletes nothing if the handler
 *   throws, times out, or returns an invalid failure list (as Lambda does);
 * - leaves failures to the queue: they come back after the visibility timeout and, past the
 *   redrive policy's maxReceiveCount, fauxqs moves them to the DLQ on the next receive.
 * Locally the queues have a short visibility timeout (bootstrap) so retries take seconds. So that
 * a slow handler is not handed its own messages again, the poller extends the visibility of an
 * in-flight batch while the handler runs (up to the function's timeout), much as AWS's six-times-
 * the-timeout visibility does; a failed message therefore reappears within one visibility timeout.
 */

export interface PolledQueue {
  id: string;
  fn: FunctionName;
  batchSize: number;
}

export interface SqsPollerOptions {
  endpoint: string;
  region: string;
  /** Queue URLs by queue id, as ensureQueues returns them. */
  queueUrls: Record<string, string>;
  loadHandler: LoadHandler;
  /** Defaults to manifest.queues. */
  queues?: readonly PolledQueue[];
  /** Batches in flight per queue. Default 5, as Lambda starts an SQS event source with five pollers. */
  concurrency?: number;
  /** Long-poll wait. Default 1 s. */
  waitTimeSeconds?: number;
  log?: (line: string) => void;
}

export interface SqsPollers {
  /** Resolves once every polled queue is empty (nothing visible, in flight or delayed) and no batch is being handled. */
  idle(): Promise<void>;
  /** Aborts the long polls and waits briefly for batches in flight. */
  stop(): Promise<void>;
}

/** Waits `ms`, or less if `signal` aborts first. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((ok) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      ok();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** A received message as the Lambda SQS event record carries it. */
export function sqsRecord(message: Message, eventSourceARN: string, awsRegion: string): SQSRecord {
  const messageAttributes: SQSMessageAttributes = {};
  for (const [name, a] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      ...(a.StringValue === undefined ? {} : { stringValue: a.StringValue }),
      ...(a.BinaryValue === undefined ? {} : { binaryValue: Buffer.from(a.BinaryValue).toString('base64') }),
      stringListValues: a.StringListValues ?? [],
      binaryListValues: (a.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      dataType: a.DataType ?? 'String',
    };
  }
  const attrs = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attrs.ApproximateReceiveCount ?? '1',
      SentTimestamp: attrs.SentTimestamp ?? String(Date.now()),
      SenderId: attrs.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attrs.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attrs.AWSTraceHeader ? { AWSTraceHeader: attrs.AWSTraceHeader } : {}),
      ...(attrs.SequenceNumber ? { SequenceNumber: attrs.SequenceNumber } : {}),
      ...(attrs.MessageGroupId ? { MessageGroupId: attrs.MessageGroupId } : {}),
      ...(attrs.MessageDeduplicationId ? { MessageDeduplicationId: attrs.MessageDeduplicationId } : {}),
      ...(attrs.DeadLetterQueueSourceArn ? { DeadLetterQueueSourceArn: attrs.DeadLetterQueueSourceArn } : {}),
    },
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
}

/**
 * The message ids a handler's SQSBatchResponse marks as failed, or 'all' when the response is
 * not one Lambda accepts (then, like Lambda, the whole batch counts as failed).
 */
export function failedIds(response: unknown, batchIds: readonly string[]): Set<string> | 'all' {
  if (response === null || response === undefined || typeof response !== 'object') return new Set();
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const ids = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !batchIds.includes(id)) return 'all';
    ids.add(id);
  }
  return ids;
}

/** Starts one poller group per queue; see the notes at the top of this file. */
export async function startSqsPollers(options: SqsPollerOptions): Promise<SqsPollers> {
  const log = options.log ?? (() => undefined);
  const concurrency = options.concurrency ?? 5;
  const waitTimeSeconds = options.waitTimeSeconds ?? 1;
  const defs = options.queues ?? manifestQueues;
  // An explicit endpoint: the SDK then never swaps in the queue URL's host.
  const sqs = new SQSClient({ endpoint: options.endpoint, region: options.region, credentials: LOCAL_CREDENTIALS });
  const controller = new AbortController();
  const { signal } = controller;
  let inFlight = 0;

  const targets = await Promise.all(
    defs.map(async (q) => {
      const url = options.queueUrls[q.id];
      if (!url) throw new Error(`No URL for queue ${q.id}`);
      const attrs =
        (
          await sqs.send(
            new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'VisibilityTimeout'] }),
          )
        ).Attributes ?? {};
      return { ...q, url, arn: attrs.QueueArn!, visibilityTimeout: Number(attrs.VisibilityTimeout ?? 30) };
    }),
  );

  type Target = (typeof targets)[number];

  const keepInvisible = (q: Target, messages: Message[]) => {
    const extend = () =>
      sqs
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: q.url,
            Entries: messages.map((m, i) => ({
              Id: String(i),
              ReceiptHandle: m.ReceiptHandle!,
              VisibilityTimeout: q.visibilityTimeout,
            })),
          }),
        )
        .catch(() => undefined);
    // Stopped by the caller once the handler settles; invokeInProcess ends it at the function timeout.
    const timer = setInterval(() => void extend(), Math.max(250, (q.visibilityTimeout * 1000) / 2));
    return () => clearInterval(timer);
  };

  const handleBatch = async (q: Target, messages: Message[]) => {
    const records = messages.map((m) => sqsRecord(m, q.arn, options.region));
    const event: SQSEvent = { Records: records };
    const release = keepInvisible(q, messages);
    let response: unknown;
    try {
      response = await invokeInProcess({ fn: q.fn, load: options.loadHandler, event, region: options.region });
    } catch (error) {
      const e = lambdaErrorOf(error);
      log(
        `[sqs] ${q.id}: ${q.fn} failed (${e.errorType}: ${e.errorMessage}); ${messages.length} message(s) left for redelivery`,
      );
      return;
    } finally {
      release();
    }
    const ids = records.map((r) => r.messageId);
    const failed = failedIds(response, ids);
    if (failed === 'all') {
      log(`[sqs] ${q.id}: ${q.fn} returned an invalid batchItemFailures list; the whole batch is left for redelivery`);
      return;
    }
    if (failed.size)
      log(`[sqs] ${q.id}: ${failed.size} of ${messages.length} message(s) reported failed; left for redelivery`);
    const done = records.filter((r) => !failed.has(r.messageId));
    for (const part of chunks(done, 10)) {
      if (signal.aborted) return;
      const out = await sqs
        .send(
          new DeleteMessageBatchCommand({
            QueueUrl: q.url,
            Entries: part.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
          }),
        )
        .catch((error: Error) => ({ Failed: [{ Id: '*', Message: error.message }] }));
      for (const f of out.Failed ?? []) log(`[sqs] ${q.id}: delete failed (${f.Id}): ${f.Message}`);
    }
  };

  const worker = async (q: Target) => {
    while (!signal.aborted) {
      let messages: Message[];
      try {
        const out = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: q.url,
            MaxNumberOfMessages: Math.min(q.batchSize, 10),
            WaitTimeSeconds: waitTimeSeconds,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: signal },
        );
        messages = out.Messages ?? [];
      } catch (error) {
        if (signal.aborted) return;
        log(`[sqs] ${q.id}: receive failed: ${(error as Error).message}`);
        await sleep(1000, signal);
        continue;
      }
      if (!messages.length) continue;
      inFlight++;
      try {
        await handleBatch(q, messages);
      } catch (error) {
        log(`[sqs] ${q.id}: ${(error as Error).stack ?? String(error)}`);
      } finally {
        inFlight--;
      }
    }
  };

  const workers = targets.flatMap((q) => Array.from({ length: concurrency }, () => worker(q)));

  const queueEmpty = async (q: Target) => {
    const a =
      (
        await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: q.url,
            AttributeNames: [
              'ApproximateNumberOfMessages',
              'ApproximateNumberOfMessagesNotVisible',
              'ApproximateNumberOfMessagesDelayed',
            ],
          }),
        )
      ).Attributes ?? {};
    return (
      Number(a.ApproximateNumberOfMessages ?? 0) +
        Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) +
        Number(a.ApproximateNumberOfMessagesDelayed ?? 0) ===
      0
    );
  };

  return {
    async idle() {
      for (;;) {
        if (signal.aborted) return;
        if (inFlight === 0 && (await Promise.all(targets.map(queueEmpty))).every(Boolean) && inFlight === 0) return;
        await sleep(100, signal);
      }
    },
    async stop() {
      controller.abort();
      // A handler still running (an AI call, say) is not waited for beyond a short grace.
      const grace = new AbortController();
      await Promise.race([Promise.allSettled(workers), sleep(3000, grace.signal)]);
      grace.abort();
      sqs.destroy();
    },
  };
}
