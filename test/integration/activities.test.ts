import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newMember, newTenant, type Client } from '../support/api.js';
import { tableDb } from '../support/table.js';

let owner: Client;
let companyId: string;
let contactId: string;
beforeAll(async () => {
  ({ owner } = await newTenant('Activities'));
  companyId = (await newCompany(owner, { name: 'Busy Ltd' })).companyId;
  contactId = (await owner.post(`/v1/companies/${companyId}/contacts`, { firstName: 'Cal', lastName: 'Ler' })).body
    .contactId;
});

describe('activities', () => {
  it('logs calls, meetings and notes and lists them most recent first', async () => {
    const call = await owner.post(`/v1/companies/${companyId}/activities`, {
      type: 'call',
      subject: 'Discovery call',
      body: 'Wants quotes for 40 laptops',
      contactId,
      occurredAt: '2026-11-02T10:00:00+01:00',
      durationMinutes: 25,
    });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({
      type: 'call',
      occurredAt: '2026-11-02T09:00:00.000Z',
      createdByName: expect.stringMatching(/^Owner /),
    });
    await owner.post(`/v1/companies/${companyId}/activities`, {
      type: 'meeting',
      subject: 'Site visit',
      occurredAt: '2026-11-10T14:00:00Z',
    });
    await owner.post(`/v1/companies/${companyId}/activities`, { type: 'note', subject: 'Budget approved' });

    const list = await owner.get(`/v1/companies/${companyId}/activities`);
    expect(list.body.items.map((a: { subject: string }) => a.subject)).toEqual([
      'Budget approved',
      'Site visit',
      'Discovery call',
    ]);
  });

  it("refuses a contact from another company and a viewer's write", async () => {
    const other = await newCompany(owner);
    const bad = await owner.post(`/v1/companies/${other.companyId}/activities`, {
      type: 'note',
      subject: 'x',
      contactId,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'contactId', message: 'Unknown contact' }]);

    const { client: viewer } = await newMember(owner, 'viewer');
    expect((await viewer.post(`/v1/companies/${companyId}/activities`, { type: 'note', subject: 'x' })).status).toBe(
      403,
    );
    expect((await viewer.get(`/v1/companies/${companyId}/activities`)).status).toBe(200);
  });

  it('rejects a time that is not ISO 8601, naming the field', async () => {
    const res = await owner.post(`/v1/companies/${companyId}/activities`, {
      type: 'call',
      subject: 'x',
      occurredAt: 'yesterday',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'occurredAt', message: 'Use an ISO 8601 date and time' }]);
  });

  it('refuses a call, email or note dated in the future, storing nothing, but schedules a meeting ahead', async () => {
    const nextYear = new Date(Date.now() + 365 * 24 * 3_600_000).toISOString();
    const before = (await owner.get(`/v1/companies/${companyId}/activities`)).body.items.length;
    for (const type of ['call', 'email', 'note']) {
      const res = await owner.post(`/v1/companies/${companyId}/activities`, {
        type,
        subject: 'Later',
        occurredAt: nextYear,
      });
      expect(res.status, type).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['occurredAt']);
    }
    expect((await owner.get(`/v1/companies/${companyId}/activities`)).body.items).toHaveLength(before);

    const meeting = await owner.post(`/v1/companies/${companyId}/activities`, {
      type: 'meeting',
      subject: 'Quarterly review',
      occurredAt: nextYear,
    });
    expect(meeting.status).toBe(201);
    expect(meeting.body.occurredAt).toBe(nextYear);
  });
});

