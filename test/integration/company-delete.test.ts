import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { queueUrlEnv } from '../../lib/manifest-runtime.js';
import { analysableCompany, newCompany, newTenant, unique, waitForRun } from '../support/api.js';
import { tableDb } from '../support/table.js';

const db = await tableDb();
const urls = inject('queueUrls');
process.env[queueUrlEnv('company-purge')] = urls['company-purge'];
const { COMPANY_CHILDREN, childKeys } = await import('../../functions/data/company-children.js');
const { MAX_CASCADE_CONTACTS, deleteCompany } = await import('../../functions/companies/service.js');
const { PURGE_BATCH, resumeCompanyPurges } = await import('../../functions/companies/tombstone.js');
const { defaultDeps } = await import('../../functions/shared/deps.js');
const { sendToQueue } = await import('../../functions/shared/queue.js');

const sqs = new SQSClient({
  endpoint: inject('sqsEndpoint'),
  region: 'eu-west-2',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  useQueueUrlAsEndpoint: false,
});

type CompanyKey = { tenantId: string; companyId: string };
const keysOf = async (child: (typeof COMPANY_CHILDREN)[number], company: CompanyKey, count = 10) =>
  (await childKeys(db, child, company, { count })).keys;

/** Every child still stored under the company, by kind (the deletion's own timeline entry included). */
const remaining = async (company: CompanyKey) =>
  Object.fromEntries(
    await Promise.all(COMPANY_CHILDREN.map(async (c) => [c.entity, (await keysOf(c, company, 1000)).length] as const)),
  );

/** What a finished purge leaves: the deletion entry on the timeline and nothing else. */
const PURGED = Object.fromEntries(COMPANY_CHILDREN.map((c) => [c.entity, c.entity === 'timelineEntry' ? 1 : 0]));

