import { describe, expect, it } from 'vitest';
import {
  analysableCompany,
  newCompany,
  newMember,
  newTenant,
  unique,
  waitForRun,
  type Client,
} from '../support/api.js';
import { tableDb } from '../support/table.js';

const db = await tableDb();
const { COMPANY_CHILDREN, childKeys } = await import('../../functions/data/company-children.js');
const { mergeCompanies } = await import('../../functions/merges/company-merge.js');
const { undoMerge } = await import('../../functions/merges/undo.js');
const { defaultDeps } = await import('../../functions/shared/deps.js');

type CompanyKey = { tenantId: string; companyId: string };

/** Every child stored under a company, by kind, as key strings (to spot duplicates). */
async function children(company: CompanyKey) {
  const out: Record<string, string[]> = {};
  for (const c of COMPANY_CHILDREN) {
    const { keys } = await childKeys(db, c, company, { count: 1000 });
    out[c.entity] = keys.map((k) => JSON.stringify({ ...k, companyId: undefined }));
  }
  return out;
}
const counts = (kids: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(kids).map(([k, v]) => [k, v.length]));

async function me(client: Client) {
  const body = (await client.get('/v1/me')).body;
  return {
    tenantId: body.tenant.tenantId as string,
    userId: body.userId as string,
    name: body.name as string,
  };
}

/** Two companies with children of every kind, the source's many enough to need several batches. */
async function pair(owner: Client, contacts = 5) {
  const target = await newCompany(owner, { name: `Brightwater ${unique()}`, stage: 'lead', industry: 'Logistics' });
  const source = await analysableCompany(owner, {
    name: `Brightwater Dup ${unique()}`,
    domain: `bw-${unique()}.example`,
    tags: ['imported'],
  });
  for (let i = 0; i < contacts; i++) {
    await owner.post(`/v1/companies/${source.companyId}/contacts`, { firstName: `P${i}`, lastName: 'Person' });
  }
  await owner.post(`/v1/companies/${target.companyId}/activities`, { type: 'note', subject: 'Target note' });
  const run = (await owner.post(`/v1/companies/${source.companyId}/analysis`)).body;
  await waitForRun(owner, source.companyId, run.runId);
  return { target, source };
}

const version = async (owner: Client, companyId: string) =>
  (await owner.get(`/v1/companies/${companyId}`)).body.version as number;

