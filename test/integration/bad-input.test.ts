import { beforeAll, describe, expect, it } from 'vitest';
import { routeKey, routes } from '../../lib/manifest.js';
import { admin, call, newCompany, newMember, newTenant, unique, type Client } from '../support/api.js';

interface Fixture {
  ids: Record<string, string>;
  owner: Client;
  admin: Client;
}

/**
 * For each write route: a valid body, a field to send with the wrong type, a required field,
 * and a probe that reads back what a request could have written.
 */
interface Case {
  valid: (f: Fixture) => Record<string, unknown>;
  /** A field to send with the wrong type, for routes that take fields. */
  wrongType?: [field: string, value: unknown];
  required?: string;
  probe: (f: Fixture) => Promise<unknown>;
}

const promptBody = {
  name: 'Valid',
  systemTemplate: 'Be brief.',
  userTemplate: 'About {{company_name}}',
  model: 'gpt-4.1-mini',
  temperature: 0.2,
};
const promptsProbe = async (f: Fixture) => (await f.owner.get('/v1/prompts')).body;
const adminPromptsProbe = async (f: Fixture) => (await f.admin.get('/v1/admin/prompts')).body;
const companiesProbe = async (f: Fixture) => (await f.owner.get('/v1/companies?limit=100')).body.items;
const dealsProbe = async (f: Fixture) => (await f.owner.get('/v1/deals?limit=100')).body.items;
const quotesProbe = async (f: Fixture) => (await f.owner.get('/v1/quotes?limit=100')).body.items;
const quoteProbe = async (f: Fixture) => (await f.owner.get(`/v1/quotes/${f.ids.quoteId}`)).body;
const quoteLine = {
  description: 'Hours',
  quantity: 2.5,
  unitPrice: { amount: 8_500, currency: 'GBP' },
  taxRateBps: 2_000,
};
const productsProbe = async (f: Fixture) => (await f.owner.get('/v1/products?limit=100')).body.items;
const rulesProbe = async (f: Fixture) => (await f.owner.get('/v1/pricing-rules?limit=100')).body.items;
const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const rateCardRole = {
  role: 'Engineer',
  dayRate: { amount: 80_000, currency: 'GBP' },
  hourRate: { amount: 11_000, currency: 'GBP' },
};
const cases: Record<string, Case> = {
  'POST /v1/companies': {
    valid: () => ({ name: 'Valid Co' }),
    wrongType: ['tags', 'not-a-list'],
    required: 'name',
    probe: companiesProbe,
  },
  'PATCH /v1/companies/{companyId}': {
    valid: () => ({ name: 'Renamed', version: 1 }),
    wrongType: ['leadScore', 'high'],
    probe: async (f) => (await f.owner.get(`/v1/companies/${f.ids.companyId}`)).body,
  },
  'POST /v1/companies/{companyId}/contacts': {
    valid: () => ({ firstName: 'Val', lastName: 'Id' }),
    wrongType: ['emails', { address: 'x@y.z' }],
    required: 'lastName',
    probe: async (f) => (await f.owner.get(`/v1/companies/${f.ids.companyId}/contacts`)).body.items,
  },
  'POST /v1/companies/{companyId}/activities': {
    valid: () => ({ type: 'call', subject: 'Valid call' }),
    wrongType: ['durationMinutes', '20 minutes'],
    required: 'subject',
    probe: async (f) => (await f.owner.get(`/v1/companies/${f.ids.companyId}/activities`)).body.items,
  },
  'PATCH /v1/activities/{activityId}': {
    valid: () => ({ subject: 'Edited call', version: 1 }),
    wrongType: ['durationMinutes', 'an hour'],
    probe: async (f) => (await f.owner.get(`/v1/companies/${f.ids.companyId}/activities`)).body.items,
  },
  'PATCH /v1/contacts/{contactId}': {
    valid: () => ({ jobTitle: 'CTO', version: 1 }),
    wrongType: ['phones', 7],
    probe: async (f) => (await f.owner.get(`/v1/contacts/${f.ids.contactId}`)).body,
  },
  'POST /v1/users': {
    valid: () => ({ email: `valid-${unique()}@example.test`, name: 'Valid', role: 'sales' }),
    wrongType: ['role', 3],
    required: 'email',
    probe: async (f) => (await f.owner.get('/v1/users?limit=100')).body.items,
  },
  'PATCH /v1/users/{userId}': {
    valid: () => ({ name: 'Renamed', version: 1 }),
    wrongType: ['role', ['sales']],
    probe: async (f) => (await f.owner.get('/v1/users?limit=100')).body.items,
  },
  'POST /v1/users/{userId}/invitation': {
    valid: () => ({}),
    probe: async (f) => (await f.owner.get('/v1/users?limit=100')).body.items,
  },
  'POST /v1/admin/tenants': {
    valid: () => ({
      name: 'Valid Tenant',
      slug: `valid-${unique()}`,
      owner: { email: `o-${unique()}@example.test`, name: 'O' },
    }),
    wrongType: ['owner', 'someone@example.test'],
    required: 'slug',
    probe: async (f) => (await f.admin.get('/v1/admin/tenants?limit=100')).body.items.length,
  },
  'POST /v1/companies/{companyId}/analysis': {
    valid: () => ({}),
    probe: async (f) => (await f.owner.get(`/v1/companies/${f.ids.companyId}/analysis`)).body.items,
  },
  'POST /v1/analysis-batches': {
    valid: () => ({ stage: 'lead' }),
    wrongType: ['stage', 3],
    required: 'stage',
    probe: async (f) => (await f.owner.get('/v1/analysis-batches')).body.items,
  },
  'POST /v1/prompts': {
    valid: () => ({ ...promptBody, category: 'email_copy' }),
    wrongType: ['temperature', 'warm'],
    required: 'userTemplate',
    probe: promptsProbe,
  },
  'PUT /v1/prompts/{promptId}': {
    valid: () => ({ ...promptBody, version: 1 }),
    wrongType: ['model', 4],
    required: 'name',
    probe: promptsProbe,
  },
  'POST /v1/prompts/{promptId}/rollback': {
    valid: () => ({ version: 1 }),
    wrongType: ['version', 'first'],
    required: 'version',
    probe: promptsProbe,
  },
  'POST /v1/prompts/{promptId}/test': {
    valid: (f) => ({ companyId: f.ids.companyId }),
    wrongType: ['draft', 'make it punchier'],
    required: 'companyId',
    probe: async (f) => (await f.owner.get('/v1/usage')).body,
  },
  // Admin prompt and key routes are platform-wide: only invalid requests are ever sent.
  'POST /v1/admin/prompts': {
    valid: () => ({ ...promptBody, category: 'email_copy' }),
    wrongType: ['category', 7],
    required: 'systemTemplate',
    probe: adminPromptsProbe,
  },
  'PUT /v1/admin/prompts/{promptId}': {
    valid: () => ({ ...promptBody, version: 1 }),
    wrongType: ['temperature', [1]],
    required: 'model',
    probe: adminPromptsProbe,
  },
  'POST /v1/admin/prompts/{promptId}/rollback': {
    valid: () => ({ version: 1 }),
    wrongType: ['version', true],
    required: 'version',
    probe: adminPromptsProbe,
  },
  'PATCH /v1/settings/ai': {
    valid: () => ({ monthlyBudget: { amount: 5000, currency: 'USD' }, version: 1 }),
    wrongType: ['monthlyBudget', 50],
    required: 'monthlyBudget',
    probe: async (f) => (await f.owner.get('/v1/settings/ai')).body,
  },
  'PATCH /v1/settings/security': {
    valid: () => ({ mfaRequired: false, version: 1 }),
    wrongType: ['mfaRequired', 'yes'],
    required: 'mfaRequired',
    probe: async (f) => (await f.owner.get('/v1/settings/security')).body,
  },
  'POST /v1/me/mfa/refresh': {
    valid: () => ({}),
    // What a refresh writes; the store does not keep the user's attribute order stable.
    probe: async (f) => {
      const { mfaEnabled, updatedAt, version } = (await f.owner.get('/v1/me')).body;
      return { mfaEnabled, updatedAt, version };
    },
  },
  'PATCH /v1/me': {
    valid: () => ({ name: 'Renamed', timeZone: 'Europe/London', version: 1 }),
    wrongType: ['timeZone', 60],
    probe: async (f) => {
      const { name, timeZone, version } = (await f.owner.get('/v1/me')).body;
      return { name, timeZone, version };
    },
  },
  'POST /v1/me/sign-out-everywhere': {
    valid: () => ({}),
    // A refused request signs nobody out: the owner's token still reads /v1/me, at the same version.
    probe: async (f) => {
      const me = await f.owner.get('/v1/me');
      return { status: me.status, version: me.body.version };
    },
  },
  'PATCH /v1/settings/workspace': {
    valid: () => ({ currency: 'EUR', version: 1 }),
    wrongType: ['currency', 978],
    required: 'currency',
    probe: async (f) => (await f.owner.get('/v1/settings/workspace')).body,
  },
  'PUT /v1/settings/branding': {
    valid: () => ({ accentColour: '#1D4ED8', addressLines: ['1 Market Street'], footerTerms: 'Net 30.', version: 1 }),
    wrongType: ['addressLines', '1 Market Street'],
    required: 'accentColour',
    probe: async (f) => (await f.owner.get('/v1/settings/branding')).body,
  },
  'POST /v1/settings/branding/logo-uploads': {
    valid: () => ({ contentType: 'image/png' }),
    wrongType: ['contentType', 7],
    required: 'contentType',
    probe: async (f) => (await f.owner.get('/v1/settings/branding')).body,
  },
  'PUT /v1/settings/ai/key': {
    valid: () => ({ apiKey: 'sk-valid-looking-key-0000' }),
    wrongType: ['apiKey', 12345],
    required: 'apiKey',
    probe: async (f) => (await f.owner.get('/v1/settings/ai')).body,
  },
  'PUT /v1/admin/keys/{provider}': {
    valid: () => ({ apiKey: 'sk-valid-looking-key-0000' }),
    wrongType: ['apiKey', { key: 'x' }],
    required: 'apiKey',
    probe: async (f) => (await f.admin.get('/v1/admin/keys')).body,
  },
  'POST /v1/companies/{companyId}/directors/{officerId}/contact': {
    valid: () => ({}),
    probe: async (f) => (await f.owner.get(`/v1/companies/${f.ids.companyId}/contacts`)).body.items,
  },
  'POST /v1/tasks': {
    valid: () => ({ title: 'Valid task', dueAt: '2031-01-01T09:00:00Z' }),
    wrongType: ['priority', 3],
    required: 'title',
    probe: async (f) => (await f.owner.get('/v1/tasks?limit=100')).body.items,
  },
  'PATCH /v1/tasks/{taskId}': {
    valid: () => ({ title: 'Renamed task', version: 1 }),
    wrongType: ['done', 'yes'],
    probe: async (f) => (await f.owner.get(`/v1/tasks/${f.ids.taskId}`)).body,
  },
  'POST /v1/companies/duplicates-check': {
    valid: () => ({ name: 'Target Co' }),
    wrongType: ['domain', 42],
    probe: companiesProbe,
  },
  'POST /v1/companies/bulk': {
    valid: (f) => ({ ids: [f.ids.companyId], set: { stage: 'prospect' } }),
    wrongType: ['ids', 'all'],
    required: 'ids',
    probe: companiesProbe,
  },
  'POST /v1/deals': {
    valid: (f) => ({
      name: 'Valid deal',
      companyId: f.ids.companyId,
      value: { amount: 100_000, currency: 'GBP' },
      expectedCloseDate: '2031-01-31',
    }),
    wrongType: ['value', 'a lot'],
    required: 'name',
    probe: dealsProbe,
  },
  'PATCH /v1/deals/{dealId}': {
    valid: () => ({ name: 'Renamed deal', version: 1 }),
    wrongType: ['probabilityBps', 'likely'],
    probe: async (f) => (await f.owner.get(`/v1/deals/${f.ids.dealId}`)).body,
  },
  'PUT /v1/settings/quote-approval': {
    valid: () => ({ maxLineDiscountBps: 1_000, maxTotal: [{ amount: 100_000, currency: 'GBP' }] }),
    wrongType: ['maxLineDiscountBps', 'ten percent'],
    required: 'maxTotal',
    probe: async (f) => (await f.owner.get('/v1/settings/quote-approval')).body,
  },
  'POST /v1/quotes': {
    valid: (f) => ({ companyId: f.ids.companyId, title: 'Valid quote', currency: 'GBP', lines: [quoteLine] }),
    wrongType: ['lines', 'two hours'],
    required: 'title',
    probe: quotesProbe,
  },
  'POST /v1/quotes/draft': {
    valid: (f) => ({ companyId: f.ids.companyId, requirements: 'Ten laptops', tiers: 1 }),
    wrongType: ['tiers', 'three'],
    required: 'requirements',
    probe: quotesProbe,
  },
  'PATCH /v1/quotes/{quoteId}': {
    valid: () => ({ title: 'Renamed quote', version: 1 }),
    wrongType: ['lines', { description: 'not a list' }],
    probe: quoteProbe,
  },
  'POST /v1/quotes/{quoteId}/submit': { valid: () => ({}), probe: quoteProbe },
  'POST /v1/quotes/{quoteId}/approve': { valid: () => ({}), probe: quoteProbe },
  'POST /v1/quotes/{quoteId}/reject': {
    valid: () => ({ reason: 'Too cheap' }),
    wrongType: ['reason', 42],
    required: 'reason',
    probe: quoteProbe,
  },
  'POST /v1/quotes/{quoteId}/revise': { valid: () => ({}), probe: quoteProbe },
  'POST /v1/quotes/{quoteId}/send': {
    valid: () => ({ to: ['buyer@example.test'] }),
    wrongType: ['to', 'buyer@example.test'],
    probe: quoteProbe,
  },
  'POST /v1/quotes/{quoteId}/pdf': { valid: () => ({}), probe: quoteProbe },
  'POST /v1/public/quotes/{token}/accept': {
    valid: () => ({ name: 'Buyer', signature: { kind: 'typed', text: 'Buyer' } }),
    wrongType: ['signature', 'Buyer'],
    required: 'name',
    probe: quoteProbe,
  },
  'POST /v1/public/quotes/{token}/decline': {
    valid: () => ({ reason: 'No' }),
    wrongType: ['reason', 42],
    probe: quoteProbe,
  },
  'POST /v1/pipelines': {
    valid: () => ({
      name: 'Valid pipeline',
      stages: [
        { name: 'Open', order: 0, probabilityBps: 5_000, kind: 'open' },
        { name: 'Won', order: 1, probabilityBps: 10_000, kind: 'won' },
        { name: 'Lost', order: 2, probabilityBps: 0, kind: 'lost' },
      ],
    }),
    wrongType: ['stages', 'three'],
    required: 'name',
    probe: async (f) => (await f.owner.get('/v1/pipelines')).body.items,
  },
  'PATCH /v1/pipelines/{pipelineId}': {
    valid: () => ({ name: 'Renamed pipeline', version: 1 }),
    wrongType: ['name', 7],
    probe: async (f) => (await f.owner.get(`/v1/pipelines/${f.ids.pipelineId}`)).body,
  },
  'POST /v1/companies/{companyId}/merge': {
    valid: (f) => ({ sourceId: f.ids.sourceCompanyId, fields: { name: 'target' }, version: 1 }),
    wrongType: ['fields', 'all'],
    required: 'sourceId',
    probe: companiesProbe,
  },
  'POST /v1/contacts/{contactId}/merge': {
    valid: (f) => ({ sourceId: f.ids.sourceContactId, fields: { jobTitle: 'target' }, version: 1 }),
    wrongType: ['fields', 'all'],
    required: 'sourceId',
    probe: async (f) => (await f.owner.get(`/v1/companies/${f.ids.companyId}/contacts`)).body.items,
  },
  'POST /v1/merges/{mergeId}/undo': {
    valid: () => ({}),
    probe: companiesProbe,
  },
  'POST /v1/imports': {
    valid: () => ({ kind: 'companies', csv: 'Company\nAcme', mapping: { Company: 'name' }, dryRun: true }),
    wrongType: ['dryRun', 'yes'],
    required: 'kind',
    probe: companiesProbe,
  },
  'POST /v1/imports/uploads': {
    valid: () => ({ fileName: 'companies.csv' }),
    wrongType: ['fileName', 5],
    probe: companiesProbe,
  },
  'POST /v1/exports': {
    valid: () => ({ kind: 'companies' }),
    probe: companiesProbe,
  },
  'POST /v1/contacts/{contactId}/erase': {
    valid: () => ({}),
    probe: async (f) => (await f.owner.get(`/v1/companies/${f.ids.companyId}/contacts`)).body.items,
  },
  'POST /v1/notifications/read': {
    valid: () => ({ all: true }),
    wrongType: ['ids', 'all'],
    probe: async (f) => (await f.owner.get('/v1/notifications')).body,
  },
  'PATCH /v1/me/preferences': {
    valid: () => ({ digest: false }),
    wrongType: ['digest', 'no'],
    probe: async (f) => (await f.owner.get('/v1/me/preferences')).body,
  },
  'POST /v1/products': {
    valid: () => ({ code: `V-${unique()}`, name: 'Valid product', unitPrice: { amount: 1_000, currency: 'GBP' } }),
    wrongType: ['unitPrice', 10],
    required: 'code',
    probe: productsProbe,
  },
  'PATCH /v1/products/{productId}': {
    valid: () => ({ name: 'Renamed product', version: 1 }),
    wrongType: ['taxRateBps', '20%'],
    probe: async (f) => (await f.owner.get(`/v1/products/${f.ids.productId}`)).body,
  },
  'POST /v1/products/import': {
    valid: () => ({ csv: 'code,name,unitPrice\nIMP-1,Imported,10.00', dryRun: true }),
    wrongType: ['dryRun', 'yes'],
    required: 'csv',
    probe: productsProbe,
  },
  'POST /v1/suppliers': {
    valid: () => ({ name: 'Valid supplier', markupBps: 1_000 }),
    wrongType: ['markupBps', '10%'],
    required: 'name',
    probe: async (f) => (await f.owner.get('/v1/suppliers?limit=100')).body.items,
  },
  'PATCH /v1/suppliers/{supplierId}': {
    valid: () => ({ name: 'Renamed supplier', version: 1 }),
    wrongType: ['email', 7],
    probe: async (f) => (await f.owner.get(`/v1/suppliers/${f.ids.supplierId}`)).body,
  },
  'POST /v1/rate-cards': {
    valid: () => ({ name: 'Valid card', roles: [rateCardRole] }),
    wrongType: ['roles', 'engineers'],
    required: 'roles',
    probe: async (f) => (await f.owner.get('/v1/rate-cards?limit=100')).body.items,
  },
  'PATCH /v1/rate-cards/{rateCardId}': {
    valid: () => ({ name: 'Renamed card', version: 1 }),
    wrongType: ['currency', 826],
    probe: async (f) => (await f.owner.get(`/v1/rate-cards/${f.ids.rateCardId}`)).body,
  },
  'POST /v1/pricing-rules': {
    valid: (f) => ({ kind: 'volume', productId: f.ids.productId, tiers: [{ minQuantity: 10, unitPrice: gbp(4_000) }] }),
    wrongType: ['tiers', 'ten'],
    required: 'productId',
    probe: rulesProbe,
  },
  'PATCH /v1/pricing-rules/{ruleId}': {
    valid: (f) => ({
      kind: 'volume',
      productId: f.ids.productId,
      tiers: [{ minQuantity: 5, unitPrice: gbp(4_500) }],
      version: 1,
    }),
    wrongType: ['active', 'no'],
    required: 'kind',
    probe: rulesProbe,
  },
  'PATCH /v1/admin/tenants/{tenantId}': {
    valid: () => ({ name: 'Renamed Tenant', version: 1 }),
    wrongType: ['status', true],
    probe: async (f) => (await f.admin.get(`/v1/admin/tenants/${f.ids.tenantId}`)).body,
  },
  'PATCH /v1/admin/tenants/{tenantId}/users/{userId}': {
    valid: () => ({ role: 'admin', version: 1 }),
    wrongType: ['role', 7],
    probe: async (f) => (await f.admin.get(`/v1/admin/tenants/${f.ids.tenantId}/users?limit=100`)).body.items,
  },
};

