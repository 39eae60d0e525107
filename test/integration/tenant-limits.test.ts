import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AiProvider } from '../../functions/ai/provider.js';
import { LIMITS, type LimitName } from '../../functions/shared/limits.js';
import { analysableCompany, newCompany, newMember, newTenant, type ApiResult } from '../support/api.js';
import { CH_COMPANY } from '../support/fakes/companies-house.js';
import { TEST_LIMITS } from '../support/limits.js';
import { tableDb } from '../support/table.js';

// The steps this file runs in-process take tokens at the limits the test cloud runs with.
process.env.QUOTEFLOW_LIMITS = JSON.stringify(TEST_LIMITS);
const db = await tableDb();
// After tableDb: these modules read the table's config when they load.
const { takeToken, TenantRateLimitedError } = await import('../../functions/shared/token-bucket.js');
const { analyseStep } = await import('../../functions/analysis/pipeline.js');
const { offlineProvider } = await import('../../functions/ai/offline-provider.js');

/**
 * Spends a tenant's bucket (at the test cloud's limits) down to `left` tokens. The test cloud adds
 * one back every 10 s, so what a test sees next does not depend on how fast the machine is.
 */
async function leaveTokens(tenantId: string, name: LimitName, left: number): Promise<void> {
  const limit = TEST_LIMITS[name];
  const interval = 1000 / limit.perSecond;
  const now = Date.now();
  const { data } = await db.entities.tokenBucket.get({ tenantId, bucket: name }).go({ consistent: true });
  const available = Math.floor((now + limit.burst * interval - Math.max(data?.fullAt ?? now, now)) / interval);
  if (available > left) await takeToken(tenantId, name, { limit, cost: available - left, now: () => now });
}

const statuses = (results: ApiResult[]) => results.map((r) => r.status).sort();

function expectRateLimited(res: ApiResult): void {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(res.body.type).toBe('https://quoteflow.app/problems/rate-limited');
  // Whole seconds, rounded up: the test cloud's next token is at most 10 s away.
  expect(res.headers.get('retry-after')).toMatch(/^([1-9]|10)$/);
}

describe('per-tenant API limit', () => {
  it('refuses a tenant past its burst with 429 and Retry-After while another tenant is served', async () => {
    const busy = await newTenant('Busy');
    const quiet = await newTenant('Quiet');
    await leaveTokens(busy.tenant.tenantId, 'api', 0);

    const refused = await busy.owner.get('/v1/companies');
    expectRateLimited(refused);
    expect(refused.body.detail).toMatch(/try again in \d+ s/);
    expect((await quiet.owner.get('/v1/companies')).status).toBe(200);
  });

  it('lets exactly the tokens left through when requests arrive together', async () => {
    const { owner, tenant } = await newTenant('Concurrent');
    await leaveTokens(tenant.tenantId, 'api', 5);

    const results = await Promise.all(Array.from({ length: 12 }, () => owner.get('/v1/companies')));

    expect(statuses(results)).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
    for (const res of results.filter((r) => r.status === 429)) expectRateLimited(res);
  });
});

