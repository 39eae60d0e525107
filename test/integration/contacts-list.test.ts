import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newMember, newTenant, type Client } from '../support/api.js';

let owner: Client;
let salesId: string;
const names = (res: { body: { items: { firstName: string; lastName: string }[] } }) =>
  res.body.items.map((c) => `${c.firstName} ${c.lastName}`).sort();

beforeAll(async () => {
  ({ owner } = await newTenant('Contacts list'));
  const { user } = await newMember(owner, 'sales');
  salesId = user.userId;
  const zaklad = await newCompany(owner, { name: 'Zakład Usługowy', stage: 'customer', ownerId: salesId });
  const acme = await newCompany(owner, { name: 'Acme Lead', stage: 'lead' });
  const add = async (companyId: string, body: Record<string, unknown>) => {
    const res = await owner.post(`/v1/companies/${companyId}/contacts`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  await add(zaklad.companyId, {
    firstName: 'Łucja',
    lastName: 'Wójcik',
    jobTitle: 'Prezes',
    role: 'decision_maker',
    emails: [{ address: 'lucja@zaklad.pl' }],
    phones: [{ number: '+48 22 123 4567' }],
  });
  await add(zaklad.companyId, { firstName: 'Piotr', lastName: 'Nowak', role: 'technical' });
  await add(acme.companyId, { firstName: 'Ann', lastName: 'Lee', role: 'decision_maker' });
  await add(acme.companyId, { firstName: 'Bob', lastName: 'Stone', role: 'user' });
});

describe('GET /v1/contacts', () => {
  it('lists contacts across companies, newest first, each with its company name and stage', async () => {
    const res = await owner.get('/v1/contacts');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { lastName: string }) => c.lastName)).toEqual(['Stone', 'Lee', 'Nowak', 'Wójcik']);
    expect(res.body.items[3]).toMatchObject({
      firstName: 'Łucja',
      jobTitle: 'Prezes',
      role: 'decision_maker',
      emails: [{ address: 'lucja@zaklad.pl', primary: true }],
      companyName: 'Zakład Usługowy',
      companyStage: 'customer',
    });
    expect(res.body.cursor).toBeNull();
  });

  it('filters by role, company stage and company owner, alone and together', async () => {
    expect(names(await owner.get('/v1/contacts?role=decision_maker'))).toEqual(['Ann Lee', 'Łucja Wójcik']);
    expect(names(await owner.get('/v1/contacts?stage=customer'))).toEqual(['Piotr Nowak', 'Łucja Wójcik']);
    expect(names(await owner.get(`/v1/contacts?owner=${salesId}`))).toEqual(['Piotr Nowak', 'Łucja Wójcik']);
    expect(names(await owner.get('/v1/contacts?role=decision_maker&stage=lead'))).toEqual(['Ann Lee']);
    expect(names(await owner.get('/v1/contacts?role=influencer'))).toEqual([]);
    const bad = await owner.get('/v1/contacts?role=boss');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['role']);
  });

  it('searches names, emails and phones whatever the case and accents ("zaklad" finds Zakład)', async () => {
    expect(names(await owner.get('/v1/contacts?q=lucja'))).toEqual(['Łucja Wójcik']);
    expect(names(await owner.get('/v1/contacts?q=WOJC'))).toEqual(['Łucja Wójcik']);
    expect(names(await owner.get('/v1/contacts?q=zaklad'))).toEqual(['Łucja Wójcik']);
    expect(names(await owner.get('/v1/contacts?q=221234567'))).toEqual(['Łucja Wójcik']);
    expect(names(await owner.get('/v1/contacts?q=nowak&stage=lead'))).toEqual([]);
    const res = await owner.get('/v1/contacts?q=nowak&stage=customer');
    expect(res.body).toMatchObject({ cursor: null, items: [{ lastName: 'Nowak', companyName: 'Zakład Usługowy' }] });
  });

  it('pages with a cursor through every contact once, filtered or not', async () => {
    const all = async (filter: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: { status: number; body: any } = await owner.get(
          `/v1/contacts?limit=1${filter}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((c: { lastName: string }) => c.lastName));
        cursor = res.body.cursor;
        if (!cursor) break;
      }
      return seen;
    };
    expect(await all('')).toEqual(['Stone', 'Lee', 'Nowak', 'Wójcik']);
    expect(await all('&role=decision_maker')).toEqual(['Lee', 'Wójcik']);
  });

  it("keeps tenants apart: another tenant sees none of these, and cannot use this tenant's cursor", async () => {
    const { owner: stranger } = await newTenant('Contacts stranger');
    for (const query of ['', '?q=lucja', '?q=zaklad', '?role=decision_maker', '?stage=customer']) {
      const res = await stranger.get(`/v1/contacts${query}`);
      expect(res.status, query).toBe(200);
      expect(res.body.items, query).toEqual([]);
    }
    const cursor = (await owner.get('/v1/contacts?limit=1')).body.cursor;
    expect(cursor).toEqual(expect.any(String));
    const stolen = await stranger.get(`/v1/contacts?limit=1&cursor=${cursor}`);
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors).toEqual([{ path: 'cursor', message: 'Invalid cursor' }]);
  });

  it('drops contacts of a deleted company at once', async () => {
    const gone = await newCompany(owner, { name: 'Gone Soon' });
    await owner.post(`/v1/companies/${gone.companyId}/contacts`, { firstName: 'Tem', lastName: 'Porary' });
    expect(names(await owner.get('/v1/contacts'))).toContain('Tem Porary');
    expect((await owner.delete(`/v1/companies/${gone.companyId}`)).status).toBe(204);
    expect(names(await owner.get('/v1/contacts'))).not.toContain('Tem Porary');
    expect(names(await owner.get('/v1/contacts?q=porary'))).toEqual([]);
  });
});