describe('merging companies', () => {
  it('moves every child to the target, takes the chosen fields, removes the source from lists and search, and undo restores it', async () => {
    const { owner } = await newTenant('Merge');
    const { tenantId } = await me(owner);
    const { target, source } = await pair(owner);
    const t = { tenantId, companyId: target.companyId };
    const s = { tenantId, companyId: source.companyId };
    // A lock as if an analysis were in flight: it means nothing for the target and is dropped.
    await db.entities.analysisLock
      .put({ ...s, runId: 'held', expiresAt: Date.now() + 60_000, ttl: Math.ceil(Date.now() / 1000) + 3600 })
      .go();
    const before = { target: counts(await children(t)), source: counts(await children(s)) };
    expect(before.source.contact).toBe(6);
    expect(before.source.analysisRun).toBe(1);
    const sourceVersion = await version(owner, source.companyId);

    const res = await owner.post(`/v1/companies/${target.companyId}/merge`, {
      sourceId: source.companyId,
      fields: { domain: 'source', tags: 'source', name: 'target' },
      version: target.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'done', kind: 'company', sourceName: source.name });
    expect(res.body.counts).toMatchObject({ contact: 6, activity: 1, analysisRun: 1 });

    const after = { target: counts(await children(t)), source: counts(await children(s)) };
    for (const c of COMPANY_CHILDREN) {
      if (c.entity === 'analysisLock') {
        expect(after.source[c.entity]).toBe(0);
        continue;
      }
      // The source is left with only its new "merged into" entry; the target also gains its finished-merge entry.
      const stays = c.entity === 'timelineEntry' ? 1 : 0;
      const gains = c.entity === 'timelineEntry' ? 1 : 0;
      expect(after.source[c.entity], c.entity).toBe(stays);
      expect(after.target[c.entity], c.entity).toBe(before.target[c.entity]! + before.source[c.entity]! + gains);
    }
    const merged = (await owner.get(`/v1/companies/${target.companyId}`)).body;
    expect(merged).toMatchObject({
      name: target.name,
      domain: source.domain,
      tags: ['imported'],
      industry: 'Logistics',
    });
    expect((await owner.get(`/v1/companies/${target.companyId}/contacts?limit=100`)).body.items).toHaveLength(6);
    expect((await owner.get(`/v1/companies/${source.companyId}`)).status).toBe(404);
    const list = (await owner.get('/v1/companies?limit=100')).body.items.map((c: any) => c.companyId);
    expect(list).toContain(target.companyId);
    expect(list).not.toContain(source.companyId);
    const found = (await owner.get(`/v1/search?q=${encodeURIComponent(source.name)}`)).body.items;
    expect(found.map((h: any) => h.id)).not.toContain(source.companyId);

    const timeline = (await owner.get(`/v1/companies/${target.companyId}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({
      action: 'merged',
      subjectId: source.companyId,
      subjectName: source.name,
      mergeId: res.body.mergeId,
    });
    expect(timeline[0].moved).toEqual(
      expect.arrayContaining([
        { label: 'contacts', count: 6 },
        { label: 'analyses', count: 1 },
      ]),
    );
    expect(timeline[0].changes.map((c: any) => c.field).sort()).toEqual(['domain', 'tags']);

    // The same request again answers the finished merge; nothing moves twice.
    const again = await owner.post(`/v1/companies/${target.companyId}/merge`, {
      sourceId: source.companyId,
      fields: {},
      version: target.version,
    });
    expect(again.body).toMatchObject({ mergeId: res.body.mergeId, state: 'done' });

    const undo = await owner.post(`/v1/merges/${res.body.mergeId}/undo`);
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body.state).toBe('undone');
    const undone = { target: counts(await children(t)), source: counts(await children(s)) };
    // Back as before, plus each side's record of the merge and its undo.
    expect(undone.source).toEqual({
      ...before.source,
      analysisLock: 0,
      timelineEntry: before.source.timelineEntry! + 2,
    });
    expect(undone.target).toEqual({ ...before.target, timelineEntry: before.target.timelineEntry! + 2 });
    const restored = (await owner.get(`/v1/companies/${source.companyId}`)).body;
    expect(restored).toMatchObject({ name: source.name, domain: source.domain, version: sourceVersion + 1 });
    const targetBack = (await owner.get(`/v1/companies/${target.companyId}`)).body;
    expect(targetBack.domain).toBeUndefined();
    expect(targetBack.tags).toEqual([]);
    expect((await owner.get(`/v1/companies/${source.companyId}/contacts?limit=100`)).body.items).toHaveLength(6);
    const back = (await owner.get(`/v1/search?q=${encodeURIComponent(source.name)}`)).body.items;
    expect(back.map((h: any) => h.id)).toContain(source.companyId);
    // Undoing again changes nothing.
    expect((await owner.post(`/v1/merges/${res.body.mergeId}/undo`)).body.state).toBe('undone');
  });

  it('finishes a merge that crashed between batches when the request is sent again, without duplicates', async () => {
    const { owner } = await newTenant('Merge crash');
    const who = await me(owner);
    const { target, source } = await pair(owner, 12);
    const t = { tenantId: who.tenantId, companyId: target.companyId };
    const s = { tenantId: who.tenantId, companyId: source.companyId };
    const before = { target: await children(t), source: await children(s) };
    // The process dies after the start and two batches of three (a transaction that never returns).
    let writes = 0;
    const crashing = {
      ...defaultDeps,
      db: new Proxy(defaultDeps.db, {
        get(real, prop) {
          if (prop !== 'transaction') return Reflect.get(real, prop);
          return {
            write: (fn: any) => {
              const tx = real.transaction.write(fn);
              return {
                go: async () => {
                  if (++writes > 3) throw new Error('simulated crash');
                  return tx.go();
                },
              };
            },
          };
        },
      }) as typeof defaultDeps.db,
    };
    const ctx = { kind: 'tenant' as const, role: 'owner' as const, email: 'o@example.test', ...who };
    await expect(
      mergeCompanies(
        ctx,
        target.companyId,
        { sourceId: source.companyId, fields: {}, version: target.version },
        target.version,
        crashing,
        {
          batchSize: 3,
        },
      ),
    ).rejects.toThrow('simulated crash');
    const midway = counts(await children(s));
    expect(midway.contact).toBe(13 - 6);
    expect((await owner.get(`/v1/companies/${source.companyId}`)).status).toBe(404);

    // The client sends the request again (its version is stale by now: the merge resumes anyway).
    const res = await owner.post(`/v1/companies/${target.companyId}/merge`, {
      sourceId: source.companyId,
      fields: {},
      version: target.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('done');
    expect(res.body.counts.contact).toBe(13);
    const after = await children(t);
    for (const kind of ['contact', 'activity', 'analysisRun']) {
      expect(new Set(after[kind]).size, kind).toBe(after[kind]!.length);
      expect(after[kind]!.length, kind).toBe(before.target[kind]!.length + before.source[kind]!.length);
      expect(after[kind], kind).toEqual(expect.arrayContaining([...before.source[kind]!, ...before.target[kind]!]));
    }
    expect(counts(await children(s))).toMatchObject({ contact: 0, activity: 0, analysisRun: 0, timelineEntry: 1 });
    const contacts = (await owner.get(`/v1/companies/${target.companyId}/contacts?limit=100`)).body.items;
    expect(contacts).toHaveLength(13);

    // An undo that crashes midway resumes the same way.
    writes = 0;
    await expect(undoMerge(ctx, res.body.mergeId, crashing, { batchSize: 3 })).rejects.toThrow('simulated crash');
    const undo = await owner.post(`/v1/merges/${res.body.mergeId}/undo`);
    expect(undo.body.state).toBe('undone');
    expect((await owner.get(`/v1/companies/${source.companyId}/contacts?limit=100`)).body.items).toHaveLength(13);
    expect((await owner.get(`/v1/companies/${target.companyId}/contacts?limit=100`)).body.items).toHaveLength(0);
  });

  it('refuses a merge into itself naming sourceId, a stale version, viewers, and an undo after 30 days', async () => {
    const { owner } = await newTenant('Merge rules');
    const who = await me(owner);
    const a = await newCompany(owner);
    const b = await newCompany(owner);
    const self = await owner.post(`/v1/companies/${a.companyId}/merge`, {
      sourceId: a.companyId,
      fields: {},
      version: 1,
    });
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual([expect.objectContaining({ path: 'sourceId' })]);
    const badField = await owner.post(`/v1/companies/${a.companyId}/merge`, {
      sourceId: b.companyId,
      fields: { name: 'both' },
      version: 1,
    });
    expect(badField.status).toBe(400);
    expect(badField.body.errors[0].path).toBe('fields.name');
    const stale = await owner.post(`/v1/companies/${a.companyId}/merge`, {
      sourceId: b.companyId,
      fields: {},
      version: 7,
    });
    expect(stale.status).toBe(409);
    const unknown = await owner.post(`/v1/companies/${a.companyId}/merge`, {
      sourceId: 'nope',
      fields: {},
      version: 1,
    });
    expect(unknown.status).toBe(404);
    const viewer = await newMember(owner, 'viewer');
    const refused = await viewer.client.post(`/v1/companies/${a.companyId}/merge`, {
      sourceId: b.companyId,
      fields: {},
      version: 1,
    });
    expect(refused.status).toBe(403);
    const sales = await newMember(owner, 'sales');
    // Nothing was written by any refusal.
    expect(await version(owner, a.companyId)).toBe(1);
    expect(await version(owner, b.companyId)).toBe(1);

    const done = await sales.client.post(`/v1/companies/${a.companyId}/merge`, {
      sourceId: b.companyId,
      fields: {},
      version: 1,
    });
    expect(done.body.state).toBe('done');
    expect(Date.parse(done.body.undoUntil) - Date.parse(done.body.finishedAt)).toBe(30 * 86_400_000);
    const ctx = { kind: 'tenant' as const, role: 'owner' as const, email: 'o@example.test', ...who };
    const later = {
      ...defaultDeps,
      now: () => new Date(Date.parse(done.body.finishedAt) + 31 * 86_400_000).toISOString(),
    };
    await expect(undoMerge(ctx, done.body.mergeId, later)).rejects.toMatchObject({ status: 422 });
    expect((await owner.get(`/v1/companies/${b.companyId}`)).status).toBe(404);
  });

  it("answers 404 to another tenant's companies and merges", async () => {
    const a = (await newTenant('Merge iso A')).owner;
    const b = (await newTenant('Merge iso B')).owner;
    const [a1, a2] = [await newCompany(a), await newCompany(a)];
    const b1 = await newCompany(b);
    const theirs = await b.post(`/v1/companies/${a1.companyId}/merge`, {
      sourceId: a2.companyId,
      fields: {},
      version: 1,
    });
    expect(theirs.status).toBe(404);
    const intoMine = await b.post(`/v1/companies/${b1.companyId}/merge`, {
      sourceId: a1.companyId,
      fields: {},
      version: 1,
    });
    expect(intoMine.status).toBe(404);
    const merged = await a.post(`/v1/companies/${a1.companyId}/merge`, {
      sourceId: a2.companyId,
      fields: {},
      version: 1,
    });
    expect((await b.get(`/v1/merges/${merged.body.mergeId}`)).status).toBe(404);
    expect((await b.post(`/v1/merges/${merged.body.mergeId}/undo`)).status).toBe(404);
    expect((await a.get(`/v1/merges/${merged.body.mergeId}`)).body.state).toBe('done');
    expect((await b.get(`/v1/companies/${b1.companyId}`)).body.version).toBe(1);
  });
});

describe('merging contacts', () => {
  it('copies the chosen fields, re-points the source’s activities (across companies), and undo puts them back', async () => {
    const { owner } = await newTenant('Contact merge');
    const c1 = await newCompany(owner);
    const c2 = await newCompany(owner);
    const target = (
      await owner.post(`/v1/companies/${c1.companyId}/contacts`, { firstName: 'Jan', lastName: 'Kowalski' })
    ).body;
    const source = (
      await owner.post(`/v1/companies/${c2.companyId}/contacts`, {
        firstName: 'Jan',
        lastName: 'Kowalsky',
        jobTitle: 'Director',
        emails: [{ address: 'jan@kowalski.example' }],
      })
    ).body;
    for (const subject of ['Call one', 'Call two']) {
      await owner.post(`/v1/companies/${c2.companyId}/activities`, {
        type: 'call',
        subject,
        contactId: source.contactId,
      });
    }
    await owner.post(`/v1/companies/${c2.companyId}/activities`, { type: 'note', subject: 'Nobody in particular' });
    const self = await owner.post(`/v1/contacts/${target.contactId}/merge`, { sourceId: target.contactId, version: 1 });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].path).toBe('sourceId');

    const res = await owner.post(`/v1/contacts/${target.contactId}/merge`, {
      sourceId: source.contactId,
      fields: { jobTitle: 'source', emails: 'source' },
      version: target.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'done', kind: 'contact', counts: { activity: 2 } });
    const merged = (await owner.get(`/v1/contacts/${target.contactId}`)).body;
    expect(merged).toMatchObject({ lastName: 'Kowalski', jobTitle: 'Director', companyId: c1.companyId });
    expect(merged.emails.map((e: any) => e.address)).toEqual(['jan@kowalski.example']);
    expect((await owner.get(`/v1/contacts/${source.contactId}`)).status).toBe(404);
    const activities = (await owner.get(`/v1/companies/${c2.companyId}/activities`)).body.items;
    expect(activities.filter((a: any) => a.contactId === target.contactId)).toHaveLength(2);
    expect(activities.filter((a: any) => a.contactId === source.contactId)).toHaveLength(0);
    expect((await owner.get(`/v1/companies/${c1.companyId}/timeline`)).body.items[0]).toMatchObject({
      action: 'merged',
      subjectType: 'contact',
      subjectName: 'Jan Kowalsky',
    });

    const undo = await owner.post(`/v1/merges/${res.body.mergeId}/undo`);
    expect(undo.body.state).toBe('undone');
    expect((await owner.get(`/v1/contacts/${source.contactId}`)).body).toMatchObject({ lastName: 'Kowalsky' });
    const back = (await owner.get(`/v1/contacts/${target.contactId}`)).body;
    expect(back.jobTitle).toBeUndefined();
    expect(back.emails).toEqual([]);
    const again = (await owner.get(`/v1/companies/${c2.companyId}/activities`)).body.items;
    expect(again.filter((a: any) => a.contactId === source.contactId)).toHaveLength(2);
  });

  it("answers 404 for another tenant's contacts", async () => {
    const a = (await newTenant('Contact iso A')).owner;
    const b = (await newTenant('Contact iso B')).owner;
    const ca = await newCompany(a);
    const cb = await newCompany(b);
    const x = (await a.post(`/v1/companies/${ca.companyId}/contacts`, { firstName: 'A', lastName: 'One' })).body;
    const y = (await a.post(`/v1/companies/${ca.companyId}/contacts`, { firstName: 'A', lastName: 'Two' })).body;
    const z = (await b.post(`/v1/companies/${cb.companyId}/contacts`, { firstName: 'B', lastName: 'One' })).body;
    expect((await b.post(`/v1/contacts/${x.contactId}/merge`, { sourceId: y.contactId, version: 1 })).status).toBe(404);
    expect((await b.post(`/v1/contacts/${z.contactId}/merge`, { sourceId: x.contactId, version: 1 })).status).toBe(404);
    expect((await a.get(`/v1/contacts/${x.contactId}`)).body.version).toBe(1);
    expect((await b.get(`/v1/contacts/${z.contactId}`)).body.version).toBe(1);
  });
});

describe('the duplicate check', () => {
  it('finds a company by its domain (even from a pasted URL), its number, or its name without case, accents or legal form', async () => {
    const { owner } = await newTenant('Duplicates');
    const other = (await newTenant('Duplicates other')).owner;
    const id = unique();
    const existing = await newCompany(owner, {
      name: `Zakład Brightwater ${id} Ltd`,
      domain: `brightwater-${id}.co.uk`,
      companyNumber: `0${id.replace(/\D/g, '1').slice(0, 7)}`,
    });
    const check = (body: object, who = owner) => who.post('/v1/companies/duplicates-check', body);
    const byDomain = await check({ domain: `https://www.brightwater-${id}.co.uk/about?x=1` });
    expect(byDomain.status).toBe(200);
    expect(byDomain.body.items).toEqual([
      expect.objectContaining({ companyId: existing.companyId, matchedOn: ['domain'] }),
    ]);
    const byNumber = await check({ companyNumber: existing.companyNumber });
    expect(byNumber.body.items[0]).toMatchObject({ companyId: existing.companyId, matchedOn: ['companyNumber'] });
    const byName = await check({ name: `zaklad brightwater ${id.toUpperCase()} limited` });
    expect(byName.body.items[0]).toMatchObject({ companyId: existing.companyId, matchedOn: ['name'] });
    const all = await check({ name: `Zakład Brightwater ${id}`, domain: `brightwater-${id}.co.uk` });
    expect(all.body.items[0].matchedOn).toEqual(['domain', 'name']);
    expect((await check({ name: `Brightwater ${id}` })).body.items).toEqual([]);
    expect((await check({ name: `Zakład Brightwater ${id}`, excludeId: existing.companyId })).body.items).toEqual([]);
    expect((await check({ domain: `brightwater-${id}.co.uk` }, other)).body.items).toEqual([]);
    const empty = await check({});
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('name');
  });
});
