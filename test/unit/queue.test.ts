import { SendMessageBatchCommand, SQSClient, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queueUrlEnv } from '../../lib/manifest.js';
import { QueueSendError, sendToQueue, sqsSafeJson } from '../../functions/shared/queue.js';

// Partial batch failures and a refused batch cannot be forced on the local SQS, so these use a client mock.
const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());
beforeAll(() => {
  process.env[queueUrlEnv('analysis-bulk')] = 'http://sqs.test/000000000000/analysis-bulk';
});

const inputs = () =>
  sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input as SendMessageBatchCommandInput);
const allSucceed = (input: SendMessageBatchCommandInput) => ({
  Successful: input.Entries!.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: '' })),
});

describe('sending to a queue', () => {
  it('sends 25 messages as batches of 10, 10 and 5 with every body once, as JSON', async () => {
    sqs.on(SendMessageBatchCommand).callsFake(allSucceed);
    const bodies = Array.from({ length: 25 }, (_, i) => ({ n: i }));

    await expect(sendToQueue('analysis-bulk', bodies)).resolves.toBe(25);

    const calls = inputs();
    expect(calls.map((c) => c.Entries!.length).sort((a, b) => b - a)).toEqual([10, 10, 5]);
    expect(calls.every((c) => c.QueueUrl === 'http://sqs.test/000000000000/analysis-bulk')).toBe(true);
    const sentBodies = calls.flatMap((c) => c.Entries!.map((e) => JSON.parse(e.MessageBody!).n)).sort((a, b) => a - b);
    expect(sentBodies).toEqual(bodies.map((b) => b.n));
  });

  it('keeps no more batches in flight than the concurrency allows', async () => {
    let inFlight = 0;
    let peak = 0;
    sqs.on(SendMessageBatchCommand).callsFake(async (input: SendMessageBatchCommandInput) => {
      peak = Math.max(peak, ++inFlight);
      await Promise.resolve();
      await Promise.resolve();
      inFlight--;
      return allSucceed(input);
    });

    await expect(
      sendToQueue(
        'analysis-bulk',
        Array.from({ length: 95 }, (_, i) => i),
        { concurrency: 3 },
      ),
    ).resolves.toBe(95);
    expect(inputs()).toHaveLength(10);
    expect(peak).toBe(3);
  });

  it('retries entries SQS failed on its side and reports the ones the sender caused, by index, after trying every batch', async () => {
    let call = 0;
    sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
      call++;
      const entries = input.Entries!;
      // The first batch: entry 3 hits an internal error once, entry 7 is refused as too large.
      if (entries.some((e) => e.Id === '7')) {
        return {
          Successful: entries.filter((e) => e.Id !== '3' && e.Id !== '7').map((e) => ({ Id: e.Id })),
          Failed: [
            { Id: '3', Code: 'InternalError', SenderFault: false, Message: 'try again' },
            { Id: '7', Code: 'InvalidParameterValue', SenderFault: true, Message: 'too large' },
          ],
        };
      }
      return allSucceed(input);
    });

    const error = await sendToQueue(
      'analysis-bulk',
      Array.from({ length: 12 }, (_, i) => i),
      { concurrency: 1 },
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(QueueSendError);
    const failure = error as QueueSendError;
    expect(failure.sent).toBe(11);
    expect(failure.failures).toEqual([{ index: 7, code: 'InvalidParameterValue', message: 'too large' }]);
    expect(failure.message).toMatch(/refused 1 message\(s\) \(11 sent\): InvalidParameterValue too large/);
    // First batch, its retry of entry 3 alone, then the second batch.
    expect(call).toBe(3);
    expect(inputs()[1]!.Entries!.map((e) => e.Id)).toEqual(['3']);
  });

  it('gives up on an entry SQS keeps failing after two retries', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false, Message: 'still failing' }],
    });
    const error = (await sendToQueue('analysis-bulk', ['only']).catch((e: unknown) => e)) as QueueSendError;
    expect(error.failures).toEqual([{ index: 0, code: 'InternalError', message: 'still failing' }]);
    expect(inputs()).toHaveLength(3);
  });

  it('reports every message of a batch whose call failed, and still sends the other batches', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .rejectsOnce(Object.assign(new Error('Access to the resource is denied'), { name: 'AccessDenied' }))
      .callsFake(allSucceed);

    const error = (await sendToQueue(
      'analysis-bulk',
      Array.from({ length: 15 }, (_, i) => i),
      { concurrency: 1 },
    ).catch((e: unknown) => e)) as QueueSendError;

    expect(error).toBeInstanceOf(QueueSendError);
    expect(error.sent).toBe(5);
    expect(error.failures.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(error.failures[0]).toMatchObject({ code: 'AccessDenied' });
  });

  it('makes no call for no messages', async () => {
    await expect(sendToQueue('analysis-bulk', [])).resolves.toBe(0);
    expect(inputs()).toHaveLength(0);
  });
});

describe('message bodies SQS accepts', () => {
  // fauxqs 1.9.2 (sqs/sqsTypes.js) checks UTF-16 code units, so it refuses surrogates, i.e. every
  // character above U+FFFF; SQS itself refuses what is outside #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF.
  /* eslint-disable no-control-regex -- SQS's set is defined from tab, LF and CR up */
  const fauxqsRefuses = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/;
  const sqsRefuses = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
  /* eslint-enable no-control-regex */

  it('escapes characters above U+FFFF (the fuzzed name fauxqs refused), U+FFFE/U+FFFF and lone surrogates, and parses back the same', () => {
    const body = {
      requestedByName: 'ㄢ𑥕㋌𞟸⧧𛀢𓊬ϑ',
      name: 'Fuzz \uFFFE Co \uFFFF',
      lone: 'a\uD800b\uDFFFc',
      controls: 'tab\tnl\ncr\r nul\u0000 bell\u0007',
      plain: 'café 🚀 \\ "quoted"',
    };
    const json = sqsSafeJson(body);
    expect(json).not.toMatch(fauxqsRefuses);
    expect(json).not.toMatch(sqsRefuses);
    expect(json).toContain('\\ud806\\udd55');
    expect(JSON.parse(json)).toEqual(body);
  });

  it('leaves text SQS accepts as it is', () => {
    expect(sqsSafeJson({ name: 'Northwind Ltd — café' })).toBe('{"name":"Northwind Ltd — café"}');
  });
});