const writeRoutes = routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
let fixture: Fixture;

beforeAll(async () => {
  const { owner, tenant } = await newTenant('Bad input');
  const company = await newCompany(owner, { name: 'Target Co' });
  const contact = await owner.post(`/v1/companies/${company.companyId}/contacts`, {
    firstName: 'Tar',
    lastName: 'Get',
  });
  const member = await newMember(owner, 'sales');
  const activity = await owner.post(`/v1/companies/${company.companyId}/activities`, { type: 'call', subject: 'Call' });
  const prompt = await owner.post('/v1/prompts', { ...promptBody, category: 'company_analysis' });
  const task = await owner.post('/v1/tasks', { title: 'Target task', dueAt: '2031-01-01T09:00:00Z' });
  const deal = await owner.post('/v1/deals', {
    name: 'Target deal',
    companyId: company.companyId,
    value: { amount: 5_000, currency: 'GBP' },
    expectedCloseDate: '2031-01-31',
  });
  const pipelines = await owner.get('/v1/pipelines');
  const source = await newCompany(owner, { name: 'Source Co' });
  const sourceContact = await owner.post(`/v1/companies/${company.companyId}/contacts`, {
    firstName: 'Sour',
    lastName: 'Ce',
  });
  // A merge to undo: two companies made for it, so the rest of the fixture is untouched.
  const [kept, merged] = [await newCompany(owner, { name: 'Kept Co' }), await newCompany(owner, { name: 'Gone Co' })];
  const merge = await owner.post(`/v1/companies/${kept.companyId}/merge`, { sourceId: merged.companyId, version: 1 });
  const supplier = await owner.post('/v1/suppliers', { name: 'Target supplier', markupBps: 2_000 });
  const product = await owner.post('/v1/products', {
    code: 'TARGET-1',
    name: 'Target product',
    unitPrice: { amount: 5_000, currency: 'GBP' },
  });
  const rateCard = await owner.post('/v1/rate-cards', { name: 'Target card', roles: [rateCardRole] });
  const quote = await owner.post('/v1/quotes', {
    companyId: company.companyId,
    title: 'Target quote',
    currency: 'GBP',
    lines: [quoteLine],
  });
  const rule = await owner.post('/v1/pricing-rules', {
    kind: 'volume',
    productId: product.body.productId,
    tiers: [{ minQuantity: 10, unitPrice: { amount: 4_000, currency: 'GBP' } }],
  });
  fixture = {
    owner,
    admin: await admin(),
    ids: {
      companyId: company.companyId,
      contactId: contact.body.contactId,
      activityId: activity.body.activityId,
      userId: member.user.userId,
      tenantId: tenant.tenantId,
      promptId: prompt.body.promptId,
      taskId: task.body.taskId,
      dealId: deal.body.dealId,
      pipelineId: pipelines.body.items[0].pipelineId,
      sourceCompanyId: source.companyId,
      sourceContactId: sourceContact.body.contactId,
      mergeId: merge.body.mergeId,
      supplierId: supplier.body.supplierId,
      productId: product.body.productId,
      rateCardId: rateCard.body.rateCardId,
      quoteId: quote.body.quoteId,
      ruleId: rule.body.ruleId,
      officerId: 'pQ2rX8mZt4vK9nB1cL7yW3dH5sE',
      provider: 'openai',
      // A quote link's token: bodies are refused before any link is looked up.
      token: `${tenant.tenantId}.not-a-live-link`,
    },
  };
});