describe('the token bucket (GCRA) against the table', () => {
  const api = LIMITS.api;

  it('never overspends: of 130 takes at once with a burst of 100, exactly 100 succeed', async () => {
    const tenantId = `bucket-${randomUUID()}`;
    const t0 = Date.parse('2026-12-02T12:00:00Z');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 130 }, () => takeToken(tenantId, 'api', { limit: api, now: () => t0 })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(api.burst);
    const rejections = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(rejections).toHaveLength(30);
    for (const error of rejections) {
      expect(error).toBeInstanceOf(TenantRateLimitedError);
      // The next token is one interval (50 ms) away: Retry-After rounds it up to a whole second.
      expect(error).toMatchObject({ status: 429, retryAfterSeconds: 1, headers: { 'retry-after': '1' } });
    }
  });

  it('serves again after Retry-After, at the refill rate', async () => {
    const tenantId = `bucket-${randomUUID()}`;
    const t0 = Date.parse('2026-12-02T12:00:00Z');
    await takeToken(tenantId, 'api', { limit: api, now: () => t0, cost: api.burst });
    const refused = await takeToken(tenantId, 'api', { limit: api, now: () => t0 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TenantRateLimitedError);
    const retryAfter = (refused as InstanceType<typeof TenantRateLimitedError>).retryAfterSeconds;
    expect(retryAfter).toBe(1);

    // Retry-After later, a second's refill (20 tokens) is back, and no more.
    const later = () => t0 + retryAfter * 1000;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 25 }, () => takeToken(tenantId, 'api', { limit: api, now: later })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(api.perSecond * retryAfter);
  });

  it('keeps each tenant and each limit in its own bucket', async () => {
    const a = `bucket-${randomUUID()}`;
    const b = `bucket-${randomUUID()}`;
    const t0 = Date.now();
    await takeToken(a, 'api', { limit: api, now: () => t0, cost: api.burst });
    await expect(takeToken(a, 'api', { limit: api, now: () => t0 })).rejects.toBeInstanceOf(TenantRateLimitedError);
    await expect(takeToken(b, 'api', { limit: api, now: () => t0 })).resolves.toBe(0);
    await expect(takeToken(a, 'openai', { limit: LIMITS.openai, now: () => t0 })).resolves.toBe(0);
  });

  it('lets background work take a token that frees up soon and say how long to wait for it', async () => {
    const tenantId = `bucket-${randomUUID()}`;
    const limit = LIMITS.companiesHouse;
    const t0 = Date.now();
    await takeToken(tenantId, 'companiesHouse', { limit, now: () => t0, cost: limit.burst });
    // One token every 2.5 s: allowed to wait 5 s, the next two are reserved, the third is refused.
    const wait = (maxWaitMs: number) => takeToken(tenantId, 'companiesHouse', { limit, now: () => t0, maxWaitMs });
    await expect(wait(5000)).resolves.toBe(2500);
    await expect(wait(5000)).resolves.toBe(5000);
    await expect(wait(5000)).rejects.toMatchObject({ retryAfterSeconds: 8 });
  });
});