/** Waits for the purge to finish (the tombstone says so), then returns what is left. */
async function purged(company: CompanyKey, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await db.entities.companyTombstone.get(company).go({ consistent: true });
    if (data?.purgedAt) return remaining(company);
    if (Date.now() > deadline)
      throw new Error(`purge unfinished after ${timeoutMs} ms: ${JSON.stringify(await remaining(company))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function tenantOf(owner: Awaited<ReturnType<typeof newTenant>>['owner']) {
  return (await owner.get('/v1/me')).body.tenant.tenantId as string;
}

describe('deleting a company', () => {
  it('declares each child by its primary key and an index partitioned by tenant and company', () => {
    for (const child of COMPANY_CHILDREN) {
      const indexes = (db.entities[child.entity] as any).schema.indexes as Record<
        string,
        { index?: string; pk: { composite: string[] }; sk: { composite: string[] } }
      >;
      const primary = Object.values(indexes).find((i) => !i.index)!;
      expect(child.key, child.entity).toEqual([...primary.pk.composite, ...primary.sk.composite]);
      expect(indexes[child.index]?.pk.composite, child.entity).toEqual(['tenantId', 'companyId']);
    }
  });

  it('takes the company out of every read at once, keeps its deletion on the timeline, and purges every child', async () => {
    const { owner } = await newTenant('Cascade');
    const tenantId = await tenantOf(owner);
    const target = await analysableCompany(owner);
    const bystander = await analysableCompany(owner);
    const company = { tenantId, companyId: target.companyId as string };
    const run = (await owner.post(`/v1/companies/${company.companyId}/analysis`)).body;
    await waitForRun(owner, company.companyId, run.runId);
    // A run holding the company's lock, as while an analysis is in flight.
    await db.entities.analysisLock
      .put({ ...company, runId: 'held', expiresAt: Date.now() + 60_000, ttl: Math.ceil(Date.now() / 1000) + 3600 })
      .go();
    const due = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (await owner.post('/v1/tasks', { title: 'Follow up', dueAt: due, companyId: company.companyId })).status,
    ).toBe(201);

    const deal = await owner.post('/v1/deals', {
      name: 'Cascaded deal',
      companyId: company.companyId,
      value: { amount: 100, currency: 'GBP' },
      expectedCloseDate: '2026-03-31',
    });
    expect(deal.status).toBe(201);
    const quote = await owner.post('/v1/quotes', {
      companyId: company.companyId,
      dealId: deal.body.dealId,
      title: 'Cascaded quote',
      currency: 'GBP',
      lines: [{ description: 'Hours', quantity: 1, unitPrice: { amount: 100, currency: 'GBP' }, taxRateBps: 0 }],
    });
    expect(quote.status).toBe(201);

    for (const child of COMPANY_CHILDREN) {
      expect(await keysOf(child, company), `seed at least one ${child.entity} in this test`).not.toEqual([]);
    }
    const bystanderBefore = await remaining({ tenantId, companyId: bystander.companyId });

    expect((await owner.delete(`/v1/companies/${company.companyId}`)).status).toBe(204);

    // Gone at once, before any purge: its reads 404, lists leave it out, writes under it are refused.
    const base = `/v1/companies/${company.companyId}`;
    expect((await owner.get(base)).status).toBe(404);
    expect((await owner.get(`${base}/contacts`)).status).toBe(404);
    expect((await owner.get(`${base}/activities`)).status).toBe(404);
    expect((await owner.get(`${base}/deals`)).status).toBe(404);
    expect((await owner.get(`/v1/deals/${deal.body.dealId}`)).status).toBe(404);
    const listed = (await owner.get(`/v1/companies?q=${encodeURIComponent(target.name)}`)).body.items;
    expect(listed.map((c: { companyId: string }) => c.companyId)).not.toContain(company.companyId);
    expect((await owner.post(`${base}/activities`, { type: 'note', subject: 'Too late' })).status).toBe(404);
    expect((await owner.post(`${base}/analysis`)).status).toBe(404);

    expect(await purged(company)).toEqual(PURGED);
    // The timeline of a deleted company is the record of who deleted it.
    const timeline = await owner.get(`${base}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.items).toMatchObject([
      { action: 'deleted', subjectType: 'company', subjectId: company.companyId, subjectName: target.name },
    ]);
    expect(await db.entities.companyPurge.get(company).go()).toMatchObject({ data: null });
    // The company next door keeps everything it had.
    expect(await remaining({ tenantId, companyId: bystander.companyId })).toEqual(bystanderBefore);
  });

  it(`purges a company with more children than one step takes (${PURGE_BATCH} of each kind per message)`, async () => {
    const { owner } = await newTenant('Big purge');
    const tenantId = await tenantOf(owner);
    const { companyId } = await newCompany(owner);
    const company = { tenantId, companyId };
    const now = new Date().toISOString();
    const count = Math.round(PURGE_BATCH * 2.5);
    const activities = Array.from({ length: count }, (_, i) => ({
      ...company,
      activityId: `A${String(i).padStart(4, '0')}${unique()}`,
      type: 'note' as const,
      subject: `Note ${i}`,
      occurredAt: now,
      createdAt: now,
      createdBy: 'seed',
      createdByName: 'Seed',
    }));
    const entries = Array.from({ length: count }, (_, i) => ({
      ...company,
      entryId: `0${String(i).padStart(4, '0')}${unique()}`,
      at: now,
      actorId: 'seed',
      actorName: 'Seed',
      action: 'updated' as const,
      subjectType: 'company' as const,
      subjectId: companyId,
      subjectName: 'Big',
      changes: [],
    }));
    expect((await db.entities.activity.put(activities).go()).unprocessed).toEqual([]);
    expect((await db.entities.timelineEntry.put(entries).go()).unprocessed).toEqual([]);

    const started = Date.now();
    expect((await owner.delete(`/v1/companies/${companyId}`)).status).toBe(204);
    expect(await purged(company)).toEqual(PURGED);
    console.info(`purged ${count} activities and ${count + 2} timeline entries in ${Date.now() - started} ms`);
  });

  it('creates no run for a bulk message that arrives after its company was deleted, and still settles the batch', async () => {
    const { owner } = await newTenant('Late bulk');
    const tenantId = await tenantOf(owner);
    const { companyId } = await newCompany(owner, { stage: 'prospect' });
    const now = new Date().toISOString();
    const batch = {
      tenantId,
      batchId: `B${unique()}`,
      stage: 'prospect',
      total: 1,
      requestedBy: 'u',
      requestedByName: 'U',
    };
    await db.entities.analysisBatch.create({ ...batch, createdAt: now, updatedAt: now }).go();
    const message = {
      tenantId,
      batchId: batch.batchId,
      companyId,
      runId: `R${unique()}`,
      requestedBy: 'u',
      requestedByName: 'U',
    };
    await db.entities.analysisOutbox.put(message).go();

    expect((await owner.delete(`/v1/companies/${companyId}`)).status).toBe(204);
    expect(await purged({ tenantId, companyId })).toEqual(PURGED);
    // The message queued before the delete is delivered only now, and twice.
    for (let i = 0; i < 2; i++) {
      await sqs.send(new SendMessageCommand({ QueueUrl: urls['analysis-bulk'], MessageBody: JSON.stringify(message) }));
    }

    const deadline = Date.now() + 30_000;
    let view = (await owner.get(`/v1/analysis-batches/${batch.batchId}`)).body;
    while (!view.done && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await owner.get(`/v1/analysis-batches/${batch.batchId}`)).body;
    }
    expect(view).toMatchObject({ done: true, succeeded: 0, failed: 1 });
    expect(await remaining({ tenantId, companyId })).toEqual(PURGED);
    expect((await db.entities.analysisOutbox.query.byBatch(batch).go()).data).toEqual([]);
  });

  it('recovers a purge whose message could not be queued: deleting again, or the sweep, queues it', async () => {
    const { owner } = await newTenant('Unqueued purge');
    const tenantId = await tenantOf(owner);
    const [first, second] = [await analysableCompany(owner), await analysableCompany(owner)];
    const ctx = {
      kind: 'tenant' as const,
      tenantId,
      userId: 'u',
      role: 'owner' as const,
      email: 'o@x.test',
      name: 'O',
    };
    const refusing = {
      ...defaultDeps,
      sendMessages: async () => {
        throw new Error('SQS unavailable');
      },
    };
    // The delete stands though its purge was not queued.
    await deleteCompany(ctx, first.companyId, refusing);
    await deleteCompany(ctx, second.companyId, refusing);
    expect((await owner.get(`/v1/companies/${first.companyId}`)).status).toBe(404);
    const pending = await remaining({ tenantId, companyId: first.companyId });
    expect(pending.activity).toBeGreaterThan(0);

    // The user deletes again: 204, and the purge runs.
    expect((await owner.delete(`/v1/companies/${first.companyId}`)).status).toBe(204);
    expect(await purged({ tenantId, companyId: first.companyId })).toEqual(PURGED);

    // Nobody does: the sweep finds it.
    const deps = { ...defaultDeps, sendMessages: (id: 'company-purge', bodies: unknown[]) => sendToQueue(id, bodies) };
    expect(await resumeCompanyPurges(deps as never, { olderThanMs: 0 })).toBeGreaterThanOrEqual(1);
    expect(await purged({ tenantId, companyId: second.companyId })).toEqual(PURGED);
    // Unknown companies are still 404.
    expect((await owner.delete(`/v1/companies/${first.companyId}x`)).status).toBe(404);
  });

  it(`refuses a company with more than ${MAX_CASCADE_CONTACTS} contacts (422), and deletes one with exactly that many`, async () => {
    const { owner } = await newTenant('Cascade limit');
    const tenantId = await tenantOf(owner);
    const { companyId } = await newCompany(owner);
    const now = new Date().toISOString();
    const contacts = Array.from({ length: MAX_CASCADE_CONTACTS + 1 }, (_, i) => ({
      tenantId,
      companyId,
      contactId: `K${String(i).padStart(3, '0')}${unique()}`,
      firstName: 'Many',
      lastName: `Contact ${i}`,
      role: 'other' as const,
      createdAt: now,
      createdBy: 'seed',
      updatedAt: now,
      updatedBy: 'seed',
      version: 1,
    }));
    const { unprocessed } = await db.entities.contact.put(contacts).go();
    expect(unprocessed).toEqual([]);

    const refused = await owner.delete(`/v1/companies/${companyId}`);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain(`more than ${MAX_CASCADE_CONTACTS} contacts`);
    expect((await owner.get(`/v1/companies/${companyId}`)).status).toBe(200);

    expect((await owner.delete(`/v1/contacts/${contacts[0]!.contactId}`)).status).toBe(204);
    expect((await owner.delete(`/v1/companies/${companyId}`)).status).toBe(204);
    // Contacts go in the deleting transaction itself.
    expect((await owner.get(`/v1/contacts/${contacts[1]!.contactId}`)).status).toBe(404);
    const contactChild = COMPANY_CHILDREN.find((c) => c.entity === 'contact')!;
    expect(await keysOf(contactChild, { tenantId, companyId })).toEqual([]);
  });
});