function send(
  route: (typeof routes)[number],
  init: { rawBody?: string; body?: unknown; headers?: Record<string, string> },
) {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => fixture.ids[name]!);
  const token = route.auth === 'admin' ? fixture.admin.token : fixture.owner.token;
  return call(route.method, path, { token, ...init });
}

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/at .+\.(ts|js):\d+|Error:|stack/);
  if (field !== undefined) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
}

describe('bad input on every write route', () => {
  it('has a case for every write route in the manifest', () => {
    expect(writeRoutes.map(routeKey).sort()).toEqual(Object.keys(cases).sort());
  });

  for (const route of writeRoutes) {
    const key = routeKey(route);
    it(`${key}: 400/413/415 problems naming the field, with nothing written`, async () => {
      const c = cases[key]!;
      const before = JSON.stringify(await c.probe(fixture));
      const json = { 'content-type': 'application/json' };

      expectProblem(await send(route, { rawBody: '{"name": "unterminated', headers: json }), 400, '');
      if (c.wrongType) {
        const [field, value] = c.wrongType;
        expectProblem(await send(route, { body: { ...c.valid(fixture), [field]: value } }), 400, field);
      }
      expectProblem(await send(route, { body: { ...c.valid(fixture), surprise: 1 } }), 400, 'surprise');
      if (c.required) {
        const { [c.required]: _dropped, ...rest } = c.valid(fixture);
        expectProblem(await send(route, { body: rest }), 400, c.required);
      }
      expectProblem(await send(route, { body: [c.valid(fixture)] }), 400);
      expectProblem(await send(route, { body: { ...c.valid(fixture), name: 'x'.repeat(70_000) } }), 413);
      expectProblem(
        await send(route, { rawBody: JSON.stringify(c.valid(fixture)), headers: { 'content-type': 'text/plain' } }),
        415,
      );
      expectProblem(
        await send(route, { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        415,
      );

      expect(JSON.stringify(await c.probe(fixture))).toBe(before);
    });
  }

  it('rejects bad list queries with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['stage=won', 'stage'],
      ['unknown=1', 'unknown'],
    ] as const) {
      expectProblem(await fixture.owner.get(`/v1/companies?${query}`), 400, field);
    }
  });
});
