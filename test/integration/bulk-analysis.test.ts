import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { newCompany, newTenant, unique } from '../support/api.js';

const sqs = new SQSClient({
  endpoint: inject('sqsEndpoint'),
  region: 'eu-west-2',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  useQueueUrlAsEndpoint: false,
});
const urls = inject('queueUrls');

/** Waits for a message whose body satisfies `match` to reach the dead-letter queue, and removes it. */
async function fromDeadLetterQueue(match: (body: string) => boolean, timeoutMs = 40_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: urls['analysis-bulk-dlq'], MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 1 }),
    );
    const found = Messages.find((m) => match(m.Body ?? ''));
    if (found) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: urls['analysis-bulk-dlq'], ReceiptHandle: found.ReceiptHandle }));
      return found.Body!;
    }
  }
  throw new Error('The poisoned message never reached the DLQ');
}

describe('bulk analysis', () => {
  it('analyses every company in a stage while a poisoned message goes to the DLQ without blocking the rest', async () => {
    const { owner } = await newTenant('Bulk');
    const companies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => newCompany(owner, { name: `Bulk ${i} ${unique()}`, stage: 'prospect', knownFacts: ['Hiring ten engineers'] })),
    );
    await newCompany(owner, { name: 'Not in the stage', stage: 'customer' });

    const poison = `not json ${unique()}`;
    await sqs.send(new SendMessageCommand({ QueueUrl: urls['analysis-bulk'], MessageBody: poison }));

    const started = await owner.post('/v1/analysis-batches', { stage: 'prospect' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ stage: 'prospect', total: 6, succeeded: 0, failed: 0, done: false });

    const deadline = Date.now() + 40_000;
    let batch = started.body;
    while (!batch.done && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      batch = (await owner.get(`/v1/analysis-batches/${started.body.batchId}`)).body;
    }
    expect(batch).toMatchObject({ total: 6, succeeded: 6, failed: 0, done: true });

    for (const company of companies) {
      const runs = (await owner.get(`/v1/companies/${company.companyId}/analysis`)).body.items;
      expect(runs).toEqual([expect.objectContaining({ status: 'succeeded', trigger: 'bulk', batchId: started.body.batchId })]);
      expect((await owner.get(`/v1/companies/${company.companyId}`)).body.leadScore).toBe(runs[0].scores.leadScore.score);
    }

    expect(await fromDeadLetterQueue((body) => body === poison)).toBe(poison);
    const listed = await owner.get('/v1/analysis-batches');
    expect(listed.body.items[0]).toMatchObject({ batchId: started.body.batchId, done: true });
  });

  it('refuses a stage with no companies (422) and a stage that does not exist (400)', async () => {
    const { owner } = await newTenant('Bulk empty');
    const empty = await owner.post('/v1/analysis-batches', { stage: 'lost' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].path).toBe('stage');
    const bad = await owner.post('/v1/analysis-batches', { stage: 'pipeline' });
    expect(bad.status).toBe(400);
    expect((await owner.get('/v1/analysis-batches')).body.items).toEqual([]);
  });
});