describe('writes racing a delete', () => {
  it('lands no activity and no analysis for a company deleted after the writer read it', async () => {
    const { owner } = await newTenant('Racing writers');
    const tenantId = await tenantOf(owner);
    const company = await newCompany(owner);
    const key = { tenantId, companyId: company.companyId as string };
    const { data: snapshot } = await db.entities.company.get(key).go();
    expect((await owner.delete(`/v1/companies/${key.companyId}`)).status).toBe(204);
    expect(await purged(key)).toEqual(PURGED);

    // The writers read the company just before the delete committed (their read is pinned to that
    // moment; the writes themselves go to the real table).
    const entities = new Proxy(db.entities, {
      get: (target, name) =>
        name === 'company'
          ? new Proxy(target.company, {
              get: (company, prop) =>
                prop === 'get' ? () => ({ go: async () => ({ data: snapshot }) }) : Reflect.get(company, prop),
            })
          : Reflect.get(target, name),
    });
    const racing = {
      ...defaultDeps,
      db: new Proxy(db, { get: (t, p) => (p === 'entities' ? entities : Reflect.get(t, p)) }),
    };
    const ctx = {
      kind: 'tenant' as const,
      tenantId,
      userId: 'u',
      role: 'owner' as const,
      email: 'o@x.test',
      name: 'O',
    };
    const { logActivity } = await import('../../functions/activities/service.js');
    const { startAnalysis } = await import('../../functions/analysis/service.js');

    await expect(logActivity(ctx, key.companyId, { type: 'note', subject: 'Too late' }, racing)).rejects.toMatchObject({
      status: 404,
    });
    const ports = {
      startWorkflow: async () => 'never',
      sendMessages: async () => 0,
    };
    await expect(startAnalysis(ctx, key.companyId, { ...racing, ...ports })).rejects.toMatchObject({ status: 404 });
    expect(await remaining(key)).toEqual(PURGED);

    // A contact its company's delete missed (added by a write that raced it) takes no new history.
    const now = new Date().toISOString();
    const stray = {
      ...key,
      contactId: `K${unique()}`,
      firstName: 'Stray',
      lastName: 'Contact',
      role: 'other' as const,
    };
    await db.entities.contact
      .put({ ...stray, createdAt: now, createdBy: 'seed', updatedAt: now, updatedBy: 'seed', version: 1 })
      .go();
    expect((await owner.patch(`/v1/contacts/${stray.contactId}`, { lastName: 'Renamed', version: 1 })).status).toBe(
      404,
    );
    expect((await owner.delete(`/v1/contacts/${stray.contactId}`)).status).toBe(404);
    expect(await remaining(key)).toEqual({ ...PURGED, contact: 1 });
    await db.entities.contact.delete(stray).go();
  });
});
