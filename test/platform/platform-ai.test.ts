import { afterAll, describe, expect, inject, it } from 'vitest';
import { admin, analysableCompany, fakeOpenAi, newTenant, unique, waitForRun } from '../support/api.js';

const fake = fakeOpenAi(inject('fakes').openai);

afterAll(async () => {
  await (await admin()).delete('/v1/admin/keys/openai');
});

describe('platform AI key', () => {
  it('is stored encrypted, shown only by its last four characters, and used by tenants without their own key', async () => {
    const operator = await admin();
    const platformKey = `sk-platform-${unique()}${unique()}`;
    const set = await operator.put('/v1/admin/keys/openai', { apiKey: platformKey });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ provider: 'openai', last4: platformKey.slice(-4) });
    const listed = await operator.get('/v1/admin/keys');
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ provider: 'openai', set: true, last4: platformKey.slice(-4) }),
      ]),
    );
    expect(JSON.stringify([set.body, listed.body])).not.toContain(platformKey.slice(0, -4));

    const { owner } = await newTenant('Platform key user');
    const settings = (await owner.get('/v1/settings/ai')).body;
    expect(settings).toMatchObject({
      provider: 'openai',
      activeKey: { source: 'platform', last4: platformKey.slice(-4) },
      tenantKey: null,
      platformKeySet: true,
    });

    const company = await analysableCompany(owner);
    const run = await waitForRun(
      owner,
      company.companyId,
      (await owner.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    expect(run).toMatchObject({ status: 'succeeded', provider: 'openai' });
    expect((await fake.requests(platformKey)).length).toBe(2);

    // A tenant's own key wins over the platform's.
    const ownKey = `sk-own-${unique()}${unique()}`;
    await owner.put('/v1/settings/ai/key', { apiKey: ownKey });
    expect((await owner.get('/v1/settings/ai')).body.activeKey).toEqual({ source: 'tenant', last4: ownKey.slice(-4) });
    const second = await analysableCompany(owner);
    await waitForRun(
      owner,
      second.companyId,
      (await owner.post(`/v1/companies/${second.companyId}/analysis`)).body.runId,
    );
    expect((await fake.requests(ownKey)).length).toBe(2);
    expect((await fake.requests(platformKey)).length).toBe(2);

    expect((await operator.delete('/v1/admin/keys/openai')).status).toBe(204);
    const { owner: later } = await newTenant('After removal');
    expect((await later.get('/v1/settings/ai')).body).toMatchObject({
      provider: 'offline',
      activeKey: null,
      platformKeySet: false,
    });
  });

  it('refuses an unknown provider with a 400 naming it', async () => {
    const res = await (await admin()).put('/v1/admin/keys/anthropic', { apiKey: 'sk-something-long-enough' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('provider');
  });
});

describe('system prompts', () => {
  it('apply to tenants without an override, are read-only to them, and version and roll back', async () => {
    const operator = await admin();
    const created = await operator.post('/v1/admin/prompts', {
      category: 'lead_scoring',
      name: 'Platform scoring',
      systemTemplate: 'Score conservatively.',
      userTemplate: 'Score {{company_name}} given {{activities}}',
      model: 'gpt-4.1-mini',
      temperature: 0,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: 'system', version: 1 });
    const { promptId } = created.body;

    const { owner } = await newTenant('System prompt user');
    const categories = (await owner.get('/v1/prompts')).body.items;
    expect(categories.find((c: { category: string }) => c.category === 'lead_scoring').active).toMatchObject({
      scope: 'system',
      promptId,
      version: 1,
    });
    expect((await owner.get(`/v1/prompts/${promptId}`)).status).toBe(200);
    const edit = await owner.put(
      `/v1/prompts/${promptId}`,
      { name: 'Mine', systemTemplate: 'x', userTemplate: 'y', model: 'gpt-4.1', temperature: 0 },
      { 'if-match': '1' },
    );
    expect(edit.status).toBe(403);

    const company = await analysableCompany(owner);
    const run = await waitForRun(
      owner,
      company.companyId,
      (await owner.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    expect(run.prompts.scoring).toMatchObject({ source: 'system', promptId, version: 1 });

    const v2 = await operator.put(
      `/v1/admin/prompts/${promptId}`,
      { ...pick(created.body), systemTemplate: 'Score generously.' },
      { 'if-match': '1' },
    );
    expect(v2.body.version).toBe(2);
    const afterEdit = await waitForRun(
      owner,
      company.companyId,
      (await owner.post(`/v1/companies/${company.companyId}/analysis`)).body.runId,
    );
    expect(afterEdit.prompts.scoring).toMatchObject({ source: 'system', version: 2 });

    const rolled = await operator.post(`/v1/admin/prompts/${promptId}/rollback`, { version: 1 });
    expect(rolled.body).toMatchObject({ version: 3, systemTemplate: 'Score conservatively.' });
    const history = (await operator.get(`/v1/admin/prompts/${promptId}/versions`)).body.items;
    expect(history.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);

    expect((await owner.delete(`/v1/prompts/${promptId}`)).status).toBe(403);
    expect((await operator.delete(`/v1/admin/prompts/${promptId}`)).status).toBe(204);
    const afterRemoval = (await owner.get('/v1/prompts')).body.items.find(
      (c: { category: string }) => c.category === 'lead_scoring',
    );
    expect(afterRemoval).toMatchObject({ system: null, active: { scope: 'default' } });

    const usage = (await operator.get('/v1/admin/usage')).body;
    expect(
      usage.items.find((u: { tenantName: string }) => u.tenantName.startsWith('System prompt user')),
    ).toMatchObject({ runs: 2 });
  });
});

const pick = (p: {
  name: string;
  systemTemplate: string;
  userTemplate: string;
  model: string;
  temperature: number;
}) => ({
  name: p.name,
  systemTemplate: p.systemTemplate,
  userTemplate: p.userTemplate,
  model: p.model,
  temperature: p.temperature,
});
