import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeKey, routes } from '../../lib/manifest.js';
import { call, newCompany, newMember, newTenant, waitForRun, type Client } from '../support/api.js';

/** Tenant A's data, and tenant B's owner who must never see it. */
let a: Client;
let b: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  a = (await newTenant('Isolation A')).owner;
  b = (await newTenant('Isolation B')).owner;
  const company = await newCompany(a, { name: 'Zebra Secret Holdings', stage: 'customer' });
  const activity = await a.post(`/v1/companies/${company.companyId}/activities`, {
    type: 'note',
    subject: 'Secret plans',
  });
  const contact = await a.post(`/v1/companies/${company.companyId}/contacts`, {
    firstName: 'Secret',
    lastName: 'Person',
  });
  const member = await newMember(a, 'sales');
  const prompt = await a.post('/v1/prompts', {
    category: 'email_copy',
    name: 'Secret prompt',
    systemTemplate: 'Zebra secret instructions',
    userTemplate: 'Write to {{company_name}}',
    model: 'gpt-4.1-mini',
    temperature: 0.5,
  });
  const run = await a.post(`/v1/companies/${company.companyId}/analysis`);
  const batch = await a.post('/v1/analysis-batches', { stage: 'customer' });
  await waitForRun(a, company.companyId, run.body.runId);
  for (let i = 0; i < 100 && !(await a.get(`/v1/analysis-batches/${batch.body.batchId}`)).body.done; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const [kept, merged] = [await newCompany(a), await newCompany(a)];
  const merge = await a.post(`/v1/companies/${kept.companyId}/merge`, { sourceId: merged.companyId, version: 1 });
  await a.put('/v1/settings/ai/key', { apiKey: 'sk-zebra-secret-key-9999' });
  const pipeline = await a.post('/v1/pipelines', {
    name: 'Secret pipeline',
    stages: [
      { name: 'Secret open', order: 0, probabilityBps: 5_000, kind: 'open' },
      { name: 'Secret won', order: 1, probabilityBps: 10_000, kind: 'won' },
      { name: 'Secret lost', order: 2, probabilityBps: 0, kind: 'lost' },
    ],
  });
  const deal = await a.post('/v1/deals', {
    name: 'Zebra secret deal',
    companyId: company.companyId,
    value: { amount: 999_999, currency: 'GBP' },
    expectedCloseDate: new Date().toISOString().slice(0, 10),
  });
  const supplier = await a.post('/v1/suppliers', { name: 'Zebra Secret Supplies', markupBps: 2_500 });
  const product = await a.post('/v1/products', {
    code: 'ZEBRA-1',
    name: 'Zebra secret widget',
    unitPrice: { amount: 999_999, currency: 'GBP' },
    supplierId: supplier.body.supplierId,
  });
  const rateCard = await a.post('/v1/rate-cards', {
    name: 'Zebra secret rates',
    roles: [
      {
        role: 'Secret engineer',
        dayRate: { amount: 99_900, currency: 'GBP' },
        hourRate: { amount: 13_000, currency: 'GBP' },
      },
    ],
  });
  const quote = await a.post('/v1/quotes', {
    companyId: company.companyId,
    title: 'Zebra secret quote',
    currency: 'GBP',
    lines: [
      { description: 'Secret hours', quantity: 1, unitPrice: { amount: 99_999, currency: 'GBP' }, taxRateBps: 0 },
    ],
  });
  ids.quoteId = quote.body.quoteId;
  const rule = await a.post('/v1/pricing-rules', {
    kind: 'customer_price',
    companyId: company.companyId,
    productId: product.body.productId,
    unitPrice: { amount: 99_999, currency: 'GBP' },
  });
  ids.ruleId = rule.body.ruleId;
  ids.supplierId = supplier.body.supplierId;
  ids.productId = product.body.productId;
  ids.rateCardId = rateCard.body.rateCardId;
  ids.pipelineId = pipeline.body.pipelineId;
  ids.dealId = deal.body.dealId;
  const imported = await a.post('/v1/imports', {
    kind: 'companies',
    csv: 'Name\nZebra Imported',
    mapping: { Name: 'name' },
  });
  const exported = await a.post('/v1/exports', { kind: 'tenant' });
  ids.importId = imported.body.importId;
  ids.exportId = exported.body.exportId;
  ids.companyVersion = String((await a.get(`/v1/companies/${company.companyId}`)).body.version);
  ids.promptId = prompt.body.promptId;
  ids.runId = run.body.runId;
  ids.batchId = batch.body.batchId;
  ids.officerId = 'pQ2rX8mZt4vK9nB1cL7yW3dH5sE';
  ids.companyId = company.companyId;
  ids.contactId = contact.body.contactId;
  ids.userId = member.user.userId;
  ids.activityId = activity.body.activityId;
  ids.mergeId = merge.body.mergeId;
  ids.taskId = (
    await a.post('/v1/tasks', { title: 'Secret task', dueAt: '2031-01-01T09:00:00Z', companyId: company.companyId })
  ).body.taskId;
  // Branding with a logo: B's GET /v1/settings/branding must show none of it (the lists test).
  const logoUpload = await a.post('/v1/settings/branding/logo-uploads', { contentType: 'image/png' });
  const png = await QRCode.toBuffer('zebra', { width: 64 });
  await fetch(logoUpload.body.url, { method: 'PUT', headers: logoUpload.body.headers, body: new Uint8Array(png) });
  ids.logoUploadKey = logoUpload.body.uploadKey;
  const branding = await a.get('/v1/settings/branding');
  await a.put(
    '/v1/settings/branding',
    {
      accentColour: '#123456',
      addressLines: ['Zebra House'],
      footerTerms: 'Secret terms',
      logo: { uploadKey: ids.logoUploadKey },
    },
    { 'if-match': `"${branding.body.version}"` },
  );
});

