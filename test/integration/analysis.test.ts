import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  analysableCompany,
  fakeOpenAi,
  newCompany,
  newTenant,
  unique,
  waitForRun,
  type Client,
} from '../support/api.js';

const fake = fakeOpenAi(inject('fakes').openai);

let owner: Client;

beforeAll(async () => {
  owner = (await newTenant('Analysis')).owner;
});

describe('company analysis, offline (no key configured)', () => {
  it('runs the workflow end to end and explains every score and finding', async () => {
    const company = await analysableCompany(owner);
    const started = await owner.post(`/v1/companies/${company.companyId}/analysis`);
    expect(started.status).toBe(202);
    const run = await waitForRun(owner, company.companyId, started.body.runId);

    expect(run).toMatchObject({ status: 'succeeded', step: 'done', provider: 'offline', trigger: 'manual' });
    for (const score of [run.scores.leadScore, run.scores.healthScore]) {
      expect(score.score).toBeGreaterThanOrEqual(0);
      expect(score.score).toBeLessThanOrEqual(100);
      expect(score.factors.length).toBeGreaterThan(1);
      for (const factor of score.factors) expect(factor.evidence).toMatch(/\w/);
    }
    expect(run.scores.leadScore.factors.map((f: { label: string }) => f.label)).toContain('Decision maker known');
    expect(run.analysis.summary).toContain(company.name);
    expect(run.analysis.competitors).toEqual([
      expect.objectContaining({ name: 'Acme Networks', evidence: expect.stringContaining('Acme Networks') }),
    ]);
    expect(run.analysis.opportunities.map((o: { title: string }) => o.title)).toContain('Ageing estate to replace');
    for (const section of ['opportunities', 'risks', 'nextActions'] as const) {
      for (const item of run.analysis[section]) expect(item.evidence).toMatch(/\w/);
    }
    expect(run.prompts.analysis).toMatchObject({ source: 'default' });
    expect(run.facts.contacts).toHaveLength(1);

    const saved = (await owner.get(`/v1/companies/${company.companyId}`)).body;
    expect(saved).toMatchObject({
      leadScore: run.scores.leadScore.score,
      healthScore: run.scores.healthScore.score,
      lastAnalysisRunId: run.runId,
    });
    const timeline = (await owner.get(`/v1/companies/${company.companyId}/timeline`)).body.items;
    expect(timeline.some((e: { actorName: string }) => e.actorName.startsWith('AI analysis'))).toBe(true);

    const history = await owner.get(`/v1/companies/${company.companyId}/analysis`);
    expect(history.body.items.map((r: { runId: string }) => r.runId)).toEqual([run.runId]);
    expect(history.body.items[0].facts).toBeUndefined();
  });

  it('returns the running analysis to a second request (double click, colleague) and starts a new one once it finished', async () => {
    const company = await analysableCompany(owner);
    const path = `/v1/companies/${company.companyId}/analysis`;
    const started = await Promise.all([owner.post(path), owner.post(path), owner.post(path)]);
    expect(started.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(new Set(started.map((r) => r.body.runId)).size).toBe(1);
    await waitForRun(owner, company.companyId, started[0]!.body.runId);
    const next = await owner.post(path);
    expect(next.body.runId).not.toBe(started[0]!.body.runId);
    await waitForRun(owner, company.companyId, next.body.runId);
    expect((await owner.get(path)).body.items).toHaveLength(2);
  });

  it('404s for an unknown company and creates nothing', async () => {
    const res = await owner.post('/v1/companies/01JUNKNOWNCOMPANY000000000/analysis');
    expect(res.status).toBe(404);
  });
});

describe('company analysis with an OpenAI key (fake server)', () => {
  let tenant: Client;
  let apiKey: string;

  beforeAll(async () => {
    tenant = (await newTenant('Analysis OpenAI')).owner;
    apiKey = `sk-test-${unique()}${unique()}`;
    const set = await tenant.put('/v1/settings/ai/key', { apiKey });
    expect(set.status).toBe(200);
    // Never returned again: only the last four characters.
    const shown = await tenant.get('/v1/settings/ai');
    expect(shown.body).toMatchObject({ provider: 'openai', activeKey: { source: 'tenant', last4: apiKey.slice(-4) } });
    expect(JSON.stringify([set.body, shown.body])).not.toContain(apiKey.slice(0, -4));
  });

  it('goes through the OpenAI provider, counts tokens and cost, and serves identical input from the cache', async () => {
    const company = await analysableCompany(tenant);
    const run = await waitForRun(
      tenant,
      company.companyId,
      (await tenant.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    expect(run).toMatchObject({ status: 'succeeded', provider: 'openai', model: 'gpt-4.1-mini', cached: false });
    expect(run.inputTokens).toBeGreaterThan(0);
    expect(run.costMicros).toBeGreaterThan(0);
    const requests = await fake.requests(apiKey);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.body.text.format).toMatchObject({
      type: 'json_schema',
      name: 'company_analysis',
      strict: true,
    });
    expect(requests[0]!.body.input).toContain(company.name);
    expect(requests[1]!.body.text.format.name).toBe('lead_scoring');

    const usage = (await tenant.get('/v1/settings/ai')).body.usage;
    expect(usage).toMatchObject({
      runs: 1,
      inputTokens: run.inputTokens,
      outputTokens: run.outputTokens,
      costMicros: run.costMicros,
    });

    const again = await waitForRun(
      tenant,
      company.companyId,
      (await tenant.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    expect(again).toMatchObject({ status: 'succeeded', cached: true, costMicros: 0 });
    expect(await fake.requests(apiKey)).toHaveLength(2);
    expect((await tenant.get('/v1/settings/ai')).body.usage).toMatchObject({
      runs: 2,
      cacheHits: 2,
      costMicros: run.costMicros,
    });
  });

  it('retries a 429 honouring Retry-After and still succeeds', async () => {
    const company = await analysableCompany(tenant);
    await fake.script(apiKey, { status: 429, retryAfter: 1 });
    const before = (await fake.requests(apiKey)).length;
    const run = await waitForRun(
      tenant,
      company.companyId,
      (await tenant.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    expect(run.status).toBe('succeeded');
    expect((await fake.requests(apiKey)).length - before).toBe(3);
  });

  it('marks the run failed with a readable reason when the model answers in the wrong shape', async () => {
    const company = await analysableCompany(tenant);
    await fake.script(apiKey, { outputText: JSON.stringify({ summary: 42 }) });
    const spentBefore = (await tenant.get('/v1/settings/ai')).body.usage.costMicros;
    const run = await waitForRun(
      tenant,
      company.companyId,
      (await tenant.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    // The unusable answer was billed, so it counts against the budget.
    expect((await tenant.get('/v1/settings/ai')).body.usage.costMicros).toBeGreaterThan(spentBefore);
    expect(run.status).toBe('failed');
    expect(run.error.code).toBe('ai-output-invalid');
    expect(run.error.reason).toMatch(/unexpected shape/);
    expect(run.error.reason).not.toMatch(/at .*\.ts|stack/i);
    const saved = (await tenant.get(`/v1/companies/${company.companyId}`)).body;
    expect(saved.lastAnalysisRunId).toBeUndefined();
  });

  it('answers a test run the provider refuses with a 422 saying why, not a 500', async () => {
    const company = await analysableCompany(tenant);
    const prompt = await tenant.post('/v1/prompts', {
      category: 'email_copy',
      name: 'Follow-up',
      systemTemplate: 'Be brief.',
      userTemplate: 'Write to {{company_name}} about {{requirements}}.',
      model: 'gpt-4.1-mini',
      temperature: 0.5,
    });
    await fake.script(apiKey, { status: 401, message: 'Incorrect API key provided' });
    const res = await tenant.post(`/v1/prompts/${prompt.body.promptId}/test`, {
      companyId: company.companyId,
      requirements: 'a review call',
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/refused the request: .*Incorrect API key/);
    const ok = await tenant.post(`/v1/prompts/${prompt.body.promptId}/test`, {
      companyId: company.companyId,
      requirements: 'a review call',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      provider: 'openai',
      rendered: { input: `Write to ${company.name} about a review call.` },
    });
  });

  it('uses the edited prompt on the next run, and the rolled-back one after that', async () => {
    const company = await analysableCompany(tenant);
    const created = await tenant.post('/v1/prompts', {
      category: 'company_analysis',
      name: 'Short',
      systemTemplate: 'Version one instructions.',
      userTemplate: 'Analyse {{company_name}}.',
      model: 'gpt-4.1-mini',
      temperature: 0.2,
    });
    expect(created.status).toBe(201);
    const first = await waitForRun(
      tenant,
      company.companyId,
      (await tenant.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    expect(first.prompts.analysis).toMatchObject({ source: 'tenant', version: 1 });
    const instructions = async () =>
      (await fake.requests(apiKey)).filter((r) => r.body.text.format.name === 'company_analysis').at(-1)!.body
        .instructions;
    expect(await instructions()).toBe('Version one instructions.');

    const { name, userTemplate, model, temperature } = created.body;
    const edited = await tenant.put(
      `/v1/prompts/${created.body.promptId}`,
      { name, userTemplate, model, temperature, systemTemplate: 'Version two instructions.' },
      { 'if-match': '1' },
    );
    expect(edited.status).toBe(200);
    const second = await waitForRun(
      tenant,
      company.companyId,
      (await tenant.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    expect(second.prompts.analysis).toMatchObject({ source: 'tenant', version: 2 });
    expect(await instructions()).toBe('Version two instructions.');

    await tenant.post(`/v1/prompts/${created.body.promptId}/rollback`, { version: 1 });
    const third = await waitForRun(
      tenant,
      company.companyId,
      (await tenant.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    expect(third.prompts.analysis).toMatchObject({ source: 'tenant', version: 3 });
    // Version 3 renders exactly what version 1 did, so the first run's answer is reused.
    expect(third.cached).toBe(true);
  });
});

describe('budgets', () => {
  it('stops new runs with a 429 once the monthly budget is used, and starts nothing', async () => {
    const tenant = (await newTenant('Budget')).owner;
    const company = await newCompany(tenant);
    const patched = await tenant.patch(
      '/v1/settings/ai',
      { monthlyBudget: { amount: 0, currency: 'USD' } },
      { 'if-match': '"1"' },
    );
    expect(patched.status).toBe(200);
    const res = await tenant.post(`/v1/companies/${company.companyId}/analysis`);
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body.type).toMatch(/ai-budget-exceeded/);
    expect((await tenant.get(`/v1/companies/${company.companyId}/analysis`)).body.items).toEqual([]);
    const bad = await tenant.patch(
      '/v1/settings/ai',
      { monthlyBudget: { amount: -5, currency: 'GBP' } },
      { 'if-match': '"2"' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'monthlyBudget.amount',
      'monthlyBudget.currency',
    ]);
  });

  it('changes the budget only with If-Match: 428 without it, 409 on a stale version, nothing changed by either', async () => {
    const admin1 = (await newTenant('Budget If-Match')).owner;
    const shown = await admin1.get('/v1/settings/ai');
    expect(shown.body.version).toBe(1);
    expect(shown.headers.get('etag')).toBe('"1"');
    const budget = (amount: number) => ({ monthlyBudget: { amount, currency: 'USD' } });

    expect((await admin1.patch('/v1/settings/ai', budget(100))).status).toBe(428);
    const first = await admin1.patch('/v1/settings/ai', budget(700), { 'if-match': shown.headers.get('etag')! });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, monthlyBudget: { amount: 700 } });
    expect(first.headers.get('etag')).toBe('"2"');

    // A second admin still looking at version 1 must not overwrite the change unseen.
    const stale = await admin1.patch('/v1/settings/ai', budget(50), { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([expect.objectContaining({ path: 'version' })]);
    expect((await admin1.get('/v1/settings/ai')).body).toMatchObject({ version: 2, monthlyBudget: { amount: 700 } });
  });
});
