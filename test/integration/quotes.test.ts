import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newMember, newTenant, type Client } from '../support/api.js';

const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const year = new Date().getUTCFullYear();

/** A free-text line (no catalog product): a typed price and tax rate. */
const line = (description: string, quantity: number, amount: number, extra: Record<string, unknown> = {}) => ({
  description,
  quantity,
  unitPrice: gbp(amount),
  taxRateBps: 2_000,
  ...extra,
});

let owner: Client;
let companyId: string;

beforeAll(async () => {
  ({ owner } = await newTenant('Quotes'));
  companyId = (await newCompany(owner, { name: 'Café Łódź Systems' })).companyId;
});

async function newQuote(c: Client, fields: Record<string, unknown> = {}) {
  const res = await c.post('/v1/quotes', {
    companyId,
    title: 'Managed IT support',
    currency: 'GBP',
    lines: [line('Support hours', 2.5, 8_500, { discountBps: 1_000 })],
    ...fields,
  });
  if (res.status !== 201) throw new Error(`quote create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('creating quotes', () => {
  it('numbers a workspace’s first quote Q-<year>-0001 and prices every line to the penny', async () => {
    const { owner: fresh } = await newTenant('First quote');
    const company = await newCompany(fresh);
    const res = await fresh.post('/v1/quotes', {
      companyId: company.companyId,
      title: 'Laptops and setup',
      currency: 'GBP',
      validUntil: '2099-01-31',
      lines: [line('Support hours', 2.5, 8_500, { discountBps: 1_500 }), line('Cable', 3, 333, { taxRateBps: 0 })],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ number: `Q-${year}-0001`, status: 'draft', revision: 1, version: 1 });
    // 2.5 × £85.00 = £212.50, 15% off = £31.88 (half up), net £180.62, VAT 20% = £36.12; 3 × £3.33 at 0%.
    expect(res.body.lines.map((l: { net: { amount: number } }) => l.net.amount)).toEqual([18_062, 999]);
    expect(res.body.totals).toMatchObject({
      subtotal: gbp(22_249),
      discount: gbp(3_188),
      tax: gbp(3_612),
      total: gbp(22_673),
    });
    expect(res.body.headlineTotal).toEqual(gbp(22_673));
    expect(res.body.lines.every((l: { lineId?: string }) => typeof l.lineId === 'string')).toBe(true);
    const timeline = await fresh.get(`/v1/companies/${company.companyId}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({
      action: 'created',
      subjectType: 'quote',
      subjectName: `Q-${year}-0001 Laptops and setup`,
    });
  });

  it('gives 50 concurrent creates 50 distinct consecutive numbers', async () => {
    const { owner: fresh } = await newTenant('Concurrent quotes');
    const company = await newCompany(fresh);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fresh.post('/v1/quotes', {
          companyId: company.companyId,
          title: `Quote ${i}`,
          currency: 'GBP',
          lines: [line('Hours', 1, 1_000)],
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => Number(r.body.number.split('-')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const listed = await fresh.get('/v1/quotes?limit=100');
    expect(listed.body.items).toHaveLength(50);
  });

  it('prices Good/Better/Best tiers each on their own, optional lines only when selected', async () => {
    const tiered = await newQuote(owner, {
      lines: undefined,
      tiers: [
        { name: 'Good', lines: [line('Basic support', 1, 50_000)] },
        {
          name: 'Better',
          lines: [line('Standard support', 1, 80_000), line('Onsite visit', 1, 20_000, { optional: true })],
        },
        {
          name: 'Best',
          lines: [
            line('Premium support', 1, 120_000),
            line('Onsite visit', 1, 20_000, { optional: true, selected: true }),
          ],
        },
      ],
    });
    expect(
      tiered.tiers.map((t: { name: string; totals: { total: { amount: number } } }) => [t.name, t.totals.total.amount]),
    ).toEqual([
      ['Good', 60_000],
      ['Better', 96_000],
      ['Best', 168_000],
    ]);
    expect(tiered.tiers[1].lines[1]).toMatchObject({ optional: true, counts: false });
    expect(tiered.headlineTotal).toEqual(gbp(60_000));
    expect(tiered.lines).toBeUndefined();
  });
});

describe('deals', () => {
  it('makes a deal’s value follow its first quote, and only that one', async () => {
    const deal = await owner.post('/v1/deals', {
      name: 'Firewall refresh',
      companyId,
      value: gbp(1),
      expectedCloseDate: '2099-03-31',
    });
    const dealId = deal.body.dealId;
    const primary = await newQuote(owner, { dealId });
    expect((await owner.get(`/v1/deals/${dealId}`)).body).toMatchObject({
      value: primary.headlineTotal,
      primaryQuoteId: primary.quoteId,
    });
    const other = await newQuote(owner, { dealId, lines: [line('Alternative', 1, 99_900)] });
    expect((await owner.get(`/v1/deals/${dealId}`)).body.value).toEqual(primary.headlineTotal);
    const edited = await owner.patch(
      `/v1/quotes/${primary.quoteId}`,
      { lines: [line('Support hours', 10, 8_500)] },
      { 'if-match': '1' },
    );
    expect(edited.body.headlineTotal).toEqual(gbp(102_000));
    expect((await owner.get(`/v1/deals/${dealId}`)).body.value).toEqual(gbp(102_000));
    expect(
      (await owner.get(`/v1/quotes?dealId=${dealId}`)).body.items.map((q: { quoteId: string }) => q.quoteId),
    ).toEqual([other.quoteId, primary.quoteId]);
  });
});

describe('search', () => {
  it('finds a quote at once by its number and by a word of its title, and follows a rename', async () => {
    const quote = await newQuote(owner, { title: 'Zakładowy firewall refresh' });
    const byNumber = await owner.get(`/v1/search?q=${quote.number}&kinds=quote`);
    expect(byNumber.body.items.map((h: { id: string }) => h.id)).toContain(quote.quoteId);
    const byWord = await owner.get('/v1/search?q=zakladowy&kinds=quote');
    expect(byWord.body.items[0]).toMatchObject({ kind: 'quote', id: quote.quoteId, subtitle: 'Café Łódź Systems' });
    await owner.patch(`/v1/quotes/${quote.quoteId}`, { title: 'Perimeter upgrade' }, { 'if-match': '1' });
    expect((await owner.get('/v1/search?q=zakladowy&kinds=quote')).body.items).toEqual([]);
    expect((await owner.get('/v1/search?q=perimeter&kinds=quote')).body.items[0].title).toBe(
      `${quote.number} Perimeter upgrade`,
    );
  });
});

describe('bad input', () => {
  const body = (fields: Record<string, unknown>) => ({
    companyId,
    title: 'Bad',
    currency: 'GBP',
    lines: [line('Hours', 1, 1_000)],
    ...fields,
  });
  const cases: [string, Record<string, unknown>, string][] = [
    ['lines and tiers', { tiers: [{ name: 'Good', lines: [] }] }, 'tiers'],
    ['a zero quantity', { lines: [line('Hours', 0, 1_000)] }, 'lines.0.quantity'],
    ['five decimal places', { lines: [line('Hours', 1.00001, 1_000)] }, 'lines.0.quantity'],
    ['an absurd quantity', { lines: [line('Hours', 1e9, 1_000)] }, 'lines.0.quantity'],
    ['a negative price', { lines: [line('Hours', 1, -5)] }, 'lines.0.unitPrice.amount'],
    ['fractional pence', { lines: [line('Hours', 1, 10.5)] }, 'lines.0.unitPrice.amount'],
    [
      'a free line without a price',
      { lines: [{ description: 'Hours', quantity: 1, taxRateBps: 0 }] },
      'lines.0.unitPrice',
    ],
    ['an unknown field', { colour: 'red' }, ''],
    [
      'another currency on a line',
      { lines: [{ ...line('Hours', 1, 100), unitPrice: { amount: 100, currency: 'EUR' } }] },
      'lines.0.unitPrice.currency',
    ],
    ['501 lines', { lines: Array.from({ length: 501 }, (_, i) => line(`Line ${i}`, 1, 100)) }, 'lines'],
    ['an unknown company', { companyId: 'nope' }, 'companyId'],
    [
      'an unknown product',
      { lines: [{ productId: 'no-such-product', description: 'X', quantity: 1 }] },
      'lines.0.productId',
    ],
  ];
  it.each(cases)('refuses %s with a 400 naming the field, writing nothing', async (_name, fields, path) => {
    const before = (await owner.get(`/v1/companies/${companyId}/quotes?limit=100`)).body.items.length;
    const res = await owner.post('/v1/quotes', body(fields));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await owner.get(`/v1/companies/${companyId}/quotes?limit=100`)).body.items.length).toBe(before);
  });

  it('refuses a deal or contact of another company', async () => {
    const other = await newCompany(owner);
    const deal = await owner.post('/v1/deals', {
      name: 'Other deal',
      companyId: other.companyId,
      value: gbp(1_000),
      expectedCloseDate: '2099-01-01',
    });
    const res = await owner.post('/v1/quotes', body({ dealId: deal.body.dealId }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('dealId');
  });
});

describe('approvals', () => {
  it('approves at once a quote no rule catches', async () => {
    const quote = await newQuote(owner);
    const res = await owner.post(`/v1/quotes/${quote.quoteId}/submit`, undefined, { 'if-match': '1' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', approval: { required: false, reasons: [] } });
  });

  it('needs another owner or admin for a deep discount, and again after any edit', async () => {
    const { owner: o } = await newTenant('Approvals');
    const company = await newCompany(o);
    const admin = (await newMember(o, 'admin')).client;
    const sales = (await newMember(o, 'sales')).client;
    const created = await sales.post('/v1/quotes', {
      companyId: company.companyId,
      title: 'Big discount',
      currency: 'GBP',
      lines: [line('Support hours', 10, 8_500, { discountBps: 2_000 })],
    });
    expect(created.body.approval).toMatchObject({
      required: true,
      reasons: ['“Support hours” is discounted by more than 15%'],
    });
    const id = created.body.quoteId;
    const submitted = await sales.post(`/v1/quotes/${id}/submit`, undefined, { 'if-match': '1' });
    expect(submitted.body.status).toBe('pending_approval');

    expect((await sales.post(`/v1/quotes/${id}/approve`, undefined, { 'if-match': '2' })).status).toBe(403);
    const approved = await admin.post(`/v1/quotes/${id}/approve`, undefined, { 'if-match': '2' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approval: { approvedBy: expect.any(String) } });

    // Any edit after approval withdraws it.
    const edited = await sales.patch(`/v1/quotes/${id}`, { title: 'Big discount, revised' }, { 'if-match': '3' });
    expect(edited.body.status).toBe('draft');
    expect(edited.body.approval.approvedBy).toBeUndefined();
    const again = await sales.post(`/v1/quotes/${id}/submit`, undefined, { 'if-match': '4' });
    expect(again.body.status).toBe('pending_approval');
    // The submitter may not approve, even as an admin.
    const selfSubmitted = await admin.patch(`/v1/quotes/${id}`, { notes: 'Admin edit' }, { 'if-match': '5' });
    const adminSubmit = await admin.post(`/v1/quotes/${id}/submit`, undefined, {
      'if-match': String(selfSubmitted.body.version),
    });
    const self = await admin.post(`/v1/quotes/${id}/approve`, undefined, {
      'if-match': String(adminSubmit.body.version),
    });
    expect(self.status).toBe(403);
    expect(self.body.detail).toMatch(/another owner or admin/);
    const byOwner = await o.post(`/v1/quotes/${id}/approve`, undefined, {
      'if-match': String(adminSubmit.body.version),
    });
    expect(byOwner.body.status).toBe('approved');

    const timeline = await o.get(`/v1/companies/${company.companyId}/timeline?limit=50`);
    const actions = timeline.body.items
      .filter((e: { subjectType: string }) => e.subjectType === 'quote')
      .map((e: { action: string }) => e.action)
      .reverse();
    expect(actions).toEqual([
      'created',
      'submitted',
      'approved',
      'updated',
      'submitted',
      'updated',
      'submitted',
      'approved',
    ]);
  });

  it('follows the workspace’s own approval rules once an owner sets them', async () => {
    const { owner: o } = await newTenant('Own rules');
    const company = await newCompany(o);
    const sales = (await newMember(o, 'sales')).client;
    const before = await o.get('/v1/settings/quote-approval');
    expect(before.body).toMatchObject({ custom: false, maxLineDiscountBps: 1_500 });
    const body = { maxLineDiscountBps: 500, maxTotal: [gbp(50_000)] };
    expect(
      (await sales.put('/v1/settings/quote-approval', body, { 'if-match': String(before.body.version) })).status,
    ).toBe(403);
    const dup = await o.put(
      '/v1/settings/quote-approval',
      { ...body, maxTotal: [gbp(1), gbp(2)] },
      { 'if-match': String(before.body.version) },
    );
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].path).toBe('maxTotal.1.currency');
    const saved = await o.put('/v1/settings/quote-approval', body, { 'if-match': String(before.body.version) });
    expect(saved.body).toMatchObject({ custom: true, maxLineDiscountBps: 500, maxTotal: [gbp(50_000)] });
    const quote = await sales.post('/v1/quotes', {
      companyId: company.companyId,
      title: 'Small but discounted',
      currency: 'GBP',
      lines: [line('Hours', 1, 10_000, { discountBps: 1_000 })],
    });
    expect(quote.body.approval.reasons).toEqual(['“Hours” is discounted by more than 5%']);
    const euros = await sales.post('/v1/quotes', {
      companyId: company.companyId,
      title: 'In euros',
      currency: 'EUR',
      lines: [{ ...line('Hours', 1, 100), unitPrice: { amount: 100, currency: 'EUR' } }],
    });
    expect(euros.body.approval.reasons).toEqual(['Quotes in EUR always need approval']);
  });

  it('lets an approver reject with a reason, back to draft', async () => {
    const { owner: o } = await newTenant('Rejections');
    const company = await newCompany(o);
    const sales = (await newMember(o, 'sales')).client;
    const created = await sales.post('/v1/quotes', {
      companyId: company.companyId,
      title: 'Over the limit',
      currency: 'GBP',
      lines: [line('Servers', 2, 600_000)],
    });
    expect(created.body.approval.reasons).toEqual(['The total is over £10,000.00']);
    await sales.post(`/v1/quotes/${created.body.quoteId}/submit`, undefined, { 'if-match': '1' });
    const inbox = await o.get('/v1/quotes?status=pending_approval');
    expect(inbox.body.items.map((q: { quoteId: string }) => q.quoteId)).toEqual([created.body.quoteId]);
    const rejected = await o.post(
      `/v1/quotes/${created.body.quoteId}/reject`,
      { reason: 'Price the servers at cost' },
      { 'if-match': '2' },
    );
    expect(rejected.body).toMatchObject({ status: 'draft', approval: { rejectedReason: 'Price the servers at cost' } });
    expect((await o.get('/v1/quotes?status=pending_approval')).body.items).toEqual([]);
  });
});

describe('versions and conflicts', () => {
  it('needs If-Match on every change, and refuses a stale one', async () => {
    const quote = await newQuote(owner);
    const path = `/v1/quotes/${quote.quoteId}`;
    expect((await owner.patch(path, { title: 'x' })).status).toBe(428);
    expect((await owner.post(`${path}/submit`)).status).toBe(428);
    expect((await owner.patch(path, { title: 'First' }, { 'if-match': '1' })).status).toBe(200);
    const stale = await owner.patch(path, { title: 'Second' }, { 'if-match': '1' });
    expect(stale.status).toBe(409);
    expect((await owner.get(path)).body.title).toBe('First');
  });

  it('refuses to revise a draft (only a sent revision is revised)', async () => {
    const quote = await newQuote(owner);
    const res = await owner.post(`/v1/quotes/${quote.quoteId}/revise`, undefined, { 'if-match': '1' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/it is a draft/);
  });

  it('re-prices an edit and records the new total on the timeline', async () => {
    const quote = await newQuote(owner);
    // A client sends lines back as it got them, less the figures pricing adds.
    const asInput = ({
      lineId,
      description,
      quantity,
      unitPrice,
      taxRateBps,
      discountBps,
    }: Record<string, unknown>) => ({ lineId, description, quantity, unitPrice, taxRateBps, discountBps });
    const res = await owner.patch(
      `/v1/quotes/${quote.quoteId}`,
      { lines: [...quote.lines.map(asInput), line('Extra hour', 1, 8_500)] },
      { 'if-match': '1' },
    );
    expect(res.body.lines).toHaveLength(2);
    expect(res.body.lines[0].lineId).toBe(quote.lines[0].lineId);
    expect(res.body.totals.total.amount).toBe(quote.totals.total.amount + 10_200);
    const cmp = await owner.get(`/v1/quotes/${quote.quoteId}/compare?from=1&to=1`);
    expect(cmp.body.changes).toEqual([]);
  });
});

describe('catalog lines', () => {
  it('keeps a catalog line on the catalog’s price across edits, and refuses two lines with one id', async () => {
    const product = await owner.post('/v1/products', {
      code: `HRS-${Date.now()}`,
      name: 'Engineer hour',
      unit: 'hour',
      unitPrice: gbp(9_000),
    });
    expect(product.status, JSON.stringify(product.body)).toBe(201);
    const quote = await newQuote(owner, {
      lines: [{ productId: product.body.productId, description: 'Engineer hour', quantity: 2 }],
    });
    expect(quote.lines[0]).toMatchObject({ priceSource: 'list', unitPrice: gbp(9_000) });
    const renamed = await owner.patch(`/v1/quotes/${quote.quoteId}`, { title: 'Renamed' }, { 'if-match': '1' });
    expect(renamed.body.lines[0]).toMatchObject({ priceSource: 'list', unitPrice: gbp(9_000) });
    const twice = await owner.patch(
      `/v1/quotes/${quote.quoteId}`,
      { lines: [line('A', 1, 100, { lineId: 'same' }), line('B', 1, 100, { lineId: 'same' })] },
      { 'if-match': '2' },
    );
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].path).toBe('lines.1.lineId');
  });

  it('judges a submission by the approval rules in force when it is submitted', async () => {
    const { owner: o } = await newTenant('Rules change');
    const company = await newCompany(o);
    const quote = await o.post('/v1/quotes', {
      companyId: company.companyId,
      title: 'Ten percent off',
      currency: 'GBP',
      lines: [line('Hours', 1, 10_000, { discountBps: 1_000 })],
    });
    expect(quote.body.approval.required).toBe(false);
    const rules = await o.get('/v1/settings/quote-approval');
    await o.put(
      '/v1/settings/quote-approval',
      { maxLineDiscountBps: 500, maxTotal: [gbp(1_000_000)] },
      { 'if-match': String(rules.body.version) },
    );
    const submitted = await o.post(`/v1/quotes/${quote.body.quoteId}/submit`, undefined, { 'if-match': '1' });
    expect(submitted.body).toMatchObject({ status: 'pending_approval', approval: { required: true } });
  });
});

describe('tenant isolation', () => {
  it('hides one workspace’s quotes from another', async () => {
    const quote = await newQuote(owner);
    const { owner: stranger } = await newTenant('Stranger');
    const path = `/v1/quotes/${quote.quoteId}`;
    expect((await stranger.get(path)).status).toBe(404);
    expect((await stranger.patch(path, { title: 'Mine' }, { 'if-match': '1' })).status).toBe(404);
    expect((await stranger.post(`${path}/submit`, undefined, { 'if-match': '1' })).status).toBe(404);
    expect((await stranger.get(`${path}/versions`)).status).toBe(404);
    expect((await stranger.get('/v1/quotes')).body.items).toEqual([]);
    expect((await stranger.get(`/v1/companies/${companyId}/quotes`)).status).toBe(404);
    const foreignCompany = await stranger.post('/v1/quotes', {
      companyId,
      title: 'Theirs',
      currency: 'GBP',
      lines: [line('Hours', 1, 100)],
    });
    expect(foreignCompany.status).toBe(400);
    expect(foreignCompany.body.errors[0].path).toBe('companyId');
    expect((await owner.get(path)).body.title).toBe('Managed IT support');
  });
});