/** Valid bodies, so a refusal can only come from the ownership check. */
const bodies: Record<string, unknown> = {
  'PATCH /v1/companies/{companyId}': { name: 'Hijacked', version: 1 },
  'POST /v1/companies/{companyId}/contacts': { firstName: 'In', lastName: 'Truder' },
  'PATCH /v1/contacts/{contactId}': { jobTitle: 'Hijacked', version: 1 },
  'POST /v1/companies/{companyId}/activities': { type: 'note', subject: 'Hijacked' },
  'PATCH /v1/activities/{activityId}': { subject: 'Hijacked', version: 1 },
  'PATCH /v1/users/{userId}': { name: 'Hijacked', version: 1 },
  'PUT /v1/prompts/{promptId}': {
    name: 'Hijacked',
    systemTemplate: 'x',
    userTemplate: 'y',
    model: 'gpt-4.1-mini',
    temperature: 0,
    version: 1,
  },
  'POST /v1/prompts/{promptId}/rollback': { version: 1 },
  'PATCH /v1/deals/{dealId}': { stageId: 'won', version: 1 },
  'PATCH /v1/pipelines/{pipelineId}': { name: 'Hijacked', version: 1 },
  'POST /v1/companies/{companyId}/merge': { sourceId: 'unknown', fields: { name: 'source' }, version: 1 },
  'POST /v1/contacts/{contactId}/merge': { sourceId: 'unknown', fields: { jobTitle: 'source' }, version: 1 },
  'PATCH /v1/tasks/{taskId}': { title: 'Hijacked', version: 1 },
  'POST /v1/prompts/{promptId}/test': { companyId: 'unknown' },
  'PATCH /v1/products/{productId}': { name: 'Hijacked', version: 1 },
  'PATCH /v1/suppliers/{supplierId}': { name: 'Hijacked', version: 1 },
  'PATCH /v1/rate-cards/{rateCardId}': { name: 'Hijacked', version: 1 },
  'PATCH /v1/quotes/{quoteId}': { title: 'Hijacked', version: 1 },
  'POST /v1/quotes/{quoteId}/submit': { version: 1 },
  'POST /v1/quotes/{quoteId}/approve': { version: 1 },
  'POST /v1/quotes/{quoteId}/reject': { reason: 'Hijacked', version: 1 },
  'POST /v1/quotes/{quoteId}/revise': { version: 1 },
  'POST /v1/quotes/{quoteId}/send': { to: ['intruder@example.test'], version: 1 },
  'PATCH /v1/pricing-rules/{ruleId}': {
    kind: 'bundle',
    name: 'Hijacked',
    productIds: ['a', 'b'],
    discountBps: 100,
    version: 1,
  },
};

