import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newMember, newTenant, type Client } from '../support/api.js';

let owner: Client;
let companyId: string;

const override = (fields: Record<string, unknown> = {}) => ({
  category: 'company_analysis',
  name: 'Our analysis',
  systemTemplate: 'You analyse companies for a Leeds MSP.',
  userTemplate: 'Analyse {{company_name}} ({{company_stage}}). Facts:\n{{known_facts}}',
  model: 'gpt-4.1-mini',
  temperature: 0.3,
  ...fields,
});

beforeAll(async () => {
  owner = (await newTenant('Prompts')).owner;
  companyId = (
    await newCompany(owner, { name: 'Prompted Ltd', stage: 'prospect', knownFacts: ['Office move in March'] })
  ).companyId;
});

describe('prompts', () => {
  it('lists every category with the built-in default in effect until something overrides it', async () => {
    const res = await owner.get('/v1/prompts');
    expect(res.status).toBe(200);
    const categories = res.body.items.map((i: { category: string }) => i.category);
    expect(categories).toEqual(
      expect.arrayContaining([
        'company_analysis',
        'lead_scoring',
        'competitor_analysis',
        'financial_analysis',
        'quote_draft',
        'email_copy',
      ]),
    );
    const analysis = res.body.items.find((i: { category: string }) => i.category === 'company_analysis');
    expect(analysis.active.scope).toBe('default');
    expect(analysis.override).toBeNull();
    expect(analysis.variables.map((v: { name: string }) => v.name)).toContain('company_name');
  });

  it('refuses a template with an undeclared variable, naming the template and the variable, and saves nothing', async () => {
    const res = await owner.post('/v1/prompts', override({ userTemplate: 'Hello {{company_nmae}}' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'userTemplate', message: expect.stringContaining('{{company_nmae}}') }),
    ]);
    const list = await owner.get('/v1/prompts');
    expect(list.body.items.find((i: { category: string }) => i.category === 'company_analysis').override).toBeNull();
  });

  it('refuses a model it cannot price, so budgets cannot be bypassed', async () => {
    const res = await owner.post('/v1/prompts', override({ category: 'email_copy', model: 'gpt-5-pro' }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'model', message: expect.stringContaining('gpt-4.1-mini') }),
    ]);
  });

  it('versions every save, shows history, rolls back as a new version, and allows one override per category', async () => {
    const created = await owner.post('/v1/prompts', override());
    expect(created.status).toBe(201);
    const { promptId } = created.body;
    expect(created.body).toMatchObject({ scope: 'tenant', version: 1 });

    expect((await owner.post('/v1/prompts', override({ name: 'Second' }))).status).toBe(409);

    const edited = await owner.put(
      `/v1/prompts/${promptId}`,
      { ...override(), category: undefined, userTemplate: 'Edited {{company_name}}', note: 'Shorter' },
      { 'if-match': '1' },
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, userTemplate: 'Edited {{company_name}}' });

    const stale = await owner.put(
      `/v1/prompts/${promptId}`,
      { ...override(), category: undefined, name: 'Stale' },
      { 'if-match': '1' },
    );
    expect(stale.status).toBe(409);

    const rolled = await owner.post(`/v1/prompts/${promptId}/rollback`, { version: 1 });
    expect(rolled.status).toBe(200);
    expect(rolled.body).toMatchObject({ version: 3, userTemplate: override().userTemplate });

    const versions = await owner.get(`/v1/prompts/${promptId}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions.body.items[0]).toMatchObject({ restoredFrom: 1 });
    expect(versions.body.items[1]).toMatchObject({ note: 'Shorter', userTemplate: 'Edited {{company_name}}' });

    expect((await owner.post(`/v1/prompts/${promptId}/rollback`, { version: 99 })).status).toBe(400);

    const list = await owner.get('/v1/prompts');
    const analysis = list.body.items.find((i: { category: string }) => i.category === 'company_analysis');
    expect(analysis.active).toMatchObject({ promptId, scope: 'tenant', version: 3 });
  });

  it('test-runs a draft against a company without saving it', async () => {
    const list = await owner.get('/v1/prompts');
    const promptId = list.body.items.find((i: { category: string }) => i.category === 'company_analysis').active
      .promptId;
    const before = (await owner.get(`/v1/prompts/${promptId}`)).body;
    const res = await owner.post(`/v1/prompts/${promptId}/test`, {
      companyId,
      draft: {
        systemTemplate: 'Draft system',
        userTemplate: 'Draft for {{company_name}}: {{known_facts}}',
        model: 'gpt-4.1',
        temperature: 0,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.rendered.input).toBe('Draft for Prompted Ltd: - Office move in March');
    expect(res.body.provider).toBe('offline');
    expect(res.body.output.opportunities.map((o: { title: string }) => o.title)).toContain('Office move');
    const after = (await owner.get(`/v1/prompts/${promptId}`)).body;
    expect(after).toEqual(before);

    const badDraft = await owner.post(`/v1/prompts/${promptId}/test`, {
      companyId,
      draft: { systemTemplate: 'x', userTemplate: '{{secret_sauce}}', model: 'gpt-4.1', temperature: 0 },
    });
    expect(badDraft.status).toBe(400);
    expect(badDraft.body.errors[0].path).toBe('userTemplate');
  });

  it('removes an override so the built-in default applies again, keeping its history out of reach of others', async () => {
    const created = await owner.post(
      '/v1/prompts',
      override({ category: 'competitor_analysis', userTemplate: 'Who competes with {{company_name}}?' }),
    );
    expect(created.status).toBe(201);
    expect((await owner.delete(`/v1/prompts/${created.body.promptId}`)).status).toBe(204);
    const list = await owner.get('/v1/prompts');
    expect(list.body.items.find((i: { category: string }) => i.category === 'competitor_analysis')).toMatchObject({
      override: null,
      active: { scope: 'default' },
    });
    expect((await owner.get(`/v1/prompts/${created.body.promptId}`)).status).toBe(404);
    expect((await owner.post('/v1/prompts', override({ category: 'competitor_analysis' }))).status).toBe(201);
  });

  it('lets sales and viewers read prompts but not change them', async () => {
    const sales = (await newMember(owner, 'sales')).client;
    expect((await sales.get('/v1/prompts')).status).toBe(200);
    expect((await sales.post('/v1/prompts', override({ category: 'email_copy' }))).status).toBe(403);
  });
});
