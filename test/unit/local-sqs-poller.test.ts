import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_VISIBILITY_TIMEOUT_SECONDS, ensureQueues } from '../../lib/local/bootstrap.js';
import { startSqs, type Running } from '../../lib/local/emulators.js';
import { startSqsPollers, type SqsPollers } from '../../lib/local/sqs-poller.js';
import type { LocalHandler } from '../../lib/local/lambda-runtime.js';

const REGION = 'eu-west-2';
const PORT = 5310;
const endpoint = `http://127.0.0.1:${PORT}`;

let fauxqs: Running;
let sqs: SQSClient;
let pollers: SqsPollers | undefined;

beforeAll(async () => {
  fauxqs = await startSqs(PORT);
  sqs = new SQSClient({ endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
});
afterEach(async () => {
  await pollers?.stop();
  pollers = undefined;
});
afterAll(async () => {
  sqs?.destroy();
  await fauxqs?.stop();
});

/** Fails the test instead of hanging when `promise` does not settle in time. */
const within = <T>(ms: number, promise: Promise<T>): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms).unref()),
  ]);

/** A queue (with `<id>-dlq`, maxReceiveCount 2) made by the real bootstrap, and pollers on it calling `handler`. */
async function setup(
  id: string,
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | void>,
  opts: { visibilityTimeoutSeconds?: number; waitTimeSeconds?: number } = {},
) {
  const urls = await ensureQueues(endpoint, {
    queues: [{ id, maxReceiveCount: 2 }],
    visibilityTimeoutSeconds: opts.visibilityTimeoutSeconds,
  });
  pollers = await startSqsPollers({
    endpoint,
    waitTimeSeconds: opts.waitTimeSeconds,
    region: REGION,
    queueUrls: urls,
    queues: [{ id, fn: 'analysisBulk', batchSize: 5 }],
    loadHandler: async () => handler as unknown as LocalHandler,
  });
  return { url: urls[id]!, dlq: urls[`${id}-dlq`]! };
}

const count = async (url: string) =>
  Number(
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] })))
      .Attributes!.ApproximateNumberOfMessages,
  );

describe('local SQS event source', () => {
  it('creates the queues with the short local visibility timeout and a redrive policy', async () => {
    const urls = await ensureQueues(endpoint, { queues: [{ id: 'attrs', maxReceiveCount: 2 }] });
    const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: urls.attrs, AttributeNames: ['All'] })))
      .Attributes!;
    expect(a.VisibilityTimeout).toBe(String(LOCAL_VISIBILITY_TIMEOUT_SECONDS));
    expect(JSON.parse(a.RedrivePolicy!)).toMatchObject({
      maxReceiveCount: 2,
      deadLetterTargetArn: expect.stringContaining('attrs-dlq'),
    });
  });

  it('hands batches to the consumer as Lambda SQSEvents and deletes what it processed', async () => {
    const seen: SQSRecord[] = [];
    const batchSizes: number[] = [];
    const { url } = await setup('all-ok', async (event) => {
      batchSizes.push(event.Records.length);
      seen.push(...event.Records);
      return { batchItemFailures: [] };
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: JSON.stringify({ companyId: 'c-0' }),
        MessageAttributes: { tenantId: { DataType: 'String', StringValue: 't-1' } },
      }),
    );
    for (let i = 1; i < 12; i += 6) {
      const entries = Array.from({ length: Math.min(6, 12 - i) }, (_, k) => ({
        Id: String(k),
        MessageBody: JSON.stringify({ companyId: `c-${i + k}` }),
      }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
    }
    await within(10_000, pollers!.idle());

    expect(seen.map((r) => JSON.parse(r.body).companyId).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `c-${i}`).sort(),
    );
    expect(new Set(seen.map((r) => r.messageId)).size).toBe(12);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(5);
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
      .Attributes!.QueueArn;
    const first = seen.find((r) => JSON.parse(r.body).companyId === 'c-0')!;
    expect(first).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: REGION,
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      attributes: {
        ApproximateReceiveCount: '1',
        SenderId: expect.any(String),
        SentTimestamp: expect.stringMatching(/^\d+$/),
      },
      messageAttributes: {
        tenantId: { stringValue: 't-1', dataType: 'String', stringListValues: [], binaryListValues: [] },
      },
    });
    expect(first.receiptHandle).toBeTruthy();
    expect(await count(url)).toBe(0);
  });

  it('retries a message reported in batchItemFailures until it lands in the DLQ, deleting the others', async () => {
    const receives: Record<string, string[]> = {};
    const { url, dlq } = await setup('partial', async (event) => {
      for (const r of event.Records) (receives[r.body] ??= []).push(r.attributes.ApproximateReceiveCount);
      return {
        batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({
          itemIdentifier: r.messageId,
        })),
      };
    });
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: ['a', 'poison', 'b'].map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );
    await within(15_000, pollers!.idle());

    expect(receives).toEqual({ a: ['1'], b: ['1'], poison: ['1', '2'] });
    expect(await count(url)).toBe(0);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10 }));
    expect(dead.Messages?.map((m) => m.Body)).toEqual(['poison']);
  });

  it('leaves the whole batch for redelivery when the handler throws', async () => {
    const receives: Record<string, string[]> = {};
    let calls = 0;
    const { url, dlq } = await setup('throws', async (event) => {
      calls++;
      for (const r of event.Records) (receives[r.body] ??= []).push(r.attributes.ApproximateReceiveCount);
      if (calls === 1) throw new Error('database unavailable');
    });
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: ['x', 'y'].map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );
    await within(15_000, pollers!.idle());

    expect(receives).toEqual({ x: ['1', '2'], y: ['1', '2'] });
    expect(await count(url)).toBe(0);
    expect(await count(dlq)).toBe(0);
  });

  it('keeps a batch invisible while a slow handler runs past the visibility timeout', async () => {
    const calls: string[] = [];
    const { url } = await setup(
      'slow',
      async (event) => {
        calls.push(...event.Records.map((r) => r.body));
        await new Promise((resolve) => setTimeout(resolve, 2500));
      },
      { visibilityTimeoutSeconds: 1 },
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'slow-one' }));
    await within(10_000, pollers!.idle());
    expect(calls).toEqual(['slow-one']);
  });

  it('stops promptly, aborting the long poll', async () => {
    await setup('stop', async () => undefined, { waitTimeSeconds: 20 });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the pollers are now inside a 20 s long poll
    const started = performance.now();
    await pollers!.stop();
    pollers = undefined;
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
