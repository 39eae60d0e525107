import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newMember, newTenant, unique, type Client } from '../support/api.js';

let owner: Client;
let me: { userId: string };
beforeAll(async () => {
  ({ owner } = await newTenant('Bulk'));
  me = (await owner.get('/v1/me')).body;
});

const get = async (c: Client, id: string) => (await c.get(`/v1/companies/${id}`)).body;

describe('bulk changes to companies', () => {
  it('sets stage, owner and tags on each company with its own version and timeline entry', async () => {
    const a = await newCompany(owner, { tags: ['vip'] });
    const b = await newCompany(owner);
    const res = await owner.post('/v1/companies/bulk', {
      ids: [a.companyId, b.companyId],
      set: { stage: 'prospect', ownerId: me.userId, addTags: ['VIP', 'spring-promo'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ updated: 2, unchanged: 0, failed: 0, notFound: 0 });
    expect(res.body.results).toEqual([
      { companyId: a.companyId, outcome: 'updated', version: 2 },
      { companyId: b.companyId, outcome: 'updated', version: 2 },
    ]);
    // "VIP" is the tag a already had, in another case: not added twice.
    expect(await get(owner, a.companyId)).toMatchObject({
      stage: 'prospect',
      ownerId: me.userId,
      tags: ['vip', 'spring-promo'],
    });
    expect(await get(owner, b.companyId)).toMatchObject({
      stage: 'prospect',
      ownerId: me.userId,
      tags: ['VIP', 'spring-promo'],
    });
    const timeline = (await owner.get(`/v1/companies/${b.companyId}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({ action: 'updated' });
  });

  it('is safe to send again: nothing more changes, every company is unchanged', async () => {
    const a = await newCompany(owner);
    const body = { ids: [a.companyId], set: { stage: 'customer', addTags: ['again'] } };
    expect((await owner.post('/v1/companies/bulk', body)).body.updated).toBe(1);
    const again = await owner.post('/v1/companies/bulk', body);
    expect(again.body).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await get(owner, a.companyId)).version).toBe(2);
  });

  it('clears the owner with null', async () => {
    const a = await newCompany(owner, { ownerId: me.userId });
    const res = await owner.post('/v1/companies/bulk', { ids: [a.companyId], set: { ownerId: null } });
    expect(res.body.updated).toBe(1);
    expect((await get(owner, a.companyId)).ownerId).toBeUndefined();
  });

  it('reports an unknown id per item and still changes the others', async () => {
    const a = await newCompany(owner);
    const res = await owner.post('/v1/companies/bulk', {
      ids: ['01NOSUCHCOMPANY', a.companyId],
      set: { stage: 'lost' },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { companyId: '01NOSUCHCOMPANY', outcome: 'not_found' },
      { companyId: a.companyId, outcome: 'updated', version: 2 },
    ]);
  });

  it('deletes, and a repeated delete finds nothing to delete', async () => {
    const a = await newCompany(owner, { name: `Bulkdelete ${unique()}` });
    const b = await newCompany(owner);
    const res = await owner.post('/v1/companies/bulk', { ids: [a.companyId, b.companyId], delete: true });
    expect(res.body).toMatchObject({ deleted: 2, failed: 0 });
    expect((await owner.get(`/v1/companies/${a.companyId}`)).status).toBe(404);
    expect((await owner.get(`/v1/search?q=bulkdelete`)).body.items).toEqual([]);
    const again = await owner.post('/v1/companies/bulk', { ids: [a.companyId], delete: true });
    // The purge record is still there: a retried delete is the same success, not an error.
    expect(again.status).toBe(200);
    expect(again.body.failed).toBe(0);
  });

  it('changes 100 companies in one request', async () => {
    const ids = await Promise.all(Array.from({ length: 100 }, async () => (await newCompany(owner)).companyId));
    const t0 = performance.now();
    const res = await owner.post('/v1/companies/bulk', { ids, set: { stage: 'opportunity' } });
    console.log(`bulk stage change of 100 companies: ${Math.round(performance.now() - t0)} ms`);
    expect(res.status).toBe(200);
    expect(res.body.updated).toBe(100);
  });

  it('refuses bad input as problem+json naming the field, writing nothing', async () => {
    const a = await newCompany(owner);
    const cases: [unknown, string][] = [
      [{ ids: [], set: { stage: 'lead' } }, 'ids'],
      [{ ids: Array.from({ length: 101 }, (_, i) => `id${i}`), set: { stage: 'lead' } }, 'ids'],
      [{ ids: [a.companyId, a.companyId], set: { stage: 'lead' } }, 'ids'],
      [{ ids: [a.companyId], set: {} }, 'set'],
      [{ ids: [a.companyId], set: { stage: 'won' } }, 'set.stage'],
      [{ ids: [a.companyId], set: { ownerId: 'nobody-here' } }, 'set.ownerId'],
      [{ ids: [a.companyId], delete: false }, 'delete'],
      [{ ids: [a.companyId] }, 'set'],
      [{ ids: [a.companyId], set: { stage: 'lost' }, delete: true }, 'delete'],
    ];
    for (const [body, field] of cases) {
      const res = await owner.post('/v1/companies/bulk', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(JSON.stringify(res.body.errors ?? []), JSON.stringify(body)).toContain(field);
    }
    expect((await get(owner, a.companyId)).version).toBe(1);
  });

  it("changes nothing of another tenant's and does not say it exists", async () => {
    const a = await newCompany(owner, { name: 'Bulk Secret Ltd' });
    const { owner: other } = await newTenant('Bulk Other');
    for (const body of [
      { ids: [a.companyId], set: { stage: 'lost' } },
      { ids: [a.companyId], delete: true },
    ]) {
      const res = await other.post('/v1/companies/bulk', body);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([{ companyId: a.companyId, outcome: 'not_found' }]);
    }
    expect(await get(owner, a.companyId)).toMatchObject({ stage: 'lead', version: 1 });
  });

  it('is refused to viewers', async () => {
    const a = await newCompany(owner);
    const { client: viewer } = await newMember(owner, 'viewer');
    expect((await viewer.post('/v1/companies/bulk', { ids: [a.companyId], set: { stage: 'lost' } })).status).toBe(403);
  });
});

describe('company list order and stage counts', () => {
  it('reads by name A→Z or Z→A from the index, with a stage and across pages', async () => {
    const { owner: o } = await newTenant('Sort');
    for (const name of ['Delta', 'alpha', 'Charlie', 'bravo']) await newCompany(o, { name, stage: 'prospect' });
    await newCompany(o, { name: 'Echo', stage: 'lead' });
    const names = async (q: string) =>
      (await o.get(`/v1/companies?${q}`)).body.items.map((c: { name: string }) => c.name);
    expect(await names('')).toEqual(['alpha', 'bravo', 'Charlie', 'Delta', 'Echo']);
    expect(await names('sort=-name')).toEqual(['Echo', 'Delta', 'Charlie', 'bravo', 'alpha']);
    expect(await names('sort=-name&stage=prospect')).toEqual(['Delta', 'Charlie', 'bravo', 'alpha']);
    const first = await o.get('/v1/companies?sort=-name&limit=2');
    const second = await o.get(`/v1/companies?sort=-name&limit=2&cursor=${first.body.cursor}`);
    expect(second.body.items.map((c: { name: string }) => c.name)).toEqual(['Charlie', 'bravo']);
    expect((await o.get('/v1/companies?sort=leadScore')).status).toBe(400);

    const counts = (await o.get('/v1/companies/stage-counts')).body.stages;
    expect(counts).toContainEqual({ stage: 'prospect', count: 4, more: false });
    expect(counts).toContainEqual({ stage: 'lead', count: 1, more: false });
    expect(counts).toContainEqual({ stage: 'customer', count: 0, more: false });
  });
});
