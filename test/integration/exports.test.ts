import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { analysableCompany, newCompany, newMember, newTenant, waitForRun, type Client } from '../support/api.js';
import { tableDb } from '../support/table.js';

const csvRows = async (url: string) =>
  Papa.parse<Record<string, string>>(await (await fetch(url)).text(), { header: true, skipEmptyLines: true }).data;

async function exported(owner: Client, body: unknown, timeoutMs = 60_000) {
  let res = await owner.post('/v1/exports', body);
  const deadline = Date.now() + timeoutMs;
  while (res.status === 202 || res.body.status === 'running') {
    if (Date.now() > deadline) throw new Error(`export still running: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 300));
    res = await owner.get(`/v1/exports/${res.body.exportId}`);
  }
  return res;
}

describe('CSV export of a list', () => {
  it('holds exactly the companies the list shows with the same filters', async () => {
    const { owner } = await newTenant('Export list');
    await newCompany(owner, {
      name: 'Alpha Dental',
      stage: 'customer',
      domain: 'alpha.example',
      tags: ['vip', 'north'],
    });
    await newCompany(owner, { name: 'Beta Dental', stage: 'lead' });
    await newCompany(owner, { name: '=HYPERLINK("evil")', stage: 'customer' });
    const res = await owner.post('/v1/exports', { kind: 'companies', filters: { stage: 'customer' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'companies', status: 'done', rows: 2 });
    const rows = await csvRows(res.body.url);
    const list = (await owner.get('/v1/companies?stage=customer')).body.items;
    expect(rows.map((r) => r.companyId)).toEqual(list.map((c: any) => c.companyId));
    expect(rows.find((r) => r.name === 'Alpha Dental')).toMatchObject({
      domain: 'alpha.example',
      stage: 'customer',
      tags: 'vip; north',
    });
    // A cell a spreadsheet would run as a formula is escaped.
    expect(rows.some((r) => r.name === `'=HYPERLINK("evil")`)).toBe(true);

    const searched = await exported(owner, { kind: 'companies', filters: { q: 'dental' } });
    expect((await csvRows(searched.body.url)).map((r) => r.name)).toEqual(['Alpha Dental', 'Beta Dental']);
  });

  it('exports contacts, and refuses an unknown filter with a 400 naming it', async () => {
    const { owner } = await newTenant('Export contacts');
    const company = await newCompany(owner);
    await owner.post(`/v1/companies/${company.companyId}/contacts`, {
      firstName: 'Ana',
      lastName: 'Nowak',
      role: 'decision_maker',
      emails: [{ address: 'ana@x.example' }],
    });
    await owner.post(`/v1/companies/${company.companyId}/contacts`, {
      firstName: 'Bo',
      lastName: 'Berg',
      role: 'user',
    });
    const res = await exported(owner, { kind: 'contacts', filters: { role: 'decision_maker' } });
    expect(await csvRows(res.body.url)).toEqual([
      expect.objectContaining({ firstName: 'Ana', email: 'ana@x.example', companyId: company.companyId }),
    ]);
    const bad = await owner.post('/v1/exports', { kind: 'companies', filters: { colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'filters.colour', message: 'Unknown field' }]);
  });
});

describe('CSV export of the contacts list', () => {
  it('holds exactly the contacts the list shows with its role, company stage, owner and search', async () => {
    const { owner } = await newTenant('Export contacts list');
    const sales = await newMember(owner, 'sales');
    const mine = await newCompany(owner, { name: 'Mine Dental', stage: 'customer', ownerId: sales.user.userId });
    const other = await newCompany(owner, { name: 'Other Dental', stage: 'customer' });
    const lead = await newCompany(owner, { name: 'Lead Dental', stage: 'lead', ownerId: sales.user.userId });
    const person = (company: { companyId: string }, firstName: string, role: string) =>
      owner.post(`/v1/companies/${company.companyId}/contacts`, { firstName, lastName: 'Zamora', role });
    await person(mine, 'Ana', 'decision_maker');
    await person(mine, 'Bea', 'user');
    await person(other, 'Cy', 'decision_maker');
    await person(lead, 'Di', 'decision_maker');
    await person(mine, 'Ed', 'decision_maker');

    const filters = { role: 'decision_maker', stage: 'customer', owner: sales.user.userId };
    const res = await exported(owner, { kind: 'contacts', filters });
    expect(res.body).toMatchObject({ kind: 'contacts', status: 'done', rows: 2 });
    const list = (await owner.get(`/v1/contacts?${new URLSearchParams(filters)}`)).body.items;
    const rows = await csvRows(res.body.url);
    expect(rows.map((r) => r.contactId)).toEqual(list.map((c: any) => c.contactId));
    expect(rows.map((r) => r.firstName)).toEqual(['Ed', 'Ana']);

    const searched = await exported(owner, { kind: 'contacts', filters: { q: 'zamora', stage: 'lead' } });
    expect((await csvRows(searched.body.url)).map((r) => r.firstName)).toEqual(['Di']);

    const mixed = await owner.post('/v1/exports', { kind: 'contacts', filters: { companyId: mine.companyId, q: 'x' } });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([
      { path: 'filters.q', message: 'Not with companyId: filter the contacts list instead' },
    ]);
  });
});

