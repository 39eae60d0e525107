import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newTenant, waitForRun, type Client } from '../support/api.js';
import { tableDb } from '../support/table.js';

let owner: Client;
beforeAll(async () => {
  ({ owner } = await newTenant('Companies'));
});

describe('companies', () => {
  it('creates, reads, updates and deletes a company, keeping its timeline', async () => {
    const created = await owner.post('/v1/companies', {
      name: 'Hollybush Dental',
      domain: 'hollybush.example',
      stage: 'lead',
      industry: 'Healthcare',
      tags: ['dental'],
      knownFacts: ['Three surgeries'],
      addresses: [{ line1: '1 High St', city: 'Leeds', country: 'GB' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Hollybush Dental', stage: 'lead', version: 1, tags: ['dental'] });
    expect(created.body.tenantId).toBeUndefined();
    const id = created.body.companyId;

    const read = await owner.get(`/v1/companies/${id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');

    const updated = await owner.patch(
      `/v1/companies/${id}`,
      { stage: 'prospect', industry: null },
      { 'if-match': '"1"' },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ stage: 'prospect', version: 2 });
    expect(updated.body.industry).toBeUndefined();

    const timeline = await owner.get(`/v1/companies/${id}/timeline`);
    expect(timeline.body.items.map((e: { action: string }) => e.action)).toEqual(['updated', 'created']);
    expect(timeline.body.items[0].changes).toEqual([
      { field: 'stage', from: 'lead', to: 'prospect' },
      { field: 'industry', from: 'Healthcare' },
    ]);
    expect(timeline.body.items[0].actorName).toMatch(/^Owner /);

    expect((await owner.delete(`/v1/companies/${id}`)).status).toBe(204);
    expect((await owner.get(`/v1/companies/${id}`)).status).toBe(404);
  });

  it('refuses a stale version with 409 and a missing one with 428, changing nothing', async () => {
    const company = await newCompany(owner, { name: 'Versioned Ltd' });
    const path = `/v1/companies/${company.companyId}`;
    expect((await owner.patch(path, { name: 'First edit', version: 1 })).status).toBe(200);
    const stale = await owner.patch(path, { name: 'Second edit' }, { 'if-match': '1' });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect(stale.body.errors).toEqual([{ path: 'version', message: 'Stale version' }]);
    const missing = await owner.patch(path, { name: 'Third edit' });
    expect(missing.status).toBe(428);
    expect((await owner.get(path)).body).toMatchObject({ name: 'First edit', version: 2 });
  });

  it('filters by stage, searches names case-insensitively by prefix, and paginates with a cursor', async () => {
    const { owner: o } = await newTenant('Search');
    const names = ['Alpha Dental', 'alpine Builders', 'Beta Logistics', 'Alphabet Soup', 'Gamma Hotels'];
    for (const [i, name] of names.entries()) await newCompany(o, { name, stage: i % 2 === 0 ? 'lead' : 'customer' });

    const all = await o.get('/v1/companies');
    expect(all.body.items.map((c: { name: string }) => c.name)).toEqual([
      'Alpha Dental',
      'Alphabet Soup',
      'alpine Builders',
      'Beta Logistics',
      'Gamma Hotels',
    ]);

    const search = await o.get('/v1/companies?q=ALP');
    expect(search.body.items.map((c: { name: string }) => c.name)).toEqual([
      'Alpha Dental',
      'Alphabet Soup',
      'alpine Builders',
    ]);

    const leads = await o.get('/v1/companies?stage=lead&q=alp');
    expect(leads.body.items.map((c: { name: string }) => c.name)).toEqual(['Alpha Dental']);
    const customers = await o.get('/v1/companies?stage=customer&q=Alp');
    expect(customers.body.items.map((c: { name: string }) => c.name)).toEqual(['Alphabet Soup', 'alpine Builders']);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: { name: string }[]; cursor: string | null } } = await o.get(
        `/v1/companies?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c) => c.name));
      cursor = page.body.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('filters by owner and rejects an owner from outside the tenant', async () => {
    const me = (await owner.get('/v1/me')).body;
    const mine = await newCompany(owner, { name: 'Owned By Me', ownerId: me.userId });
    const list = await owner.get(`/v1/companies?owner=${me.userId}`);
    expect(list.body.items.map((c: { companyId: string }) => c.companyId)).toContain(mine.companyId);
    expect(list.body.items.every((c: { ownerId: string }) => c.ownerId === me.userId)).toBe(true);

    const bad = await owner.post('/v1/companies', { name: 'Bad owner', ownerId: 'not-a-user' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'ownerId', message: 'Unknown user' }]);
  });

  it('rejects a forged cursor with 400 rather than failing', async () => {
    const forged = Buffer.from(
      JSON.stringify({ pk: '$quoteflow#tenantid_someoneelse', sk: 'x', gsi1pk: 'y', gsi1sk: 'z' }),
    ).toString('base64url');
    for (const cursor of [forged, 'not-base64-json', Buffer.from('[1,2]').toString('base64url')]) {
      const res = await owner.get(`/v1/companies?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('cursor');
    }
  });

  it('deletes a company with its contacts at once, then purges its activities, history and analyses', async () => {
    const company = await newCompany(owner);
    const { companyId } = company;
    const contact = await owner.post(`/v1/companies/${companyId}/contacts`, { firstName: 'Ann', lastName: 'Lee' });
    expect(contact.status).toBe(201);
    expect((await owner.post(`/v1/companies/${companyId}/activities`, { type: 'call', subject: 'Hello' })).status).toBe(
      201,
    );
    await waitForRun(owner, companyId, (await owner.post(`/v1/companies/${companyId}/analysis`)).body.runId);
    expect((await owner.delete(`/v1/companies/${companyId}`)).status).toBe(204);
    expect((await owner.get(`/v1/contacts/${contact.body.contactId}`)).status).toBe(404);
    expect((await owner.get(`/v1/companies/${companyId}/activities`)).status).toBe(404);

    const { tenantId } = (await owner.get('/v1/me')).body.tenant;
    const db = await tableDb();
    // The purge runs from a queue: wait for its tombstone to say it is finished.
    const deadline = Date.now() + 30_000;
    while (!(await db.entities.companyTombstone.get({ tenantId, companyId }).go()).data?.purgedAt) {
      if (Date.now() > deadline) throw new Error('the purge did not finish within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await db.entities.activity.query.byCompany({ tenantId, companyId }).go()).data).toEqual([]);
    // Only the record of the deletion stays.
    expect((await db.entities.timelineEntry.query.byCompany({ tenantId, companyId }).go()).data).toMatchObject([
      { action: 'deleted', subjectId: companyId },
    ]);
    expect((await db.entities.analysisRun.query.byCompany({ tenantId, companyId }).go()).data).toEqual([]);
  });
});
