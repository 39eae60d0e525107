import { describe, expect, it } from 'vitest';
import { analysableCompany, newCompany, newTenant, unique, waitForRun } from '../support/api.js';
import { tableDb } from '../support/table.js';

const db = await tableDb();
const { COMPANY_CHILDREN, childKeys } = await import('../../functions/data/company-children.js');
const { MAX_CASCADE_CONTACTS } = await import('../../functions/companies/service.js');

const keysOf = async (child: (typeof COMPANY_CHILDREN)[number], company: { tenantId: string; companyId: string }) =>
  (await childKeys(db, child, company, { count: 10 })).keys;

describe('deleting a company', () => {
  it('declares each child by its primary key and an index partitioned by tenant and company', () => {
    for (const child of COMPANY_CHILDREN) {
      const indexes = (db.entities[child.entity] as any).schema.indexes as Record<
        string,
        { index?: string; pk: { composite: string[] }; sk: { composite: string[] } }
      >;
      const primary = Object.values(indexes).find((i) => !i.index)!;
      expect(child.key, child.entity).toEqual([...primary.pk.composite, ...primary.sk.composite]);
      expect(indexes[child.index]?.pk.composite, child.entity).toEqual(['tenantId', 'companyId']);
    }
  });

  it('leaves none of the declared children behind', async () => {
    const { owner } = await newTenant('Cascade');
    const { tenantId } = (await owner.get('/v1/me')).body.tenant;
    const target = await analysableCompany(owner);
    const bystander = await analysableCompany(owner);
    const company = { tenantId, companyId: target.companyId as string };
    const run = (await owner.post(`/v1/companies/${company.companyId}/analysis`)).body;
    await waitForRun(owner, company.companyId, run.runId);
    // A run holding the company's lock, as while an analysis is in flight.
    await db.entities.analysisLock
      .put({ ...company, runId: 'held', expiresAt: Date.now() + 60_000, ttl: Math.ceil(Date.now() / 1000) + 3600 })
      .go();

    for (const child of COMPANY_CHILDREN) {
      expect(await keysOf(child, company), `seed at least one ${child.entity} in this test`).not.toEqual([]);
    }
    const bystanderBefore = await Promise.all(
      COMPANY_CHILDREN.map((c) => keysOf(c, { tenantId, companyId: bystander.companyId })),
    );

    expect((await owner.delete(`/v1/companies/${company.companyId}`)).status).toBe(204);

    for (const child of COMPANY_CHILDREN) {
      expect(await keysOf(child, company), `${child.entity} left behind`).toEqual([]);
    }
    expect((await owner.get(`/v1/companies/${company.companyId}`)).status).toBe(404);
    // The company next door keeps everything it had.
    expect(
      await Promise.all(COMPANY_CHILDREN.map((c) => keysOf(c, { tenantId, companyId: bystander.companyId }))),
    ).toEqual(bystanderBefore);
  });

  it(`refuses a company with more than ${MAX_CASCADE_CONTACTS} contacts (422), and deletes one with exactly that many`, async () => {
    const { owner } = await newTenant('Cascade limit');
    const { tenantId } = (await owner.get('/v1/me')).body.tenant;
    const { companyId } = await newCompany(owner);
    const now = new Date().toISOString();
    const contacts = Array.from({ length: MAX_CASCADE_CONTACTS + 1 }, (_, i) => ({
      tenantId,
      companyId,
      contactId: `K${String(i).padStart(3, '0')}${unique()}`,
      firstName: 'Many',
      lastName: `Contact ${i}`,
      role: 'other' as const,
      createdAt: now,
      createdBy: 'seed',
      updatedAt: now,
      updatedBy: 'seed',
      version: 1,
    }));
    const { unprocessed } = await db.entities.contact.put(contacts).go();
    expect(unprocessed).toEqual([]);

    const refused = await owner.delete(`/v1/companies/${companyId}`);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain(`more than ${MAX_CASCADE_CONTACTS} contacts`);
    expect((await owner.get(`/v1/companies/${companyId}`)).status).toBe(200);

    expect((await owner.delete(`/v1/contacts/${contacts[0]!.contactId}`)).status).toBe(204);
    expect((await owner.delete(`/v1/companies/${companyId}`)).status).toBe(204);
    expect((await owner.get(`/v1/contacts/${contacts[1]!.contactId}`)).status).toBe(404);
    const contactChild = COMPANY_CHILDREN.find((c) => c.entity === 'contact')!;
    expect(await keysOf(contactChild, { tenantId, companyId })).toEqual([]);
  });
});
