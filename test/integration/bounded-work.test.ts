import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import type { Company } from '../../functions/data/company.js';
import { fakeOpenAi, newCompany, newMember, newTenant, unique } from '../support/api.js';
import { tableDb } from '../support/table.js';

const sqs = new SQSClient({
  endpoint: inject('sqsEndpoint'),
  region: 'eu-west-2',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  useQueueUrlAsEndpoint: false,
});
const urls = inject('queueUrls');

/** Waits until `check` returns a value (not undefined), or fails at the deadline with `what`. */
async function eventually<T>(
  what: string | (() => string),
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Messages in a queue, waiting or in flight. */
async function queueDepth(id: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: urls[id],
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

/** `count` companies written straight to the table (the API would spend the test's time on 600 POSTs). */
async function seedCompanies(tenantId: string, userId: string, count: number, fields: Partial<Company> = {}) {
  const db = await tableDb();
  const now = new Date().toISOString();
  const companies = Array.from({ length: count }, (_, i): Company => ({
    tenantId,
    companyId: `01SEED${unique().toUpperCase()}${String(i).padStart(4, '0')}`,
    name: `Seeded ${String(i).padStart(4, '0')}`,
    stage: 'prospect',
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
    version: 1,
    ...fields,
  }));
  const { unprocessed } = await db.entities.company.put(companies).go();
  expect(unprocessed).toEqual([]);
  return companies;
}

/** Every run of a batch, by company (each company's history read from the table). */
async function runsOfBatch(tenantId: string, batchId: string, companyIds: string[]) {
  const db = await tableDb();
  const byCompany = new Map<string, number>();
  for (let i = 0; i < companyIds.length; i += 50) {
    await Promise.all(
      companyIds.slice(i, i + 50).map(async (companyId) => {
        const { data } = await db.entities.analysisRun.query.byCompany({ tenantId, companyId }).go({ pages: 'all' });
        byCompany.set(companyId, data.filter((r) => r.batchId === batchId).length);
      }),
    );
  }
  return byCompany;
}

const openai = fakeOpenAi(inject('fakes').openai);

describe('bounded work', () => {
  it('a prompt test run whose model does not answer in time gets 503 within its 26 s budget, and nothing is billed', async () => {
    const { owner } = await newTenant('Bounded test run');
    const apiKey = `sk-test-${unique()}${unique()}`;
    expect((await owner.put('/v1/settings/ai/key', { apiKey })).status).toBe(200);
    const company = await newCompany(owner, { name: `Slow ${unique()}`, knownFacts: ['Moving offices'] });
    const created = await owner.post('/v1/prompts', {
      category: 'company_analysis',
      name: 'Slow model',
      systemTemplate: 'You analyse companies.',
      userTemplate: 'Analyse {{company_name}}. Facts:\n{{known_facts}}',
      model: 'gpt-4.1-mini',
      temperature: 0.3,
    });
    expect(created.status).toBe(201);
    const { promptId } = created.body;
    // Longer than API Gateway would wait.
    await openai.script(apiKey, { delayMs: 40_000 });
    const usageBefore = (await owner.get('/v1/settings/ai')).body.usage;

    const t0 = performance.now();
    const res = await owner.post(`/v1/prompts/${promptId}/test`, { companyId: company.companyId });
    const ms = Math.round(performance.now() - t0);
    console.log(`prompt test run against a hung model answered ${res.status} after ${ms} ms`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(ms).toBeLessThan(29_000);
    expect((await owner.get('/v1/settings/ai')).body.usage).toEqual(usageBefore);
  }, 45_000);

  it(
    'starts a 600-company bulk analysis with 202 at once: the request only counts the stage and queues one page',
    { timeout: 240_000 },
    async () => {
      const { owner } = await newTenant('Bounded bulk');
      const me = (await owner.get('/v1/me')).body;
      const tenantId: string = me.tenant.tenantId;
      await seedCompanies(tenantId, me.userId, 600);

      const t0 = performance.now();
      const started = await owner.post('/v1/analysis-batches', { stage: 'prospect' });
      const ms = Math.round(performance.now() - t0);
      console.log(`bulk analysis start, 600 companies: ${started.status} in ${ms} ms`);
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ stage: 'prospect', total: 600, succeeded: 0, failed: 0, done: false });
      expect(ms).toBeLessThan(5_000);
      // 600 full analyses would hold the shared local cloud for minutes (about two a second on a
      // loaded 2-core machine): the batch is marked fanned out, so the fan-out stops at its next
      // page. Fanning out to the end and every run finishing are proven on a smaller batch below.
      const db = await tableDb();
      const key = { tenantId, batchId: started.body.batchId };
      await db.entities.analysisBatch.patch(key).set({ fannedOut: true }).go();
      // Nothing of it is left running for the next test file: the page that was already under way
      // (if any) has fanned out and its runs have finished.
      await eventually(
        'the runs of the page already under way to finish',
        async () => {
          const { data } = await db.entities.analysisBatch.get(key).go();
          const fanned = data?.fanoutOffset ?? 0;
          const settled = (data?.succeeded ?? 0) + (data?.failed ?? 0);
          if (fanned === 0) return (await queueDepth('batch-fanout')) === 0 ? true : undefined;
          return settled >= fanned && (await queueDepth('batch-fanout')) === 0 ? true : undefined;
        },
        180_000,
      );
    },
  );

  it('fans a stage out page by page until every run has finished, one per company, even when a page is redelivered', async () => {
    const { owner } = await newTenant('Bounded fan-out');
    const me = (await owner.get('/v1/me')).body;
    const tenantId: string = me.tenant.tenantId;
    // Two pages and a half: the last page is a short one.
    const companies = await seedCompanies(tenantId, me.userId, 250);
    const t0 = performance.now();
    const started = await owner.post('/v1/analysis-batches', { stage: 'prospect' });
    expect(started.status).toBe(202);
    const { batchId } = started.body;

    // The first page delivered again while the batch is going: nothing is created or counted twice.
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: urls['batch-fanout'],
        MessageBody: JSON.stringify({
          tenantId,
          batchId,
          stage: 'prospect',
          cursor: null,
          offset: 0,
          requestedBy: me.userId,
          requestedByName: me.name,
        }),
      }),
    );

    let progress = '';
    const settled = await eventually(
      () => `every run of the batch to finish (${progress})`,
      async () => {
        const batch = (await owner.get(`/v1/analysis-batches/${batchId}`)).body;
        progress = `${batch.succeeded} succeeded, ${batch.failed} failed after ${Math.round(performance.now() - t0)} ms`;
        return batch.done ? batch : undefined;
      },
      240_000,
    );
    console.log(`bulk analysis of 250 companies settled: ${progress}`);
    expect(settled).toMatchObject({ total: 250, succeeded: 250, failed: 0, done: true });
    const runs = await runsOfBatch(
      tenantId,
      batchId,
      companies.map((c) => c.companyId),
    );
    expect([...runs.values()].filter((n) => n !== 1)).toEqual([]);
    const db = await tableDb();
    expect((await db.entities.analysisOutbox.query.byBatch({ tenantId, batchId }).go()).data).toEqual([]);
    expect((await db.entities.analysisBatch.get({ tenantId, batchId }).go()).data).toMatchObject({
      fannedOut: true,
      fanoutOffset: 250,
    });
  }, 300_000);

  it('a fan-out page delivered twice, before and after its successor, writes each run once and queues the next page once', async () => {
    const { owner } = await newTenant('Bounded redelivery');
    const me = (await owner.get('/v1/me')).body;
    const tenantId: string = me.tenant.tenantId;
    const companies = await seedCompanies(tenantId, me.userId, 130, { stage: 'lead' });
    const db = await tableDb();
    const now = new Date().toISOString();
    const batchId = `01FANOUT${unique().toUpperCase()}`;
    const people = { requestedBy: me.userId, requestedByName: me.name };
    await db.entities.analysisBatch
      .create({
        tenantId,
        batchId,
        stage: 'lead',
        total: 130,
        fanoutOffset: 0,
        createdAt: now,
        updatedAt: now,
        ...people,
      })
      .go();

    const { fanoutPage } = await import('../../functions/analysis/fanout.js');
    const sent: Record<string, unknown[]> = { 'analysis-bulk': [], 'batch-fanout': [] };
    const deps = {
      db,
      now: () => new Date().toISOString(),
      newId: unique,
      startWorkflow: async () => '',
      // Captured, not queued: the consumers would race the assertions.
      sendMessages: async (queue: string, bodies: unknown[]) => (sent[queue]!.push(...bodies), bodies.length),
    };
    const first = { tenantId, batchId, stage: 'lead' as const, cursor: null, offset: 0, ...people };
    await fanoutPage(first, deps);
    await fanoutPage(first, deps);
    // The duplicate finds the batch already past its page and leaves it alone.
    expect(sent['analysis-bulk']).toHaveLength(100);
    expect(sent['batch-fanout']).toEqual([expect.objectContaining({ offset: 100, cursor: expect.any(String) })]);

    const second = sent['batch-fanout']![0] as typeof first;
    await fanoutPage(second, deps);
    await fanoutPage(first, deps);
    await fanoutPage(second, deps);
    expect(sent['batch-fanout']).toHaveLength(1);

    const runs = await runsOfBatch(
      tenantId,
      batchId,
      companies.map((c) => c.companyId),
    );
    expect(runs.size).toBe(130);
    expect([...runs.values()].filter((n) => n !== 1)).toEqual([]);
    expect((await db.entities.analysisBatch.get({ tenantId, batchId }).go()).data).toMatchObject({
      total: 130,
      fanoutOffset: 130,
      fannedOut: true,
    });
    // Usage counts each run once, however often its page came.
    const month = now.slice(0, 7);
    expect((await db.entities.aiUsage.get({ tenantId, month }).go()).data?.runs).toBe(130);
  });

  it('?owner= returns only that owner’s companies, page by page, reading only the owner’s items', async () => {
    const { owner } = await newTenant('Bounded owner');
    const me = (await owner.get('/v1/me')).body;
    const tenantId: string = me.tenant.tenantId;
    const { user: colleague } = await newMember(owner, 'sales');
    // 150 companies of someone else sort before the owner's five.
    await seedCompanies(tenantId, me.userId, 150, { name: 'Aardvark', ownerId: colleague.userId });
    const mine = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        newCompany(owner, { name: `Zebra ${i} ${unique()}`, stage: i % 2 ? 'lead' : 'customer', ownerId: me.userId }),
      ),
    );
    await newCompany(owner, { name: 'Zebra unowned', stage: 'lead' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path = `/v1/companies?owner=${me.userId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res: { status: number; body: { items: { companyId: string; ownerId?: string }[]; cursor: string | null } } =
        await owner.get(path);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) expect(item.ownerId).toBe(me.userId);
      seen.push(...res.body.items.map((c) => c.companyId));
      cursor = res.body.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual(mine.map((c) => c.companyId).sort());
    expect(pages).toBe(3);

    // With a stage too: the owner's index, one bounded read a page.
    const leads = (await owner.get(`/v1/companies?owner=${me.userId}&stage=lead&limit=100`)).body.items;
    expect(leads.map((c: { companyId: string }) => c.companyId).sort()).toEqual(
      mine
        .filter((c) => c.stage === 'lead')
        .map((c) => c.companyId)
        .sort(),
    );

    // What one page read: the owner's index holds only their items, so no page of the
    // colleague's 150 is read to find two of the owner's.
    const { documentClient } = await import('../../functions/data/client.js');
    const { listCompanies } = await import('../../functions/companies/service.js');
    let scanned = 0;
    documentClient.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        scanned += (out.output as { ScannedCount?: number } | undefined)?.ScannedCount ?? 0;
        return out;
      },
      { step: 'initialize', name: 'countScanned' },
    );
    try {
      const ctx = { kind: 'tenant', tenantId, userId: me.userId, role: 'owner', email: '', name: me.name } as const;
      const db = await tableDb();
      const page = await listCompanies(
        ctx,
        { owner: me.userId, limit: 2 },
        {
          db,
          now: () => new Date().toISOString(),
          newId: unique,
        },
      );
      expect(page.items).toHaveLength(2);
      expect(scanned).toBeLessThanOrEqual(mine.length);
    } finally {
      documentClient.middlewareStack.remove('countScanned');
    }
  });

  it('puts companies stored before the owner index into it without changing their data', async () => {
    const { owner } = await newTenant('Owner backfill');
    const me = (await owner.get('/v1/me')).body;
    const tenantId: string = me.tenant.tenantId;
    const db = await tableDb();
    const { documentClient } = await import('../../functions/data/client.js');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const { rewriteOwnedCompanies } = await import('../../functions/companies/reindex.js');
    // Two owned companies as an older release stored them: no gsi3 keys.
    const [old] = await seedCompanies(tenantId, me.userId, 2, { ownerId: me.userId });
    const stored = (await db.entities.company.query.byId({ tenantId }).go()).data;
    for (const company of stored) {
      const { Item, TableName } = db.entities.company
        .put(company)
        .params<{ Item: Record<string, unknown>; TableName: string }>();
      delete Item.gsi3pk;
      delete Item.gsi3sk;
      await documentClient.send(new PutCommand({ TableName, Item }));
    }
    const owned = async () => (await owner.get(`/v1/companies?owner=${me.userId}`)).body.items.length;
    expect(await owned()).toBe(0);

    expect(await rewriteOwnedCompanies({ db }, { tenantIds: [tenantId] })).toBe(2);
    expect(await owned()).toBe(2);
    // The rewrite changed no business data: the version a client holds still applies.
    const res = await owner.patch(
      `/v1/companies/${old!.companyId}`,
      { name: 'Renamed' },
      { 'if-match': String(old!.version) },
    );
    expect(res.status).toBe(200);
  });
});
