import { describe, expect, inject, it } from 'vitest';
import { queueUrlEnv } from '../../lib/manifest.js';
import { newCompany, newTenant, unique, type Client } from '../support/api.js';
import { tableDb } from '../support/table.js';

async function settledBatch(owner: Client, batchId: string, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  let batch = (await owner.get(`/v1/analysis-batches/${batchId}`)).body;
  while (!batch.done && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    batch = (await owner.get(`/v1/analysis-batches/${batchId}`)).body;
  }
  return batch;
}

describe('the queue port on the local SQS', () => {
  it('queues more than one batch of messages and the consumer analyses every company', async () => {
    const db = await tableDb();
    process.env[queueUrlEnv('analysis-bulk')] = inject('queueUrls')['analysis-bulk'];
    const { sendToQueue } = await import('../../functions/shared/queue.js');

    const { owner } = await newTenant('Queue port');
    const me = (await owner.get('/v1/me')).body;
    const companies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => newCompany(owner, { name: `Queued ${i} ${unique()}`, stage: 'lead' })),
    );
    const now = new Date().toISOString();
    const batchId = `01QUEUE${unique().toUpperCase()}`;
    const base = { tenantId: me.tenant.tenantId, batchId, requestedBy: me.userId, requestedByName: me.name };
    await db.entities.analysisBatch
      .create({
        ...base,
        stage: 'lead',
        total: companies.length,
        succeeded: 0,
        failed: 0,
        createdAt: now,
        updatedAt: now,
      })
      .go();
    const messages = companies.map((c, i) => ({ ...base, companyId: c.companyId, runId: `${batchId}R${i}` }));

    await expect(sendToQueue('analysis-bulk', messages, { concurrency: 2 })).resolves.toBe(12);

    expect(await settledBatch(owner, batchId)).toMatchObject({ total: 12, succeeded: 12, failed: 0, done: true });
    for (const company of companies) {
      const runs = (await owner.get(`/v1/companies/${company.companyId}/analysis`)).body.items;
      expect(runs).toEqual([expect.objectContaining({ status: 'succeeded', trigger: 'bulk', batchId })]);
    }
  });
});