describe('editing and deleting activities', () => {
  const log = async (c: Client, fields: Record<string, unknown> = {}) => {
    const res = await c.post(`/v1/companies/${companyId}/activities`, {
      type: 'call',
      subject: 'Pricing call',
      ...fields,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const timeline = async () => (await owner.get(`/v1/companies/${companyId}/timeline?limit=100`)).body.items;

  it('logging puts the activity on the company timeline, readable without it', async () => {
    const call = await log(owner, { contactId, subject: 'Intro call' });
    expect(call.version).toBe(1);
    expect((await timeline())[0]).toMatchObject({
      action: 'created',
      subjectType: 'activity',
      subjectId: call.activityId,
      subjectName: 'Intro call',
      detail: { activityType: 'call', contactName: 'Cal Ler' },
      actorName: expect.stringMatching(/^Owner /),
    });
  });

  it('edits with If-Match, records what changed, and refuses a stale or missing version', async () => {
    const call = await log(owner);
    const edited = await owner.patch(
      `/v1/activities/${call.activityId}`,
      { subject: 'Pricing call (follow-up)', durationMinutes: 15, contactId },
      { 'if-match': '1' },
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ subject: 'Pricing call (follow-up)', durationMinutes: 15, version: 2 });
    expect(edited.headers.get('etag')).toBe('"2"');
    const [entry] = await timeline();
    expect(entry).toMatchObject({
      action: 'updated',
      subjectType: 'activity',
      subjectId: call.activityId,
      detail: { activityType: 'call', contactName: 'Cal Ler' },
    });
    expect(entry.changes).toEqual([
      { field: 'subject', from: 'Pricing call', to: 'Pricing call (follow-up)' },
      { field: 'contactId', to: contactId },
      { field: 'durationMinutes', to: 15 },
    ]);

    const stale = await owner.patch(`/v1/activities/${call.activityId}`, { subject: 'Lost' }, { 'if-match': '1' });
    expect(stale.status).toBe(409);
    expect(stale.body.errors).toEqual([{ path: 'version', message: 'Stale version' }]);
    expect((await owner.patch(`/v1/activities/${call.activityId}`, { subject: 'Lost' })).status).toBe(428);
    expect((await timeline())[0].entryId).toBe(entry.entryId);
  });

  it('moves an activity to a new date as one record, and clears optional fields with null', async () => {
    const note = await log(owner, {
      type: 'note',
      subject: 'Moved note',
      body: 'Draft',
      occurredAt: '2026-01-05T09:00:00Z',
    });
    const res = await owner.patch(
      `/v1/activities/${note.activityId}`,
      { occurredAt: '2026-02-01T08:30:00+01:00', body: null },
      { 'if-match': '1' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.occurredAt).toBe('2026-02-01T07:30:00.000Z');
    expect(res.body).not.toHaveProperty('body');
    const list = (await owner.get(`/v1/companies/${companyId}/activities?limit=100`)).body.items;
    const copies = list.filter((a: { activityId: string }) => a.activityId === note.activityId);
    expect(copies).toEqual([expect.objectContaining({ occurredAt: '2026-02-01T07:30:00.000Z', version: 2 })]);
  });

  it('keeps calls, emails and notes out of the future on edit too, but lets a meeting move ahead', async () => {
    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const call = await log(owner);
    const future = await owner.patch(
      `/v1/activities/${call.activityId}`,
      { occurredAt: nextMonth },
      { 'if-match': '1' },
    );
    expect(future.status).toBe(400);
    expect(future.body.errors.map((e: { path: string }) => e.path)).toEqual(['occurredAt']);

    const meeting = await log(owner, { type: 'meeting', subject: 'Demo', occurredAt: nextMonth });
    const asCall = await owner.patch(`/v1/activities/${meeting.activityId}`, { type: 'call' }, { 'if-match': '1' });
    expect(asCall.status).toBe(400);
    expect(asCall.body.errors.map((e: { path: string }) => e.path)).toEqual(['occurredAt']);
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const moved = await owner.patch(`/v1/activities/${meeting.activityId}`, { occurredAt: later }, { 'if-match': '1' });
    expect(moved.status).toBe(200);
    // A clock a minute fast on the client is not "the future".
    const skewed = new Date(Date.now() + 60_000).toISOString();
    expect(
      (await owner.patch(`/v1/activities/${call.activityId}`, { occurredAt: skewed }, { 'if-match': '1' })).status,
    ).toBe(200);
  });

  it('lets only the author, an admin or the owner edit or delete; viewers never', async () => {
    const { client: sales } = await newMember(owner, 'sales');
    const { client: otherSales } = await newMember(owner, 'sales');
    const { client: adminUser } = await newMember(owner, 'admin');
    const { client: viewer } = await newMember(owner, 'viewer');
    const mine = await log(sales, { subject: 'My call' });
    const path = `/v1/activities/${mine.activityId}`;

    const refused = await otherSales.patch(path, { subject: 'Not yours' }, { 'if-match': '1' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/Only A sales, an admin or the owner/);
    expect((await otherSales.delete(path)).status).toBe(403);
    expect((await viewer.patch(path, { subject: 'x' }, { 'if-match': '1' })).status).toBe(403);
    expect((await viewer.delete(path)).status).toBe(403);

    expect((await sales.patch(path, { subject: 'My call, edited' }, { 'if-match': '1' })).status).toBe(200);
    expect((await adminUser.patch(path, { subject: 'Admin edit' }, { 'if-match': '2' })).status).toBe(200);
    expect((await owner.patch(path, { subject: 'Owner edit' }, { 'if-match': '3' })).status).toBe(200);
    const [entry] = await timeline();
    expect(entry.actorName).toMatch(/^Owner /);
    expect(entry.detail.authorName).toBe('A sales');
  });

  it('deletes with a timeline entry; a second delete is a 404', async () => {
    const email = await log(owner, { type: 'email', subject: 'Sent the brochure' });
    const res = await owner.delete(`/v1/activities/${email.activityId}`);
    expect(res.status).toBe(204);
    const list = (await owner.get(`/v1/companies/${companyId}/activities?limit=100`)).body.items;
    expect(list.map((a: { activityId: string }) => a.activityId)).not.toContain(email.activityId);
    expect((await timeline())[0]).toMatchObject({
      action: 'deleted',
      subjectType: 'activity',
      subjectName: 'Sent the brochure',
      detail: { activityType: 'email' },
    });
    expect((await owner.delete(`/v1/activities/${email.activityId}`)).status).toBe(404);
    expect(
      (await owner.patch(`/v1/activities/${email.activityId}`, { subject: 'x' }, { 'if-match': '1' })).status,
    ).toBe(404);
  });

  it('replays a retried edit with the same Idempotency-Key instead of editing twice', async () => {
    const call = await log(owner);
    const headers = { 'if-match': '1', 'idempotency-key': `edit-${call.activityId}` };
    const first = await owner.patch(`/v1/activities/${call.activityId}`, { subject: 'Retried' }, headers);
    const again = await owner.patch(`/v1/activities/${call.activityId}`, { subject: 'Retried' }, headers);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    const edits = (await timeline()).filter(
      (e: { subjectId: string; action: string }) => e.subjectId === call.activityId && e.action === 'updated',
    );
    expect(edits).toHaveLength(1);
  });

  it("answers 404 to another tenant's edit and delete, changing nothing", async () => {
    const call = await log(owner, { subject: 'Private call' });
    const { owner: stranger } = await newTenant('Activities stranger');
    const path = `/v1/activities/${call.activityId}`;
    expect((await stranger.patch(path, { subject: 'Hijacked' }, { 'if-match': '1' })).status).toBe(404);
    expect((await stranger.delete(path)).status).toBe(404);
    const list = (await owner.get(`/v1/companies/${companyId}/activities?limit=100`)).body.items;
    expect(list.find((a: { activityId: string }) => a.activityId === call.activityId)).toMatchObject({
      subject: 'Private call',
      version: 1,
    });
  });

  it('writes nothing when the company is gone but its activity not yet purged', async () => {
    const doomed = await newCompany(owner, { name: 'Doomed Ltd' });
    const res = await owner.post(`/v1/companies/${doomed.companyId}/activities`, {
      type: 'note',
      subject: 'Last words',
    });
    const db = await tableDb();
    const me = (await owner.get('/v1/me')).body;
    const key = { tenantId: me.tenant.tenantId as string, companyId: doomed.companyId as string };
    // The company record gone, its children still there: what a purge in progress looks like.
    await db.entities.company.delete(key).go();
    const stored = async () => ({
      activities: (await db.entities.activity.query.byCompany(key).go()).data,
      entries: (await db.entities.timelineEntry.query.byCompany(key).go()).data,
    });
    const before = await stored();
    const path = `/v1/activities/${res.body.activityId}`;
    expect((await owner.patch(path, { subject: 'Edited' }, { 'if-match': '1' })).status).toBe(404);
    expect((await owner.patch(path, { occurredAt: '2026-01-01T00:00:00Z' }, { 'if-match': '1' })).status).toBe(404);
    expect((await owner.delete(path)).status).toBe(404);
    expect(await stored()).toEqual(before);
  });
});

describe('activities logged before editing existed', () => {
  it('are written again at version 1 by the maintenance job, and can then be edited', async () => {
    const db = await tableDb();
    const { documentClient } = await import('../../functions/data/client.js');
    const { config } = await import('../../functions/shared/config.js');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { indexLegacyActivities } = await import('../../functions/activities/reindex.js');
    const old = await owner.post(`/v1/companies/${companyId}/activities`, { type: 'note', subject: 'From 2025' });
    const me = (await owner.get('/v1/me')).body;
    const stored = db.entities.activity.get({
      tenantId: me.tenant.tenantId,
      companyId,
      occurredAt: old.body.occurredAt,
      activityId: old.body.activityId,
    });
    const { Key } = stored.params() as { Key: Record<string, string> };
    // What an activity stored before this change looks like: no version, no keys in the id index.
    await documentClient.send(
      new UpdateCommand({ TableName: config.tableName, Key, UpdateExpression: 'REMOVE version, gsi1pk, gsi1sk' }),
    );
    const path = `/v1/activities/${old.body.activityId}`;
    expect((await owner.patch(path, { subject: 'Edited' }, { 'if-match': '1' })).status).toBe(404);
    const listed = (await owner.get(`/v1/companies/${companyId}/activities?limit=100`)).body.items;
    expect(listed.find((a: { activityId: string }) => a.activityId === old.body.activityId).version).toBe(1);

    expect(await indexLegacyActivities({ db })).toBeGreaterThanOrEqual(1);
    expect(await indexLegacyActivities({ db })).toBe(0);
    const edited = await owner.patch(path, { subject: 'Edited' }, { 'if-match': '1' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ subject: 'Edited', version: 2 });
  });
});
