import { beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeOpenAi, newCompany, newTenant, unique, type Client } from '../support/api.js';

const fake = fakeOpenAi(inject('fakes').openai);
const gbp = (amount: number) => ({ amount, currency: 'GBP' });

/** A small catalog like the demo's: two 365 plans, laptops, a firewall, access points and two roles. */
async function stockCatalog(owner: Client) {
  const ids: Record<string, string> = {};
  for (const [code, name, category, unit, price] of [
    ['NW-M365-BS', 'Microsoft 365 Business Standard', 'Licences', 'month', 1_227],
    ['NW-M365-BP', 'Microsoft 365 Business Premium', 'Licences', 'month', 1_982],
    ['NW-LAP-14', 'Dell Latitude 14 laptop', 'Hardware', 'each', 116_230],
    ['NW-FW-60F', 'Fortinet FortiGate 60F firewall', 'Hardware', 'each', 71_980],
    ['NW-AP-U7', 'Ubiquiti U7 Pro access point', 'Hardware', 'each', 21_122],
  ] as const) {
    const res = await owner.post('/v1/products', { code, name, category, unit, unitPrice: gbp(price) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[code] = res.body.productId;
  }
  const card = await owner.post('/v1/rate-cards', {
    name: 'Standard rates',
    roles: [
      { role: 'Field engineer', dayRate: gbp(65_000), hourRate: gbp(9_500) },
      { role: 'Project manager', dayRate: gbp(75_000), hourRate: gbp(10_500) },
    ],
  });
  expect(card.status, JSON.stringify(card.body)).toBe(201);
  return ids;
}

const requirements = 'New office for 30 staff: 25 laptops, wireless, a firewall, Microsoft 365 and structured cabling';

describe('AI quote drafts, offline (no key configured)', () => {
  let owner: Client;
  let ids: Record<string, string>;
  let companyId: string;

  beforeAll(async () => {
    owner = (await newTenant('Drafts')).owner;
    ids = await stockCatalog(owner);
    ({ companyId } = await newCompany(owner, { name: 'Café Łódź Systems' }));
    // This customer pays less for laptops: the draft is priced by the rules, as a saved quote is.
    const rule = await owner.post('/v1/pricing-rules', {
      kind: 'customer_price',
      companyId,
      productId: ids['NW-LAP-14'],
      unitPrice: gbp(110_000),
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
  });

  it('drafts Good/Better/Best from the catalog, priced by the catalog and its rules, and saves nothing', async () => {
    const res = await owner.post('/v1/quotes/draft', { companyId, requirements, tiers: 3 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const draft = res.body;
    expect(draft.ai).toMatchObject({
      provider: 'offline',
      cached: false,
      costMicros: 0,
      prompt: { source: 'default' },
    });
    expect(draft.quote).toMatchObject({ companyId, currency: 'GBP', title: expect.stringContaining('Café Łódź') });
    expect(draft.quote.tiers.map((t: { name: string }) => t.name)).toEqual(['Good', 'Better', 'Best']);

    const good = draft.priced.tiers[0];
    const laptops = good.lines.find((l: { productId?: string }) => l.productId === ids['NW-LAP-14']);
    expect(laptops).toMatchObject({ quantity: 25, unitPrice: gbp(110_000), priceSource: 'customer_price' });
    // Good takes the cheaper 365 plan, Best the dearer one.
    const plans = (tier: { lines: { productId?: string }[] }) =>
      tier.lines.filter((l) => [ids['NW-M365-BS'], ids['NW-M365-BP']].includes(l.productId!)).map((l) => l.productId);
    expect(plans(good)).toEqual([ids['NW-M365-BS']]);
    expect(plans(draft.priced.tiers[2])).toEqual([ids['NW-M365-BP']]);
    // Labour from the rate card at its day rate.
    const engineer = draft.priced.tiers[2].lines.find((l: { description: string }) =>
      l.description.startsWith('Field engineer'),
    );
    expect(engineer).toMatchObject({ unitPrice: gbp(65_000), quantity: 3, priceSource: 'typed' });
    // What the catalog lacks is a custom line at zero, flagged for the seller.
    const cabling = good.lines.find((l: { description: string }) => l.description === 'Structured cabling');
    expect(cabling).toMatchObject({ unitPrice: gbp(0), net: gbp(0) });
    const cablingPath = `tiers.0.lines.${good.lines.indexOf(cabling)}`;
    expect(draft.lines.find((l: { path: string }) => l.path === cablingPath)).toMatchObject({
      source: 'custom',
      needsPrice: true,
    });
    expect(draft.assumptions).toContain('Quantities assume 30 users, as stated.');
    expect(draft.risks.length).toBeGreaterThan(0);
    expect(draft.quote.notes).toContain('Scope:');

    expect((await owner.get(`/v1/quotes?companyId=${companyId}`)).body.items).toEqual([]);

    // Accepted as it stands, the saved quote has exactly the totals the draft showed.
    const saved = await owner.post('/v1/quotes', draft.quote);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.tiers.map((t: { totals: unknown }) => t.totals)).toEqual(
      draft.priced.tiers.map((t: { totals: unknown }) => t.totals),
    );
  });

  it('offers one option when asked for one', async () => {
    const res = await owner.post('/v1/quotes/draft', { companyId, requirements, tiers: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.quote.tiers).toBeUndefined();
    expect(res.body.quote.lines.length).toBeGreaterThan(3);
    expect(res.body.priced.totals.total.amount).toBeGreaterThan(0);
  });

  it('answers problems naming the field for bad input, and 404 for another workspace’s company', async () => {
    const cases: [unknown, string][] = [
      [{ companyId }, 'requirements'],
      [{ companyId, requirements: '   ' }, 'requirements'],
      [{ companyId, requirements: 'x'.repeat(4001) }, 'requirements'],
      [{ companyId, requirements, tiers: 2 }, 'tiers'],
      [{ companyId, requirements, prices: true }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await owner.post('/v1/quotes/draft', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const other = (await newTenant('Drafts elsewhere')).owner;
    const foreign = await other.post('/v1/quotes/draft', { companyId, requirements });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('Café');
  });

  it('stops with a 429 once the month’s AI budget is used', async () => {
    const tenant = (await newTenant('Drafts budget')).owner;
    const company = await newCompany(tenant);
    const patched = await tenant.patch(
      '/v1/settings/ai',
      { monthlyBudget: { amount: 0, currency: 'USD' } },
      {
        'if-match': '"1"',
      },
    );
    expect(patched.status).toBe(200);
    const res = await tenant.post('/v1/quotes/draft', { companyId: company.companyId, requirements });
    expect(res.status).toBe(429);
    expect(res.body.type).toMatch(/ai-budget-exceeded/);
  });
});

describe('AI quote drafts with an OpenAI key (fake server)', () => {
  let tenant: Client;
  let apiKey: string;
  let ids: Record<string, string>;
  let companyId: string;

  beforeAll(async () => {
    tenant = (await newTenant('Drafts OpenAI')).owner;
    apiKey = `sk-test-${unique()}${unique()}`;
    expect((await tenant.put('/v1/settings/ai/key', { apiKey })).status).toBe(200);
    ids = await stockCatalog(tenant);
    ({ companyId } = await newCompany(tenant, { name: 'Harbour Dental' }));
  });

  const line = (kind: string, reference: string, description: string, quantity: number, extra = {}) => ({
    kind,
    reference,
    description,
    quantity,
    section: '',
    rationale: 'Asked for',
    ...extra,
  });

  it('sends the catalog to the model and prices its lines from the catalog, never from the answer', async () => {
    await fake.script(apiKey, {
      output: {
        title: 'Harbour Dental office',
        scope: 'Laptops and a firewall.',
        tiers: [
          {
            name: 'Proposal',
            summary: 'All of it',
            lines: [
              // A price the model slipped in is ignored; the code matches whatever its case.
              line('product', 'nw-lap-14', 'Laptops', 10, { unitPriceMinor: 1 }),
              line('product', 'NW-NOPE', 'A gadget the catalog lacks', 2),
              line('day_rate', 'Project manager', 'Project manager, 2 days', 2),
              line('custom', '', 'Structured cabling', 1),
            ],
          },
        ],
        assumptions: ['Ten people'],
        risks: [],
      },
    });
    const res = await tenant.post('/v1/quotes/draft', { companyId, requirements: 'Ten laptops and cabling' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ai).toMatchObject({ provider: 'openai', cached: false });
    expect(res.body.ai.costMicros).toBeGreaterThan(0);

    const [request] = await fake.requests(apiKey);
    expect(request!.body.text.format).toMatchObject({ type: 'json_schema', name: 'quote_draft', strict: true });
    expect(request!.body.input).toContain('NW-LAP-14: Dell Latitude 14 laptop');
    expect(request!.body.input).toContain('Standard rates / Project manager: 750.00 GBP a day');
    expect(request!.body.input).toContain('Ten laptops and cabling');

    const lines = res.body.priced.lines;
    expect(lines.map((l: { unitPrice: { amount: number } }) => l.unitPrice.amount)).toEqual([116_230, 0, 75_000, 0]);
    expect(lines[0]).toMatchObject({ productId: ids['NW-LAP-14'], description: 'Dell Latitude 14 laptop' });
    expect(res.body.lines.map((l: { source: string }) => l.source)).toEqual([
      'catalog',
      'custom',
      'rate_card',
      'custom',
    ]);
    expect(res.body.lines[1].note).toContain('NW-NOPE');
    expect((await tenant.get('/v1/settings/ai')).body.usage.costMicros).toBe(res.body.ai.costMicros);
  });

  it('uses the workspace’s own prompt, and still gives the model the catalog when an older prompt leaves it out', async () => {
    const prompt = await tenant.post('/v1/prompts', {
      category: 'quote_draft',
      name: 'Our drafting voice',
      systemTemplate: 'Draft briefly.',
      userTemplate: 'Quote {{company_name}} for: {{requirements}}',
      model: 'gpt-4.1-mini',
      temperature: 0.2,
    });
    expect(prompt.status, JSON.stringify(prompt.body)).toBe(201);
    const res = await tenant.post('/v1/quotes/draft', { companyId, requirements: 'A firewall', tiers: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ai.prompt).toEqual({ source: 'tenant', version: 1 });
    const last = (await fake.requests(apiKey)).at(-1)!;
    expect(last.body.instructions).toBe('Draft briefly.');
    expect(last.body.input).toMatch(/^Quote Harbour Dental for: A firewall/);
    expect(last.body.input).toContain('NW-FW-60F: Fortinet FortiGate 60F firewall');
    expect(last.body.input).toContain('Offer: One option.');
  });

  it('asks the model for exactly the tiers the seller chose, and lists only what can be quoted', async () => {
    const archived = await tenant.post('/v1/products', { code: 'NW-OLD', name: 'Retired kit', unitPrice: gbp(100) });
    expect((await tenant.patch(`/v1/products/${archived.body.productId}`, { active: false, version: 1 })).status).toBe(
      200,
    );
    await tenant.post('/v1/products', {
      code: 'NW-EUR',
      name: 'Euro kit',
      unitPrice: { amount: 100, currency: 'EUR' },
    });
    const res = await tenant.post('/v1/quotes/draft', { companyId, requirements: 'Options for an office', tiers: 3 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.quote.tiers).toHaveLength(3);
    const last = (await fake.requests(apiKey)).at(-1)!;
    expect(last.body.text.format.schema.properties.tiers).toMatchObject({ minItems: 3, maxItems: 3 });
    expect(last.body.input).not.toContain('NW-OLD');
    expect(last.body.input).not.toContain('NW-EUR');
  });

  it('answers 422 when the model offers two tiers, and 503 with Retry-After when it is unavailable', async () => {
    const tier = (name: string) => ({ name, summary: 's', lines: [line('custom', '', 'x', 1)] });
    await fake.script(apiKey, {
      output: { title: 't', scope: 's', tiers: [tier('A'), tier('B')], assumptions: ['a'], risks: [] },
    });
    const two = await tenant.post('/v1/quotes/draft', { companyId, requirements: 'Something else' });
    expect(two.status).toBe(422);
    expect(two.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^output.tiers/)]),
    );

    await fake.script(apiKey, { status: 503 });
    const down = await tenant.post('/v1/quotes/draft', { companyId, requirements: 'Yet another thing' });
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
