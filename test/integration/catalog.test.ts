import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newTenant, unique, type Client } from '../support/api.js';

let owner: Client;
const gbp = (amount: number) => ({ amount, currency: 'GBP' });

beforeAll(async () => {
  ({ owner } = await newTenant('Catalog'));
});

async function newProduct(c: Client, fields: Record<string, unknown> = {}) {
  const res = await c.post('/v1/products', {
    code: `P-${unique()}`,
    name: `Product ${unique()}`,
    unitPrice: gbp(10_000),
    ...fields,
  });
  if (res.status !== 201) throw new Error(`product create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every item of a list, following its cursors. */
async function all(c: Client, path: string, limit: number) {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body: any } = await c.get(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.cursor;
    pages++;
  } while (cursor && pages < 50);
  return { items, pages };
}

describe('products', () => {
  it('creates a product with defaults, reads it back and lists it by code', async () => {
    const { owner: o } = await newTenant('Products basics');
    const created = await o.post('/v1/products', {
      code: 'NW-M365-BP',
      name: 'Microsoft 365 Business Premium',
      unit: 'month',
      unitPrice: gbp(1_980),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      productId: expect.any(String),
      code: 'NW-M365-BP',
      unit: 'month',
      unitPrice: gbp(1_980),
      taxRateBps: 2000,
      active: true,
      version: 1,
    });
    expect(created.body).not.toHaveProperty('codeKey');
    expect((await o.get(`/v1/products/${created.body.productId}`)).body).toEqual(created.body);
    await newProduct(o, { code: 'AA-1', name: 'First by code' });
    const list = await o.get('/v1/products');
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual(['AA-1', 'NW-M365-BP']);
  });

  it('keeps codes unique whatever their case, and moves the claim when a code changes', async () => {
    const { owner: o } = await newTenant('Product codes');
    const first = await newProduct(o, { code: 'LAP-14' });
    const clash = await o.post('/v1/products', { code: 'lap-14', name: 'Other', unitPrice: gbp(1) });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([{ path: 'code', message: 'Another product has this code' }]);

    const renamed = await o.patch(`/v1/products/${first.productId}`, { code: 'LAP-15' }, { 'if-match': '1' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ code: 'LAP-15', version: 2 });
    // The old code is free again; the new one is taken.
    expect((await o.post('/v1/products', { code: 'Lap-14', name: 'Reuse', unitPrice: gbp(1) })).status).toBe(201);
    const second = await newProduct(o, { code: 'LAP-16' });
    const taken = await o.patch(`/v1/products/${second.productId}`, { code: 'lap-15' }, { 'if-match': '1' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].path).toBe('code');
    expect((await o.get(`/v1/products/${second.productId}`)).body).toMatchObject({ code: 'LAP-16', version: 1 });
    // A case-only change of its own code is no clash.
    const recased = await o.patch(`/v1/products/${second.productId}`, { code: 'Lap-16' }, { 'if-match': '1' });
    expect(recased.status).toBe(200);
  });

  it('answers two concurrent creates of one code with one 201 and one 409', async () => {
    const { owner: o } = await newTenant('Product race');
    const body = (name: string) => ({ code: 'RACE-1', name, unitPrice: gbp(500) });
    const results = await Promise.all([o.post('/v1/products', body('One')), o.post('/v1/products', body('Two'))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const list = await o.get('/v1/products?q=race');
    expect(list.body.items).toHaveLength(1);
  });

  it('requires If-Match on updates (428), refuses a stale one (409) and archives with active: false', async () => {
    const p = await newProduct(owner);
    const path = `/v1/products/${p.productId}`;
    const missing = await owner.patch(path, { name: 'No version' });
    expect(missing.status).toBe(428);
    const ok = await owner.patch(path, { active: false, description: 'Old model' }, { 'if-match': '1' });
    expect(ok.body).toMatchObject({ active: false, description: 'Old model', version: 2 });
    const stale = await owner.patch(path, { name: 'Stale' }, { 'if-match': '1' });
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ path: 'version', message: 'Stale version' }]);
    const cleared = await owner.patch(path, { description: null, active: true }, { 'if-match': '2' });
    expect(cleared.body).toMatchObject({ active: true, version: 3 });
    expect(cleared.body).not.toHaveProperty('description');
  });

  it('finds products by code or name prefix, ignoring case and accents, with category and active filters', async () => {
    const { owner: o } = await newTenant('Product search');
    await newProduct(o, { code: 'ZOE-1', name: 'Zoë support hours', category: 'Services' });
    await newProduct(o, { code: 'LDZ-2', name: 'Łódź site visit', category: 'Services' });
    await newProduct(o, { code: 'SRV-9', name: 'Server rack', category: 'Hardware' });
    const archived = await newProduct(o, { code: 'SRV-1', name: 'Old server', category: 'Hardware' });
    await o.patch(`/v1/products/${archived.productId}`, { active: false }, { 'if-match': '1' });
    const codes = async (query: string) =>
      (await o.get(`/v1/products?${query}`)).body.items.map((p: { code: string }) => p.code);
    expect(await codes('q=zoe')).toEqual(['ZOE-1']);
    expect(await codes('q=LODZ')).toEqual(['LDZ-2']);
    expect(await codes('q=srv')).toEqual(['SRV-1', 'SRV-9']);
    // Code matches first, then name matches, none twice.
    expect(await codes('q=s')).toEqual(['SRV-1', 'SRV-9']);
    expect(await codes('q=se')).toEqual(['SRV-9']);
    expect(await codes('q=srv&active=true')).toEqual(['SRV-9']);
    expect(await codes('category=hardware')).toEqual(['SRV-1', 'SRV-9']);
    expect(await codes('category=Services&active=true')).toEqual(['LDZ-2', 'ZOE-1']);
    expect(await codes('active=false')).toEqual(['SRV-1']);
    expect(await codes('q=nothing')).toEqual([]);
  });

  it('pages through the list and through a search without repeats or gaps', async () => {
    const { owner: o } = await newTenant('Product pages');
    for (let i = 0; i < 7; i++) await newProduct(o, { code: `PG-${i}`, name: `Page item ${i}` });
    // Name matches for "pa" whose codes do not begin with it.
    for (let i = 0; i < 3; i++) await newProduct(o, { code: `X-${i}`, name: `Paging by name ${i}` });
    const everything = await all(o, '/v1/products', 3);
    expect(everything.items).toHaveLength(10);
    expect(everything.pages).toBeGreaterThanOrEqual(4);
    const searched = await all(o, '/v1/products?q=p', 2);
    expect(searched.items.map((p) => p.code)).toEqual([
      'PG-0',
      'PG-1',
      'PG-2',
      'PG-3',
      'PG-4',
      'PG-5',
      'PG-6',
      'X-0',
      'X-1',
      'X-2',
    ]);
    const forged = await o.get('/v1/products?q=p&cursor=c.bm90LWEta2V5');
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].path).toBe('cursor');
    expect((await o.get('/v1/products?q=p&cursor=zz')).status).toBe(400);
  });

  it('refuses prices in another currency than the workspace’s, naming the field', async () => {
    const res = await owner.post('/v1/products', {
      code: `EUR-${unique()}`,
      name: 'Euro thing',
      unitPrice: { amount: 100, currency: 'EUR' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'unitPrice.currency', message: 'Use GBP, not EUR' }]);
    const noPrice = await owner.post('/v1/products', { code: `NP-${unique()}`, name: 'No price' });
    expect(noPrice.status).toBe(400);
    expect(noPrice.body.errors[0].path).toBe('unitPrice');
    const negative = await owner.post('/v1/products', { code: 'NEG', name: 'Neg', unitPrice: gbp(-1) });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].path).toBe('unitPrice.amount');
  });

  it('lets viewers read the catalog but not change it', async () => {
    const viewer = (await newMember(owner, 'viewer')).client;
    const p = await newProduct(owner);
    expect((await viewer.get(`/v1/products/${p.productId}`)).status).toBe(200);
    expect((await viewer.post('/v1/products', { code: 'V-1', name: 'V', unitPrice: gbp(1) })).status).toBe(403);
    expect((await viewer.patch(`/v1/products/${p.productId}`, { name: 'V' }, { 'if-match': '1' })).status).toBe(403);
  });

  it('replays a create with the same Idempotency-Key instead of making a second product', async () => {
    const { owner: o } = await newTenant('Product replay');
    const body = { code: 'IDEM-1', name: 'Once', unitPrice: gbp(100) };
    const key = { 'idempotency-key': unique() };
    const [a, b] = [await o.post('/v1/products', body, key), await o.post('/v1/products', body, key)];
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.productId).toBe(a.body.productId);
    expect((await o.get('/v1/products')).body.items).toHaveLength(1);
  });
});

describe('suppliers', () => {
  it('prices a product with a supplier and no unit price at cost plus markup, rounded half up', async () => {
    const { owner: o } = await newTenant('Suppliers');
    const supplier = await o.post('/v1/suppliers', {
      name: 'Ingram Micro',
      email: 'Orders@Ingram.example',
      markupBps: 1_250,
    });
    expect(supplier.status, JSON.stringify(supplier.body)).toBe(201);
    expect(supplier.body).toMatchObject({ email: 'orders@ingram.example', markupBps: 1_250, version: 1 });
    // 1,234 × 1.125 = 1,388.25 → 1,388; 1,236 × 1.125 = 1,390.5 → 1,391.
    const a = await o.post('/v1/products', {
      code: 'CAB-1',
      name: 'Cable',
      costPrice: gbp(1_234),
      supplierId: supplier.body.supplierId,
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.unitPrice).toEqual(gbp(1_388));
    const b = await o.post('/v1/products', {
      code: 'CAB-2',
      name: 'Cable 2',
      costPrice: gbp(1_236),
      supplierId: supplier.body.supplierId,
    });
    expect(b.body.unitPrice).toEqual(gbp(1_391));
    // A typed price wins.
    const c = await o.post('/v1/products', {
      code: 'CAB-3',
      name: 'Cable 3',
      costPrice: gbp(1_000),
      unitPrice: gbp(2_000),
      supplierId: supplier.body.supplierId,
    });
    expect(c.body.unitPrice).toEqual(gbp(2_000));
    const unknown = await o.post('/v1/products', { code: 'CAB-4', name: 'x', costPrice: gbp(1), supplierId: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'supplierId', message: 'Unknown supplier' }]);

    const path = `/v1/suppliers/${supplier.body.supplierId}`;
    expect((await o.patch(path, { markupBps: 2_000 })).status).toBe(428);
    const edited = await o.patch(path, { markupBps: 2_000, email: null }, { 'if-match': '1' });
    expect(edited.body).toMatchObject({ markupBps: 2_000, version: 2 });
    expect(edited.body).not.toHaveProperty('email');
    expect((await o.patch(path, { name: 'Stale' }, { 'if-match': '1' })).status).toBe(409);
    await o.post('/v1/suppliers', { name: 'Amazon Business' });
    const list = await o.get('/v1/suppliers');
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(['Amazon Business', 'Ingram Micro']);
  });
});

describe('rate cards', () => {
  const role = (name: string, day = 80_000, hour = 11_000) => ({
    role: name,
    dayRate: gbp(day),
    hourRate: gbp(hour),
  });

  it('creates a card with multiplier defaults, in the workspace currency, and updates it on its version', async () => {
    const { owner: o } = await newTenant('Rate cards');
    const card = await o.post('/v1/rate-cards', {
      name: 'Standard 2026',
      roles: [role('Engineer'), role('Architect')],
    });
    expect(card.status, JSON.stringify(card.body)).toBe(201);
    expect(card.body).toMatchObject({
      currency: 'GBP',
      roles: [{ role: 'Engineer', overtimeMultiplierBps: 15_000, travelMultiplierBps: 10_000 }, { role: 'Architect' }],
      version: 1,
    });
    const path = `/v1/rate-cards/${card.body.rateCardId}`;
    expect((await o.patch(path, { name: 'x' })).status).toBe(428);
    const edited = await o.patch(path, { roles: [role('Engineer', 90_000, 12_000)] }, { 'if-match': '1' });
    expect(edited.body.roles).toHaveLength(1);
    expect(edited.body.roles[0].dayRate).toEqual(gbp(90_000));
    expect((await o.patch(path, { name: 'Stale' }, { 'if-match': '1' })).status).toBe(409);
    expect((await o.get('/v1/rate-cards')).body.items).toHaveLength(1);
  });

  it('refuses duplicate role names, an empty or overlong list, and rates in another currency', async () => {
    const dup = await owner.post('/v1/rate-cards', { name: 'Dup', roles: [role('Engineer'), role('engineer')] });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([{ path: 'roles.1.role', message: 'Another role has this name' }]);
    expect((await owner.post('/v1/rate-cards', { name: 'Empty', roles: [] })).body.errors[0].path).toBe('roles');
    const many = Array.from({ length: 51 }, (_, i) => role(`Role ${i}`));
    expect((await owner.post('/v1/rate-cards', { name: 'Many', roles: many })).status).toBe(400);
    const usd = await owner.post('/v1/rate-cards', {
      name: 'Dollars',
      currency: 'USD',
      roles: [role('Engineer')],
    });
    expect(usd.status).toBe(400);
    expect(usd.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'roles.0.dayRate.currency',
      'roles.0.hourRate.currency',
    ]);
  });
});

describe('products import', () => {
  const header = 'Code,Name,Category,Unit,Unit price,Cost price,Tax rate,Supplier,Active';

  it('previews a dry run with per-row errors and writes nothing, then upserts by code', async () => {
    const { owner: o } = await newTenant('Catalog import');
    await o.post('/v1/suppliers', { name: 'Northwind Supply', markupBps: 2_000 });
    const existing = await newProduct(o, { code: 'KEEP-1', name: 'Kept name', unitPrice: gbp(100) });
    const csv = [
      header,
      'NEW-1,New laptop,Hardware,each,"1,299.00",,20%,,yes',
      'keep-1,,,,150.50,,,,',
      'NEW-2,Marked up,Hardware,each,,100.00,20,Northwind Supply,',
      'BAD-1,Bad price,,each,twelve,,,,',
      'BAD-2,Bad supplier,,each,1.00,,,Nobody Ltd,',
      'NEW-1,Repeat,,,1.00,,,,',
      ',No code,,,1.00,,,,',
      'BAD-3,No price,,each,,,,,',
    ].join('\n');
    const dry = await o.post('/v1/products/import', { csv, dryRun: true });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.counts).toEqual({ rows: 8, valid: 3, invalid: 5, create: 2, update: 1 });
    expect(dry.body.preview).toEqual([
      { row: 2, action: 'create', code: 'NEW-1', name: 'New laptop', unitPrice: gbp(129_900) },
      { row: 3, action: 'update', code: 'KEEP-1', name: 'Kept name', unitPrice: gbp(15_050) },
      { row: 4, action: 'create', code: 'NEW-2', name: 'Marked up', unitPrice: gbp(12_000) },
    ]);
    expect(dry.body.errors).toEqual([
      { row: 5, field: 'unitPrice', column: 'Unit price', message: expect.stringMatching(/Not an amount/) },
      { row: 6, field: 'supplier', column: 'Supplier', message: 'No supplier is called Nobody Ltd' },
      { row: 7, field: 'code', column: 'Code', message: 'Repeats the code of row 2' },
      { row: 8, field: 'code', column: 'Code', message: 'Required' },
      { row: 9, field: 'unitPrice', column: 'Unit price', message: expect.stringMatching(/Required/) },
    ]);
    expect(dry.body.errorReport).toMatch(/^row,column,field,message\r\n5,Unit price,unitPrice,/);
    expect((await o.get('/v1/products')).body.items).toHaveLength(1);

    const real = await o.post('/v1/products/import', { csv });
    expect(real.status).toBe(200);
    expect(real.body.counts).toMatchObject({ valid: 3, create: 2, update: 1 });
    const list = (await o.get('/v1/products')).body.items;
    expect(list.map((p: { code: string }) => p.code)).toEqual(['KEEP-1', 'NEW-1', 'NEW-2']);
    const kept = list.find((p: { productId: string }) => p.productId === existing.productId);
    // Only the cells the row filled changed; the code keeps its stored form.
    expect(kept).toMatchObject({ code: 'KEEP-1', name: 'Kept name', unitPrice: gbp(15_050), version: 2 });
    expect(list.find((p: { code: string }) => p.code === 'NEW-2')).toMatchObject({
      costPrice: gbp(10_000),
      unitPrice: gbp(12_000),
      taxRateBps: 2000,
      supplierId: expect.any(String),
    });
    // The same file again updates, never duplicates.
    const again = await o.post('/v1/products/import', { csv });
    expect(again.body.counts).toMatchObject({ create: 0, update: 3 });
    expect((await o.get('/v1/products')).body.items).toHaveLength(3);
  });

  it('refuses a file without a code column and one of more than 1,000 rows (413)', async () => {
    const noCode = await owner.post('/v1/products/import', { csv: 'Name,Price\nA,1', dryRun: true });
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors[0].path).toBe('csv');
    const rows = Array.from({ length: 1001 }, (_, i) => `C${i},N,1`);
    const big = await owner.post('/v1/products/import', { csv: `code,name,price\n${rows.join('\n')}`, dryRun: true });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toBe('application/problem+json');
  });

  it('imports a 1,000-row catalog uploaded first, and refuses another tenant’s upload', async () => {
    const { owner: o } = await newTenant('Catalog upload');
    const rows = Array.from(
      { length: 1000 },
      (_, i) =>
        `BULK-${String(i).padStart(4, '0')},Bulk item number ${i} with a longer catalogue name,Bulk,each,${(i % 90) + 10}.50,,20%,,yes`,
    );
    const csv = `${header}\n${rows.join('\n')}`;
    // Too large to send inline (the API takes 64 KB bodies): it must go through the upload.
    expect(csv.length).toBeGreaterThan(70_000);
    const upload = await o.post('/v1/imports/uploads', { fileName: 'catalog.csv' });
    const put = await fetch(upload.body.url, { method: 'PUT', headers: upload.body.headers, body: csv });
    expect(put.ok).toBe(true);
    const started = Date.now();
    const dry = await o.post('/v1/products/import', { uploadKey: upload.body.uploadKey, dryRun: true });
    const dryMs = Date.now() - started;
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.counts).toEqual({ rows: 1000, valid: 1000, invalid: 0, create: 1000, update: 0 });
    expect(dry.body.preview).toHaveLength(20);
    const real = await o.post('/v1/products/import', { uploadKey: upload.body.uploadKey });
    const realMs = Date.now() - started - dryMs;
    expect(real.status, JSON.stringify(real.body)).toBe(200);
    expect(real.body.counts).toMatchObject({ create: 1000, invalid: 0 });
    console.log(`products import of 1,000 rows: dry run ${dryMs} ms, import ${realMs} ms`);
    const { items } = await all(o, '/v1/products?category=bulk', 100);
    expect(items).toHaveLength(1000);
    const { owner: other } = await newTenant('Catalog upload thief');
    const stolen = await other.post('/v1/products/import', { uploadKey: upload.body.uploadKey, dryRun: true });
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors).toEqual([{ path: 'uploadKey', message: 'No such upload' }]);
  });

  it('round-trips the export: exported products import back as updates', async () => {
    const { owner: o } = await newTenant('Catalog export');
    await newProduct(o, { code: 'EXP-1', name: 'Exported, with a comma', category: 'Services', unit: 'hour' });
    await newProduct(o, { code: 'EXP-2', name: '=SUM(A1)', unitPrice: gbp(12_345) });
    const exported = await o.post('/v1/exports', { kind: 'products' });
    expect(exported.status, JSON.stringify(exported.body)).toBe(200);
    const csv = await (await fetch(exported.body.url)).text();
    expect(csv.split('\r\n')[0]).toBe(
      'code,name,description,category,unit,unitPrice,costPrice,taxRate,supplier,active,currency,productId',
    );
    expect(csv).toContain('EXP-2,"\'=SUM(A1)",,,each,123.45,,20%,,yes,GBP');
    const back = await o.post('/v1/products/import', { csv, dryRun: true });
    expect(back.body.counts).toMatchObject({ rows: 2, update: 2, invalid: 0 });
  });
});

describe('pricing rules', () => {
  it('stores each kind as given, checks what it names, and updates, lists and deletes on its version', async () => {
    const { owner: o } = await newTenant('Pricing rules');
    const [a, b] = [await newProduct(o, { code: 'FW-1' }), await newProduct(o, { code: 'AP-1' })];
    const company = (await o.post('/v1/companies', { name: 'Rule Customer Ltd' })).body;
    const volume = await o.post('/v1/pricing-rules', {
      kind: 'volume',
      productId: a.productId,
      tiers: [
        { minQuantity: 10, unitPrice: gbp(9_000) },
        { minQuantity: 50, unitPrice: gbp(8_000) },
      ],
    });
    expect(volume.status, JSON.stringify(volume.body)).toBe(201);
    expect(volume.body).toMatchObject({ kind: 'volume', active: true, version: 1, ruleId: expect.any(String) });
    const bundle = await o.post('/v1/pricing-rules', {
      kind: 'bundle',
      name: 'Secure Wi-Fi',
      productIds: [a.productId, b.productId],
      discountBps: 1_000,
    });
    expect(bundle.status).toBe(201);
    const customer = await o.post('/v1/pricing-rules', {
      kind: 'customer_price',
      companyId: company.companyId,
      productId: b.productId,
      unitPrice: gbp(7_500),
    });
    expect(customer.status).toBe(201);

    const unknown = await o.post('/v1/pricing-rules', {
      kind: 'bundle',
      name: 'Ghosts',
      productIds: [a.productId, 'no-such-product'],
      discountBps: 500,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'productIds.1', message: 'Unknown product' }]);
    const noCompany = await o.post('/v1/pricing-rules', {
      kind: 'customer_price',
      companyId: 'no-such-company',
      productId: 'no-such-product',
      unitPrice: gbp(1),
    });
    expect(noCompany.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['companyId', 'productId']);

    expect((await o.get('/v1/pricing-rules')).body.items.map((r: { kind: string }) => r.kind)).toEqual([
      'volume',
      'bundle',
      'customer_price',
    ]);
    expect((await o.get(`/v1/pricing-rules?productId=${b.productId}`)).body.items).toHaveLength(2);
    expect((await o.get('/v1/pricing-rules?kind=bundle')).body.items[0].name).toBe('Secure Wi-Fi');

    const path = `/v1/pricing-rules/${volume.body.ruleId}`;
    const replacement = { kind: 'volume', productId: a.productId, tiers: [{ minQuantity: 5, unitPrice: gbp(9_500) }] };
    expect((await o.patch(path, replacement)).status).toBe(428);
    const edited = await o.patch(path, { ...replacement, active: false }, { 'if-match': '1' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ active: false, version: 2, tiers: [{ minQuantity: 5 }] });
    expect((await o.patch(path, replacement, { 'if-match': '1' })).status).toBe(409);
    expect((await o.delete(path)).status).toBe(204);
    expect((await o.get(path)).status).toBe(404);
    expect((await o.delete(path)).status).toBe(404);
  });
});