describe('workspace export (GDPR)', () => {
  it("zips the workspace's own data and nothing of another's, for owners only", async () => {
    const a = await newTenant('Export tenant A');
    const b = await newTenant('Export tenant B');
    const mine = await newCompany(a.owner, { name: 'Mine Holdings' });
    await a.owner.post(`/v1/companies/${mine.companyId}/contacts`, { firstName: 'Own', lastName: 'Person' });
    await newCompany(b.owner, { name: 'Zebra Secret Ltd' });

    const started = await a.owner.post('/v1/exports', { kind: 'tenant' });
    expect(started.status).toBe(202);
    const done = await exported(a.owner, { kind: 'tenant' });
    expect(done.body).toMatchObject({ kind: 'tenant', status: 'done' });
    const files = unzipSync(new Uint8Array(await (await fetch(done.body.url)).arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      expect.arrayContaining([
        'companies.json',
        'contacts.json',
        'users.json',
        'workspace.json',
        'timelineEntrys.json',
      ]),
    );
    const companies = JSON.parse(strFromU8(files['companies.json']!));
    expect(companies.map((c: any) => c.name)).toEqual(['Mine Holdings']);
    expect(JSON.parse(strFromU8(files['contacts.json']!))).toEqual([expect.objectContaining({ firstName: 'Own' })]);
    expect(
      Object.values(files)
        .map((f) => strFromU8(f))
        .join('\n'),
    ).not.toContain('Zebra');
    expect((await b.owner.get(`/v1/exports/${started.body.exportId}`)).status).toBe(404);

    const admin = await newMember(a.owner, 'admin');
    expect((await admin.client.post('/v1/exports', { kind: 'tenant' })).status).toBe(403);
  });
});

describe('contact erasure', () => {
  it('removes the contact everywhere and leaves only "a contact was erased" on the timeline', async () => {
    const { owner } = await newTenant('Erasure');
    const company = await newCompany(owner);
    const contact = (
      await owner.post(`/v1/companies/${company.companyId}/contacts`, {
        firstName: 'Erin',
        lastName: 'Forgotten',
        emails: [{ address: 'erin.forgotten@x.example' }],
        phones: [{ number: '+44 20 7946 0000' }],
      })
    ).body;
    await owner.patch(`/v1/contacts/${contact.contactId}`, { jobTitle: 'CTO', version: 1 });
    await owner.post(`/v1/companies/${company.companyId}/activities`, {
      type: 'call',
      subject: 'Intro call',
      contactId: contact.contactId,
    });
    const deal = await owner.post('/v1/deals', {
      name: 'Erasure deal',
      companyId: company.companyId,
      contactIds: [contact.contactId],
      value: { amount: 1000, currency: 'GBP' },
      expectedCloseDate: new Date().toISOString().slice(0, 10),
    });
    expect(deal.status).toBe(201);
    const sales = await newMember(owner, 'sales');
    expect((await sales.client.post(`/v1/contacts/${contact.contactId}/erase`)).status).toBe(403);

    expect((await owner.post(`/v1/contacts/${contact.contactId}/erase`)).status).toBe(204);
    expect((await owner.get(`/v1/contacts/${contact.contactId}`)).status).toBe(404);
    expect((await owner.get('/v1/search?q=forgotten')).body.items).toEqual([]);
    expect((await owner.get('/v1/search?q=erin.forgotten@x.example')).body.items).toEqual([]);
    const activities = (await owner.get(`/v1/companies/${company.companyId}/activities`)).body.items;
    expect(activities[0].contactId).toBeUndefined();
    const timeline = (await owner.get(`/v1/companies/${company.companyId}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({
      action: 'erased',
      subjectType: 'contact',
      subjectName: 'Erased contact',
      changes: [],
    });
    expect(JSON.stringify(timeline)).not.toMatch(/Erin|Forgotten|7946|CTO/);
    expect(timeline.some((t: any) => t.subjectType === 'activity')).toBe(true);
    const { tenantId } = (await owner.get('/v1/me')).body.tenant;
    const tokens = (await (await tableDb()).entities.searchToken.query.byToken({ tenantId }).go({ pages: 'all' })).data;
    expect(tokens.filter((t) => t.recordId === contact.contactId)).toEqual([]);
    expect((await owner.get(`/v1/deals/${deal.body.dealId}`)).body.contactIds).toEqual([]);
    expect((await owner.post(`/v1/contacts/${contact.contactId}/erase`)).status).toBe(404);
  });
  /** A company whose free text names Jane Doe everywhere: a call, an edit of it, a task, an AI analysis. */
  async function janeEverywhere(owner: Client) {
    const company = await analysableCompany(owner);
    const base = `/v1/companies/${company.companyId}`;
    const contact = (
      await owner.post(`${base}/contacts`, {
        firstName: 'Jane',
        lastName: 'Doe',
        emails: [{ address: 'jane@x.example' }],
        phones: [{ number: '+44 113 496 0000' }],
      })
    ).body;
    const call = (
      await owner.post(`${base}/activities`, {
        type: 'call',
        subject: 'Call with JANE DOE',
        body: 'Called Jane Doe on +44 113 496 0000, jane@x.example',
      })
    ).body;
    // An edit: its timeline entry keeps the old and new text.
    await owner.patch(`/v1/activities/${call.activityId}`, {
      body: 'Called Jane Doe on +44 113 496 0000, jane@x.example. Rang 0113 496 0000 again; Janet Doel is someone else.',
      version: 1,
    });
    const task = (
      await owner.post('/v1/tasks', {
        title: 'Send Jane Doe the quote',
        notes: 'Mobile (0)113-496-0000',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        companyId: company.companyId,
      })
    ).body;
    const run = (await owner.post(`${base}/analysis`)).body;
    await waitForRun(owner, company.companyId, run.runId);
    // The task's reminder in the bell, as functions/tasks/reminders.ts writes it when it fires.
    const me = (await owner.get('/v1/me')).body;
    await (
      await tableDb()
    ).entities.notification
      .create({
        tenantId: me.tenant.tenantId,
        userId: me.userId,
        notificationId: ulid(),
        kind: 'task_due',
        title: `Due now: ${task.title}`,
        taskId: task.taskId,
        companyId: company.companyId,
        createdAt: new Date().toISOString(),
        ttl: Math.floor(Date.now() / 1000) + 3600,
      })
      .go();
    return { company, contact, call, task, run };
  }

  const everything = async (owner: Client, s: Awaited<ReturnType<typeof janeEverywhere>>) =>
    JSON.stringify([
      (await owner.get(`/v1/companies/${s.company.companyId}/activities`)).body,
      (await owner.get(`/v1/companies/${s.company.companyId}/timeline`)).body,
      (await owner.get(`/v1/tasks/${s.task.taskId}`)).body,
      (await owner.get(`/v1/companies/${s.company.companyId}/analysis/${s.run.runId}`)).body,
      (await owner.get('/v1/notifications')).body,
    ]);

  it('scrubs their name, email and phone from activities, tasks, the timeline and AI runs, and only in this tenant', async () => {
    const a = await newTenant('Erasure text');
    const b = await newTenant('Erasure text other');
    const mine = await janeEverywhere(a.owner);
    const theirs = await janeEverywhere(b.owner);
    const before = await everything(a.owner, mine);
    const run = (await a.owner.get(`/v1/companies/${mine.company.companyId}/analysis/${mine.run.runId}`)).body;
    expect(JSON.stringify(run)).toContain('Jane Doe');

    // An erase cut short after scrubbing (the contact still there) is finished by running it again.
    const { scrubCompanyText } = await import('../../functions/contacts/erase-text.js');
    const { defaultDeps } = await import('../../functions/shared/deps.js');
    const db = await tableDb();
    const { tenantId } = (await a.owner.get('/v1/me')).body.tenant;
    const stored = (await db.entities.contact.get({ tenantId, contactId: mine.contact.contactId }).go()).data!;
    await scrubCompanyText(stored, { ...defaultDeps, db });
    expect((await a.owner.get(`/v1/contacts/${mine.contact.contactId}`)).status).toBe(200);
    expect((await a.owner.post(`/v1/contacts/${mine.contact.contactId}/erase`)).status).toBe(204);

    const after = await everything(a.owner, mine);
    expect(before).toMatch(/Jane Doe/);
    for (const gone of [/jane\s*doe/i, /jane@x\.example/i, /496[\s-]*0000/, /1134960000/])
      expect(after).not.toMatch(gone);
    const activity = (await a.owner.get(`/v1/companies/${mine.company.companyId}/activities`)).body.items.find(
      (x: { activityId: string }) => x.activityId === mine.call.activityId,
    );
    expect(activity).toMatchObject({
      subject: 'Call with [erased contact]',
      body: 'Called [erased contact] on [erased contact], [erased contact]. Rang [erased contact] again; Janet Doel is someone else.',
      // Created, edited, scrubbed once: the first, cut-short run's write was not repeated.
      version: 3,
    });
    expect((await a.owner.get(`/v1/tasks/${mine.task.taskId}`)).body).toMatchObject({
      title: 'Send [erased contact] the quote',
      notes: 'Mobile [erased contact]',
      version: 2,
    });
    expect(after).toContain('Priya');
    expect(after).toContain('Due now: Send [erased contact] the quote');

    // The other tenant's identical text is untouched.
    expect(await everything(b.owner, theirs)).toMatch(/Called Jane Doe on \+44 113 496 0000, jane@x\.example/);
    expect((await b.owner.get(`/v1/tasks/${theirs.task.taskId}`)).body.title).toBe('Send Jane Doe the quote');
    expect(JSON.stringify((await b.owner.get('/v1/notifications')).body)).toContain('Due now: Send Jane Doe the quote');
    expect(
      JSON.stringify(
        (await b.owner.get(`/v1/companies/${theirs.company.companyId}/analysis/${theirs.run.runId}`)).body,
      ),
    ).toContain('Jane Doe');
  });
});