describe('tenant isolation', () => {
  it("answers 404 to tenant B for every route naming tenant A's ids, and changes nothing", async () => {
    const withIds = routes.filter((r) => r.auth === 'tenant' && r.path.includes('{'));
    expect(withIds.length).toBeGreaterThan(5);
    for (const route of withIds) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'unknown');
      const res = await call(route.method, path, { token: b.token, body: bodies[routeKey(route)] });
      expect(res.status, `${route.method} ${route.path}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/Zebra|Secret/);
    }
    expect((await a.get(`/v1/prompts/${ids.promptId}`)).body).toMatchObject({ name: 'Secret prompt', version: 1 });
    const company = await a.get(`/v1/companies/${ids.companyId}`);
    expect(company.body).toMatchObject({ name: 'Zebra Secret Holdings', version: Number(ids.companyVersion) });
    expect((await a.get(`/v1/contacts/${ids.contactId}`)).status).toBe(200);
    expect((await a.get(`/v1/deals/${ids.dealId}`)).body).toMatchObject({ status: 'open', version: 1 });
    expect((await a.get(`/v1/pipelines/${ids.pipelineId}`)).body).toMatchObject({
      name: 'Secret pipeline',
      version: 1,
    });
    const contacts = await a.get(`/v1/companies/${ids.companyId}/contacts`);
    expect(contacts.body.items).toHaveLength(1);
    for (const path of [
      `/v1/products/${ids.productId}`,
      `/v1/suppliers/${ids.supplierId}`,
      `/v1/rate-cards/${ids.rateCardId}`,
      `/v1/quotes/${ids.quoteId}`,
    ])
      expect((await a.get(path)).body, path).toMatchObject({ version: 1 });
    const activities = await a.get(`/v1/companies/${ids.companyId}/activities`);
    expect(activities.body.items).toMatchObject([{ subject: 'Secret plans', version: 1 }]);
  });

  it("never shows tenant A's items in tenant B's lists or searches", async () => {
    const lists = routes.filter((r) => r.auth === 'tenant' && r.method === 'GET' && !r.path.includes('{'));
    for (const route of lists) {
      const queries =
        route.path === '/v1/companies'
          ? ['', '?q=zebra', '?stage=customer', '?q=Zebra&stage=customer']
          : route.path === '/v1/contacts'
            ? ['', '?q=secret', '?stage=customer', '?role=other']
            : route.path === '/v1/companies-house/search' || route.path === '/v1/search'
              ? ['?q=zebra']
              : route.path === '/v1/products'
                ? ['', '?q=zebra', '?q=ZEBRA-1&active=true']
                : [''];
      for (const query of queries) {
        const res = await b.get(`${route.path}${query}`);
        expect(res.status, `${route.path}${query}`).toBe(200);
        expect(JSON.stringify(res.body), `${route.path}${query}`).not.toMatch(/Zebra|Secret|Isolation A|9999/);
      }
    }
  });

  it("rejects tenant A's cursor when tenant B sends it", async () => {
    await newCompany(a, { name: 'Zebra Two' });
    const page = await a.get('/v1/companies?limit=1');
    expect(page.body.cursor).toBeTruthy();
    const stolen = await b.get(`/v1/companies?limit=1&cursor=${page.body.cursor}`);
    expect(stolen.status).toBe(400);
    await a.post('/v1/products', { code: 'ZEBRA-2', name: 'Zebra two', unitPrice: { amount: 1, currency: 'GBP' } });
    const products = await a.get('/v1/products?limit=1');
    expect(products.body.cursor).toBeTruthy();
    expect((await b.get(`/v1/products?limit=1&cursor=${products.body.cursor}`)).status).toBe(400);
  });

  it("cannot take tenant A's logo upload into tenant B's branding", async () => {
    const before = (await b.get('/v1/settings/branding')).body;
    const res = await b.put(
      '/v1/settings/branding',
      { accentColour: '#123456', addressLines: [], footerTerms: '', logo: { uploadKey: ids.logoUploadKey } },
      { 'if-match': `"${before.version}"` },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'logo.uploadKey', message: 'Nothing was uploaded under this key' }]);
    expect((await b.get('/v1/settings/branding')).body).toEqual(before);
    expect((await a.get('/v1/settings/branding')).body).toMatchObject({
      footerTerms: 'Secret terms',
      logo: { contentType: 'image/png' },
    });
  });

  it('ignores a tenant id smuggled in a body or query', async () => {
    const me = (await a.get('/v1/me')).body;
    const res = await b.post('/v1/companies', { name: 'Smuggled', tenantId: me.tenant.tenantId });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'tenantId', message: 'Unknown field' }]);
    const list = await b.get(`/v1/companies?tenantId=${me.tenant.tenantId}`);
    expect(list.status).toBe(400);
  });
});
