import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { newCompany, newTenant, unique, type Client } from '../support/api.js';
import { tableDb } from '../support/table.js';

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
      new ReceiveMessageCommand({
        QueueUrl: urls['analysis-bulk-dlq'],
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 1,
      }),
    );
    const found = Messages.find((m) => match(m.Body ?? ''));
    if (found) {
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: urls['analysis-bulk-dlq'], ReceiptHandle: found.ReceiptHandle }),
      );
      return found.Body!;
    }
  }
  throw new Error('The poisoned message never reached the DLQ');
}

/** Polls a batch until it is done, returning its last state. */
async function settledBatch(owner: Client, batchId: string, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  let batch = (await owner.get(`/v1/analysis-batches/${batchId}`)).body;
  while (!batch.done && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    batch = (await owner.get(`/v1/analysis-batches/${batchId}`)).body;
  }
  return batch;
}

describe('bulk analysis', () => {
  it('analyses every company in a stage while a poisoned message goes to the DLQ without blocking the rest', async () => {
    const { owner } = await newTenant('Bulk');
    const companies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        newCompany(owner, { name: `Bulk ${i} ${unique()}`, stage: 'prospect', knownFacts: ['Hiring ten engineers'] }),
      ),
    );
    await newCompany(owner, { name: 'Not in the stage', stage: 'customer' });

    const poison = `not json ${unique()}`;
    await sqs.send(new SendMessageCommand({ QueueUrl: urls['analysis-bulk'], MessageBody: poison }));

    const started = await owner.post('/v1/analysis-batches', { stage: 'prospect' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ stage: 'prospect', total: 6, succeeded: 0, failed: 0, done: false });

    expect(await settledBatch(owner, started.body.batchId)).toMatchObject({
      total: 6,
      succeeded: 6,
      failed: 0,
      done: true,
    });
    const { tenantId } = (await owner.get('/v1/me')).body.tenant;
    const db = await tableDb();
    // Every message settled: nothing is left for a restart to resume.
    expect(
      (await db.entities.analysisOutbox.query.byBatch({ tenantId, batchId: started.body.batchId }).go()).data,
    ).toEqual([]);

    for (const company of companies) {
      const runs = (await owner.get(`/v1/companies/${company.companyId}/analysis`)).body.items;
      expect(runs).toEqual([
        expect.objectContaining({ status: 'succeeded', trigger: 'bulk', batchId: started.body.batchId }),
      ]);
      expect((await owner.get(`/v1/companies/${company.companyId}`)).body.leadScore).toBe(
        runs[0].scores.leadScore.score,
      );
    }

    expect(await fromDeadLetterQueue((body) => body === poison)).toBe(poison);
    const listed = await owner.get('/v1/analysis-batches');
    expect(listed.body.items[0]).toMatchObject({ batchId: started.body.batchId, done: true });
  });

  it('rebuilds queued work from the table: messages lost with the in-memory queue are sent again and complete', async () => {
    const { owner } = await newTenant('Bulk resume');
    const me = (await owner.get('/v1/me')).body;
    const companies = await Promise.all(
      [1, 2, 3].map((i) => newCompany(owner, { name: `Resume ${i} ${unique()}`, stage: 'lead' })),
    );
    // A batch whose messages were recorded but never reached the queue (as after a restart).
    const db = await tableDb();
    const now = new Date().toISOString();
    const batchId = `01RESUME${unique().toUpperCase()}`;
    const base = { tenantId: me.tenant.tenantId, batchId, requestedBy: me.userId, requestedByName: me.name };
    await db.entities.analysisBatch
      .create({ ...base, stage: 'lead', total: 3, succeeded: 0, failed: 0, createdAt: now, updatedAt: now })
      .go();
    await db.entities.analysisOutbox
      .put(companies.map((c, i) => ({ ...base, companyId: c.companyId, runId: `${batchId}R${i}` })))
      .go();

    const { drainOutbox } = await import('../../functions/analysis/outbox.js');
    const send = async (_queue: string, bodies: unknown[]) => {
      for (const body of bodies)
        await sqs.send(new SendMessageCommand({ QueueUrl: urls['analysis-bulk'], MessageBody: JSON.stringify(body) }));
      return bodies.length;
    };
    const deps = {
      db,
      now: () => new Date().toISOString(),
      newId: unique,
      startWorkflow: async () => '',
      sendMessages: send,
    };
    const resumed = await drainOutbox(deps, { minAgeMs: 0 });
    expect(resumed).toBeGreaterThanOrEqual(3);

    expect(await settledBatch(owner, batchId)).toMatchObject({ total: 3, succeeded: 3, failed: 0, done: true });
    expect(
      (await db.entities.analysisOutbox.query.byBatch({ tenantId: me.tenant.tenantId, batchId }).go()).data,
    ).toEqual([]);
    expect(await drainOutbox(deps, { minAgeMs: 0 })).toBe(0);
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
