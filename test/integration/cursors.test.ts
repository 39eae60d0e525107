import { beforeAll, describe, expect, it } from 'vitest';
import { admin, newCompany, newMember, newTenant, unique, type Client } from '../support/api.js';

type Key = Record<string, unknown>;
const decode = (cursor: string): Key => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
const encode = (key: unknown): string =>
  Buffer.from(typeof key === 'string' ? key : JSON.stringify(key)).toString('base64url');

/** Every item of a list, following its cursors; fails on a page that is not a 200. */
async function pageThrough(c: Client, path: string, limit: number, maxPages = 50) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body: any } = await c.get(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, `${path} page ${pages + 1}: ${JSON.stringify(res.body)}`).toBe(200);
    ids.push(...res.body.items.map((item: Record<string, string>) => JSON.stringify(item)));
    cursor = res.body.cursor;
    pages++;
  } while (cursor && pages < maxPages);
  return { items: ids.map((s) => JSON.parse(s) as Record<string, string>), pages };
}

describe('list cursors', () => {
  let owner: Client;
  let other: Client;
  let companyId: string;
  let secondId: string;
  /** Each list, with a real cursor from its first page of one. */
  const lists: { path: string; cursor: string; client: () => Client }[] = [];

  beforeAll(async () => {
    ({ owner } = await newTenant('Cursors'));
    ({ owner: other } = await newTenant('Cursors other'));
    const company = await newCompany(owner, { name: 'Aardvark Ltd', stage: 'lead' });
    companyId = company.companyId;
    await newCompany(owner, { name: 'Aardwolf Ltd', stage: 'lead' });
    secondId = (await newCompany(owner, { name: 'Second company', stage: 'customer' })).companyId;
    await owner.patch(`/v1/companies/${companyId}`, { industry: 'Retail' }, { 'if-match': '1' });
    for (const lastName of ['Adams', 'Brown']) {
      await owner.post(`/v1/companies/${companyId}/contacts`, { firstName: 'A', lastName });
    }
    for (const subject of ['First call', 'Second call']) {
      await owner.post(`/v1/companies/${companyId}/activities`, { type: 'call', subject });
    }
    await newMember(owner, 'viewer');
    for (const [name, expectedCloseDate] of [
      ['First deal', '2026-03-01'],
      ['Second deal', '2026-04-01'],
    ]) {
      await owner.post('/v1/deals', {
        name,
        companyId: secondId,
        value: { amount: 1, currency: 'GBP' },
        expectedCloseDate,
      });
    }
    await owner.post('/v1/pipelines', {
      name: 'Second pipeline',
      stages: [
        { name: 'Open', order: 0, probabilityBps: 5_000, kind: 'open' },
        { name: 'Won', order: 1, probabilityBps: 10_000, kind: 'won' },
        { name: 'Lost', order: 2, probabilityBps: 0, kind: 'lost' },
      ],
    });
    for (const code of ['HW-1', 'HW-2']) {
      await owner.post('/v1/products', {
        code,
        name: `Widget ${code}`,
        category: 'Hardware',
        unitPrice: { amount: 1_000, currency: 'GBP' },
      });
      await owner.post('/v1/suppliers', { name: `Supplier ${code}` });
      await owner.post('/v1/rate-cards', {
        name: `Card ${code}`,
        roles: [
          { role: 'Engineer', dayRate: { amount: 1, currency: 'GBP' }, hourRate: { amount: 1, currency: 'GBP' } },
        ],
      });
    }
    const hardware = (await owner.get('/v1/products')).body.items;
    for (const minQuantity of [10, 20])
      await owner.post('/v1/pricing-rules', {
        kind: 'volume',
        productId: hardware[0].productId,
        tiers: [{ minQuantity, unitPrice: { amount: 900, currency: 'GBP' } }],
      });
    const a = await admin();
    const tenantId = (await owner.get('/v1/me')).body.tenant.tenantId as string;
    // A search is one ranked page from the token index (functions/search), so it carries no cursor to forge.
    const searched = await owner.get('/v1/companies?q=aard&limit=1');
    expect(searched.body).toMatchObject({ cursor: null, items: [expect.anything()] });
    const paths: [string, () => Client][] = [
      ['/v1/companies', () => owner],
      ['/v1/companies?stage=lead', () => owner],
      [`/v1/companies/${companyId}/contacts`, () => owner],
      ['/v1/contacts', () => owner],
      ['/v1/contacts?role=other', () => owner],
      [`/v1/companies/${companyId}/activities`, () => owner],
      [`/v1/companies/${companyId}/timeline`, () => owner],
      ['/v1/users', () => owner],
      ['/v1/deals', () => owner],
      ['/v1/deals?pipelineId=default', () => owner],
      ['/v1/deals?pipelineId=default&stageId=qualified', () => owner],
      ['/v1/deals?closeMonth=2026-03', () => owner],
      [`/v1/companies/${secondId}/deals`, () => owner],
      ['/v1/pipelines', () => owner],
      ['/v1/products', () => owner],
      ['/v1/products?category=hardware', () => owner],
      ['/v1/products?active=true', () => owner],
      ['/v1/suppliers', () => owner],
      ['/v1/rate-cards', () => owner],
      ['/v1/pricing-rules', () => owner],
      ['/v1/admin/tenants', () => a],
      [`/v1/admin/tenants/${tenantId}/users`, () => a],
    ];
    for (const [path, client] of paths) {
      const sep = path.includes('?') ? '&' : '?';
      const first = await client().get(`${path}${sep}limit=1`);
      expect(first.body.cursor, path).toEqual(expect.any(String));
      lists.push({ path, cursor: first.body.cursor, client });
    }
  });

  /** Cursors a client could forge from a real one: each must be a 400 naming the cursor, never a 500. */
  const forgeries = (real: string): [string, string][] => {
    const key = decode(real);
    const names = Object.keys(key);
    const pk = names.find((n) => n !== 'pk' && n.endsWith('pk')) ?? 'pk';
    const sk = pk.replace(/pk$/, 'sk');
    const { pk: tablePk, sk: tableSk } = key as { pk: string; sk: string };
    const indexOnly: [string, string][] =
      pk === 'pk' ? [] : [['the table keys only, for an index query', encode({ pk: tablePk, sk: tableSk })]];
    return [
      ...indexOnly,
      ['another index', encode({ ...key, [pk === 'gsi2pk' ? 'gsi1pk' : 'gsi2pk']: key[pk] })],
      ['an extra attribute', encode({ ...key, name: 'x' })],
      ['a missing sort key', encode(Object.fromEntries(Object.entries(key).filter(([n]) => n !== sk)))],
      ['a sort key outside the query', encode({ ...key, [sk]: `$other_1#x_${unique()}` })],
      ['an empty sort key', encode({ ...key, [sk]: '' })],
      ['a number for a key', encode({ ...key, [pk]: 7 })],
      ['attribute-value form', encode({ ...key, [pk]: { S: key[pk] } })],
      ['a partition key over DynamoDB limit', encode({ ...key, [pk]: `${String(key[pk])}${'x'.repeat(2100)}` })],
      ['a sort key over DynamoDB limit', encode({ ...key, [sk]: `${String(key[sk])}${'x'.repeat(1100)}` })],
      ['a neighbouring partition', encode({ ...key, [pk]: `${String(key[pk])}#companyid_x` })],
      ['not JSON', encode('{"pk":')],
      ['an array', encode(['pk'])],
      ['not base64', '%%%'],
    ];
  };

  it('refuses forged cursors for every list with 400 naming the cursor, not 500', async () => {
    const failures: string[] = [];
    for (const { path, cursor, client } of lists) {
      for (const [what, forged] of forgeries(cursor)) {
        const sep = path.includes('?') ? '&' : '?';
        const res = await client().get(`${path}${sep}limit=1&cursor=${encodeURIComponent(forged)}`);
        if (res.status !== 400 || res.body?.errors?.[0]?.path !== 'cursor') {
          failures.push(`${path} with ${what}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses another tenant's real cursor and one from another company's list", async () => {
    await newCompany(other, { name: 'Theirs one' });
    await newCompany(other, { name: 'Theirs two' });
    const theirs = (await other.get('/v1/companies?limit=1')).body.cursor as string;
    expect(theirs).toEqual(expect.any(String));
    const stolen = await owner.get(`/v1/companies?limit=1&cursor=${encodeURIComponent(theirs)}`);
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors[0].path).toBe('cursor');

    const contacts = lists.find((l) => l.path.endsWith('/contacts'))!;
    const crossed = await owner.get(
      `/v1/companies/${secondId}/contacts?limit=1&cursor=${encodeURIComponent(contacts.cursor)}`,
    );
    expect(crossed.status).toBe(400);
  });

  it('still pages every list with its own cursors', async () => {
    const counts: Record<string, number> = {};
    for (const { path, client } of lists) {
      const { items, pages } = await pageThrough(client(), path, 1, 10);
      counts[path.replace(companyId, '{companyId}').replace(secondId, '{secondId}')] = items.length;
      expect(pages, path).toBeGreaterThanOrEqual(2);
    }
    expect(counts).toMatchObject({
      '/v1/companies': 3,
      '/v1/companies?stage=lead': 2,
      '/v1/companies/{companyId}/contacts': 2,
      '/v1/companies/{companyId}/activities': 2,
      '/v1/users': 2,
      '/v1/deals': 2,
      '/v1/deals?pipelineId=default': 2,
      '/v1/companies/{secondId}/deals': 2,
      '/v1/pipelines': 2,
    });
  });
});

describe('the platform admin list of tenants', () => {
  it('pages through 60 new tenants: every one exactly once, none missing', async () => {
    const a = await admin();
    const tag = unique();
    const created: string[] = [];
    // Created through the table's own route, in small parallel groups so the setup stays short.
    for (let group = 0; group < 6; group++) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const id = `${tag}-${group}-${i}`;
          const res = await a.post('/v1/admin/tenants', {
            name: `Paged ${id}`,
            slug: `p-${id}`,
            plan: 'starter',
            owner: { email: `owner-${id}@example.test`, name: `Owner ${id}` },
          });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          return res.body.tenantId as string;
        }),
      );
      created.push(...batch);
    }

    const { items, pages } = await pageThrough(a, '/v1/admin/tenants', 25, 1000);
    const ids = items.map((t) => t.tenantId!);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(created.filter((id) => !ids.includes(id))).toEqual([]);
  });
});