describe('Companies House per tenant', () => {
  it('refuses a tenant over its share of the key with 429 while another tenant still searches', async () => {
    const busy = await newTenant('CH busy');
    const quiet = await newTenant('CH quiet');
    await leaveTokens(busy.tenant.tenantId, 'companiesHouse', 0);

    const refused = await busy.owner.get('/v1/companies-house/search?q=brightwire');
    expectRateLimited(refused);
    expect(refused.body.detail).toMatch(/Companies House lookups/);
    expect((await quiet.owner.get('/v1/companies-house/search?q=brightwire')).status).toBe(200);
  });

  it('bars viewers from every Companies House route (403) before any quota is spent', async () => {
    const { owner, tenant } = await newTenant('CH viewer');
    const { client: viewer } = await newMember(owner, 'viewer');
    const company = await newCompany(owner, { companyNumber: CH_COMPANY.active });
    const before = await db.entities.tokenBucket.get({ tenantId: tenant.tenantId, bucket: 'companiesHouse' }).go();

    for (const res of [
      await viewer.get('/v1/companies-house/search?q=brightwire'),
      await viewer.get(`/v1/companies/${company.companyId}/directors`),
      await viewer.post(`/v1/companies/${company.companyId}/directors/someOfficer1/contact`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('https://quoteflow.app/problems/forbidden');
    }
    const after = await db.entities.tokenBucket.get({ tenantId: tenant.tenantId, bucket: 'companiesHouse' }).go();
    expect(after.data?.fullAt).toBe(before.data?.fullAt);
  });
});

describe('OpenAI per tenant in the analysis workflow', () => {
  it('holds a step over the limit for the workflow to retry, without calling the provider or failing the run', async () => {
    const { owner, tenant } = await newTenant('AI busy');
    const company = await analysableCompany(owner);
    const me = (await owner.get('/v1/me')).body;
    const key = { tenantId: tenant.tenantId, companyId: company.companyId, runId: `01LIMIT${Date.now()}` };
    const now = new Date().toISOString();
    const facts = {
      asOf: now,
      company: { name: company.name, stage: 'lead', tags: [], knownFacts: [], locations: [], createdAt: now },
      contacts: [],
      activities: [],
    };
    await db.entities.analysisRun
      .create({
        ...key,
        status: 'running',
        step: 'analyse',
        trigger: 'manual',
        requestedBy: me.userId,
        requestedByName: me.name,
        facts,
        createdAt: now,
        updatedAt: now,
      })
      .go();
    let calls = 0;
    // A paid provider (so the call takes a token) answering with the offline rules.
    const paid: AiProvider = {
      name: 'openai',
      generate: async (task) => {
        calls++;
        return { ...(await offlineProvider.generate(task)), provider: 'openai' };
      },
    };
    const deps = { db, now: () => new Date().toISOString(), newId: () => randomUUID(), provider: paid };
    await leaveTokens(tenant.tenantId, 'openai', 0);

    const held = await analyseStep(key, deps).catch((e: unknown) => e);
    // Lambda reports the error by name; the workflow's Retry for it comes before its Catch.
    expect(held).toBeInstanceOf(TenantRateLimitedError);
    expect((held as Error).name).toBe('TenantRateLimitedError');
    expect(calls).toBe(0);
    expect((await db.entities.analysisRun.get(key).go()).data).toMatchObject({ status: 'running', step: 'analyse' });

    // A token is back (here: the bucket refilled): the retried step carries on.
    await db.entities.tokenBucket.delete({ tenantId: tenant.tenantId, bucket: 'openai' }).go();
    await analyseStep(key, deps);
    expect(calls).toBe(1);
    expect((await db.entities.analysisRun.get(key).go()).data).toMatchObject({ status: 'running', step: 'score' });
  });

  it('retries TenantRateLimitedError in every step that calls a provider, before any other rule', () => {
    const asl = JSON.parse(readFileSync('functions/analysis/workflow.asl.json', 'utf8'));
    for (const step of ['Gather', 'Analyse', 'Score']) {
      const [first] = asl.States[step].Retry;
      expect(first.ErrorEquals, step).toEqual(['TenantRateLimitedError']);
      // Spread over minutes: a token comes back every second at the real limit, every 2.5 s for Companies House.
      expect(first.IntervalSeconds * first.MaxAttempts, step).toBeGreaterThanOrEqual(60);
    }
  });
});

describe('bulk analysis over a tenant limit', () => {
  it('puts the message back, delayed, instead of spending its tries; the run succeeds once a token is back', async () => {
    const { owner, tenant } = await newTenant('Bulk limited');
    const company = await newCompany(owner, {
      stage: 'prospect',
      companyNumber: CH_COMPANY.active,
      knownFacts: ['Moving offices in spring'],
    });
    await leaveTokens(tenant.tenantId, 'companiesHouse', 0);

    const started = await owner.post('/v1/analysis-batches', { stage: 'prospect' });
    expect(started.status).toBe(202);
    const runOf = async () =>
      (await db.entities.analysisRun.query.byCompany({ tenantId: tenant.tenantId, companyId: company.companyId }).go())
        .data[0];
    // The gather step's public-record lookup is refused: the run waits rather than failing.
    await expect.poll(async () => (await runOf())?.deferredUntil, { timeout: 20_000, interval: 200 }).toBeTruthy();
    expect((await runOf())?.status).not.toBe('failed');

    await db.entities.tokenBucket.delete({ tenantId: tenant.tenantId, bucket: 'companiesHouse' }).go();
    // Delayed by Retry-After: at most 10 s at the test cloud's limit.
    await expect
      .poll(async () => (await owner.get(`/v1/analysis-batches/${started.body.batchId}`)).body, {
        timeout: 25_000,
        interval: 250,
      })
      .toMatchObject({ total: 1, succeeded: 1, failed: 0, done: true });
    const run = await runOf();
    expect(run).toMatchObject({ status: 'succeeded' });
    expect((run?.facts as { companiesHouse?: unknown }).companiesHouse).toBeDefined();
  }, 60_000);
});
