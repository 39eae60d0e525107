import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newTenant, type Client } from '../support/api.js';

let owner: Client;
let other: Client;
beforeAll(async () => {
  ({ owner } = await newTenant('Search'));
  ({ owner: other } = await newTenant('Search Other'));
});

type Hit = { kind: string; id: string; title: string; subtitle?: string };
const find = async (c: Client, q: string, extra = '') => {
  const res = await c.get<{ items: Hit[] }>(`/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status).toBe(200);
  return res.body.items;
};

describe('search', () => {
  it('finds a new company at once, by word prefix, in any accent and case', async () => {
    const c = await newCompany(owner, { name: 'Zakład Meblowy Łukasz', domain: 'brightwater-logistics.co.uk' });
    expect((await find(owner, 'zaklad')).map((h) => h.id)).toContain(c.companyId);
    expect((await find(owner, 'ŁUKASZ mebl')).map((h) => h.id)).toContain(c.companyId);
    expect(await find(owner, 'logist')).toContainEqual({
      kind: 'company',
      id: c.companyId,
      title: 'Zakład Meblowy Łukasz',
      subtitle: 'brightwater-logistics.co.uk',
    });
  });

  it('ANDs the words of a query and ranks name matches first', async () => {
    const a = await newCompany(owner, { name: 'Brightwater Logistics' });
    const b = await newCompany(owner, { name: 'Brightwater Bakery' });
    const c = await newCompany(owner, { name: 'Harbour Freight', domain: 'brightwater.example' });
    const both = (await find(owner, 'brightwater logist')).map((h) => h.id);
    expect(both).toContain(a.companyId);
    expect(both).not.toContain(b.companyId);
    const ids = (await find(owner, 'brightwater')).map((h) => h.id);
    expect(ids.indexOf(c.companyId)).toBeGreaterThan(ids.indexOf(a.companyId));
    expect(ids.indexOf(c.companyId)).toBeGreaterThan(ids.indexOf(b.companyId));
    const list = await owner.get(`/v1/companies?q=${encodeURIComponent('logist')}`);
    expect(list.body.items.map((x: { companyId: string }) => x.companyId)).toContain(a.companyId);
  });

  it('finds contacts by name, email and phone, with their kind', async () => {
    const co = await newCompany(owner, { name: 'Kontakty Sp' });
    const res = await owner.post(`/v1/companies/${co.companyId}/contacts`, {
      firstName: 'Jürgen',
      lastName: 'Kowalski',
      role: 'decision_maker',
      emails: [{ address: 'jan.kowalski@firma.pl', type: 'work' }],
      phones: [{ number: '+48 22 555 0199', type: 'work' }],
    });
    expect(res.status).toBe(201);
    const id = res.body.contactId;
    for (const q of ['jurgen', 'firma.pl', '225550199', 'kowal jurg'])
      expect(await find(owner, q), q).toContainEqual(expect.objectContaining({ kind: 'contact', id }));
    expect((await find(owner, 'kowalski', '&kinds=company')).map((h) => h.id)).not.toContain(id);
  });

  it('drops old words on update and everything on delete', async () => {
    const c = await newCompany(owner, { name: 'Oldname Widgets' });
    const upd = await owner.patch(`/v1/companies/${c.companyId}`, { name: 'Newname Widgets' }, { 'if-match': '1' });
    expect(upd.status).toBe(200);
    expect((await find(owner, 'oldname')).map((h) => h.id)).not.toContain(c.companyId);
    expect(await find(owner, 'newname')).toContainEqual(
      expect.objectContaining({ id: c.companyId, title: 'Newname Widgets' }),
    );
    expect((await owner.delete(`/v1/companies/${c.companyId}`)).status).toBe(204);
    expect((await find(owner, 'newname')).map((h) => h.id)).not.toContain(c.companyId);
  });

  it("never shows another tenant's records", async () => {
    const c = await newCompany(owner, { name: 'Secretive Quokka Holdings' });
    expect((await find(other, 'quokka')).map((h) => h.id)).not.toContain(c.companyId);
    expect(await find(other, 'secretive quokka')).toEqual([]);
  });

  it('refuses bad input as problem+json naming the field', async () => {
    for (const path of [
      '/v1/search',
      '/v1/search?q=',
      '/v1/search?q=%20-%20',
      '/v1/search?q=a&kinds=widget',
      '/v1/search?q=a&limit=0',
    ]) {
      const res = await owner.get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('finds every stored record by each of its words, in any case and accent', async () => {
    const letters = 'abcdeęłńóśźżäöüßéèçàøæ'.split('');
    const word = fc.array(fc.constantFrom(...letters), { minLength: 3, maxLength: 8 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), async (ws, upper) => {
        const name = `Prop ${ws.join(' ')}`;
        const c = await newCompany(owner, { name });
        for (const w of ws) {
          const q = upper ? w.toUpperCase() : w.normalize('NFKD').replace(/\p{M}/gu, '');
          expect((await find(owner, `prop ${q}`, '&limit=50')).map((h) => h.id)).toContain(c.companyId);
        }
      }),
      { numRuns: 8 },
    );
  });
});
