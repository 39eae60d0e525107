import { describe, expect, it } from 'vitest';
import type { Company } from '../../functions/data/company.js';
import { newCompany, newTenant } from '../support/api.js';
import { tableDb } from '../support/table.js';

describe('search reindex (records stored before the index)', () => {
  it('indexes old records, drops stale tokens, and a second run changes nothing', async () => {
    const { owner } = await newTenant('Reindex');
    const me = (await owner.get('/v1/me')).body;
    const tenantId: string = me.tenant.tenantId;
    const db = await tableDb();
    const { reindexSearch } = await import('../../functions/search/reindex.js');
    const find = async (q: string) =>
      (await owner.get(`/v1/search?q=${encodeURIComponent(q)}`)).body.items.map((h: { id: string }) => h.id);

    // A company as an older release stored it: no tokens at all.
    const now = new Date().toISOString();
    const old: Company = {
      tenantId,
      companyId: '01OLDCOMPANY0000000000000A',
      name: 'Ancient Żurawie Works',
      domain: 'zurawie.example',
      stage: 'lead',
      createdAt: now,
      createdBy: me.userId,
      updatedAt: now,
      updatedBy: me.userId,
      version: 1,
    };
    await db.entities.company.put(old).go();
    // A token left behind for a record that is gone.
    await db.entities.searchToken
      .put({
        tenantId,
        token: 'ghostly',
        kind: 'company',
        recordId: '01GONE',
        weight: 2,
        title: 'Ghost',
        updatedAt: now,
      })
      .go();
    const live = await newCompany(owner, { name: 'Current Cranes' });
    const contact = await owner.post(`/v1/companies/${live.companyId}/contacts`, {
      firstName: 'Zoë',
      lastName: 'Ładna',
    });
    expect(await find('zurawie')).toEqual([]);

    const first = await reindexSearch({ db }, { tenantIds: [tenantId] });
    expect(first).toMatchObject({ tenants: 1, records: 3, deleted: 1 });
    expect(first.put).toBeGreaterThan(0);
    expect(await find('zuraw')).toEqual([old.companyId]);
    expect(await find('ancient works')).toEqual([old.companyId]);
    expect(await find('cranes')).toEqual([live.companyId]);
    const tokens = await db.entities.searchToken.query.byToken({ tenantId }).begins({ token: 'ghost' }).go();
    expect(tokens.data).toEqual([]);
    // Contacts carry their company, so a hit links to its page.
    expect((await owner.get('/v1/search?q=ladna')).body.items).toEqual([
      { kind: 'contact', id: contact.body.contactId, title: 'Zoë Ładna', companyId: live.companyId },
    ]);

    expect(await reindexSearch({ db }, { tenantIds: [tenantId] })).toEqual({
      tenants: 1,
      records: 3,
      put: 0,
      deleted: 0,
    });
  });
});
