import { queueUrlEnv, type QueueId } from '../../lib/manifest-runtime.js';
import { requireEnv } from './config.js';
import { lazy } from './lazy.js';
import { traced } from './observability.js';

/** SQS takes at most ten entries per SendMessageBatch. */
const BATCH_SIZE = 10;
/** Batches in flight at once by default: fast for thousands of messages without a burst of hundreds of calls. */
const DEFAULT_CONCURRENCY = 8;
/** Extra tries for entries SQS failed on its side (SenderFault false); the sender's faults are not retried. */
const RETRIES = 2;

/** One message that was not queued: its position in the bodies given, and SQS's reason. */
export interface QueueFailure {
  index: number;
  code: string;
  message: string;
}

/** Some messages were not queued; `sent` others were. Callers decide whether to retry, record or fail. */
export class QueueSendError extends Error {
  override name = 'QueueSendError';
  constructor(
    readonly queue: QueueId,
    readonly sent: number,
    readonly failures: QueueFailure[],
  ) {
    const first = failures[0];
    super(
      `SQS queue ${queue} refused ${failures.length} message(s) (${sent} sent)` +
        (first ? `: ${first.code} ${first.message}` : ''),
    );
  }
}

export interface SendOptions {
  /** Batches in flight at once (default 8). */
  concurrency?: number;
  /** Hidden from consumers this long after sending (SQS allows up to 900 s). */
  delaySeconds?: number;
}

const sqs = lazy(async () => {
  const { SQSClient, SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  // Local queue URLs carry a host:port the SDK cannot parse; AWS_ENDPOINT_URL_SQS decides where calls go anyway.
  return { client: traced(new SQSClient({ useQueueUrlAsEndpoint: false })), SendMessageBatchCommand };
});

/**
 * UTF-16 code units outside SQS's character set as fauxqs checks it (a regex without the u flag):
 * it refuses every surrogate, so any character above U+FFFF (emoji, a fuzzed name), which real
 * SQS allows, and U+FFFE/U+FFFF, which JSON.stringify keeps. Controls are escaped by JSON already.
 */
// eslint-disable-next-line no-control-regex -- SQS's set is defined from tab, LF and CR up
const NOT_SQS_SAFE = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/g;

/**
 * JSON that SQS (and fauxqs) accepts whatever the data holds: the code units it would refuse are
 * written as \u escapes, which JSON.parse reads back as the same string. They only ever occur
 * inside JSON strings and never within an escape, so replacing them one by one is safe.
 */
export const sqsSafeJson = (body: unknown): string =>
  JSON.stringify(body).replace(NOT_SQS_SAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Sends each body as JSON to a manifest queue, in batches of ten with a bounded number in flight.
 * Returns how many were sent; if any were refused (after retrying SQS-side faults) it throws a
 * QueueSendError naming them by index, once every batch has been tried.
 */
export async function sendToQueue(id: QueueId, bodies: readonly unknown[], options: SendOptions = {}): Promise<number> {
  if (bodies.length === 0) return 0;
  const { client, SendMessageBatchCommand } = await sqs();
  const url = requireEnv(queueUrlEnv(id));
  const entries = bodies.map((body, index) => ({
    Id: String(index),
    MessageBody: sqsSafeJson(body),
    DelaySeconds: options.delaySeconds,
  }));
  const chunks: (typeof entries)[] = [];
  for (let i = 0; i < entries.length; i += BATCH_SIZE) chunks.push(entries.slice(i, i + BATCH_SIZE));

  let sent = 0;
  const failures: QueueFailure[] = [];
  const sendChunk = async (chunk: typeof entries) => {
    let pending = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      let result;
      try {
        result = await client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: pending }));
      } catch (error) {
        // The SDK has already retried throttling and network errors: the whole batch is lost.
        const e = error as Error;
        for (const entry of pending) failures.push({ index: Number(entry.Id), code: e.name, message: e.message });
        return;
      }
      sent += result.Successful?.length ?? 0;
      const failed = result.Failed ?? [];
      const retry = attempt < RETRIES ? failed.filter((f) => !f.SenderFault) : [];
      for (const f of failed.filter((f) => !retry.includes(f))) {
        failures.push({ index: Number(f.Id), code: f.Code ?? 'Unknown', message: f.Message ?? '' });
      }
      pending = pending.filter((entry) => retry.some((f) => f.Id === entry.Id));
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < chunks.length) await sendChunk(chunks[next++]!);
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, chunks.length));
  await Promise.all(Array.from({ length: concurrency }, worker));

  if (failures.length > 0) {
    throw new QueueSendError(
      id,
      sent,
      failures.sort((a, b) => a.index - b.index),
    );
  }
  return sent;
}
