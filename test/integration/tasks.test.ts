import { beforeAll, describe, expect, it } from 'vitest';
import { newCompany, newMember, newTenant, type Client } from '../support/api.js';
import { tableDb } from '../support/table.js';

const db = await tableDb();
const { listTasks } = await import('../../functions/tasks/service.js');
const { defaultDeps } = await import('../../functions/shared/deps.js');

let owner: Client;
let ownerId: string;
let tenantId: string;
let companyId: string;
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

beforeAll(async () => {
  ({ owner } = await newTenant('Tasks'));
  const me = (await owner.get('/v1/me')).body;
  ownerId = me.userId;
  tenantId = me.tenant.tenantId;
  companyId = (await newCompany(owner, { name: 'Taskable Ltd' })).companyId;
});

const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((t) => t.title);

describe('tasks', () => {
  it('creates a task owned by the caller with defaults, and reads it back', async () => {
    const res = await owner.post('/v1/tasks', { title: 'Call back about laptops', dueAt: '2030-05-01T09:30:00+01:00' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Call back about laptops',
      dueAt: '2030-05-01T08:30:00.000Z',
      ownerId,
      priority: 'normal',
      done: false,
      version: 1,
    });
    expect(res.body).not.toHaveProperty('companyId');
    expect((await owner.get(`/v1/tasks/${res.body.taskId}`)).body).toEqual(res.body);
  });

  it('sorts My tasks into overdue, today and upcoming', async () => {
    const { client: mine } = await newMember(owner, 'sales');
    const me = (await mine.get('/v1/me')).body.userId;
    const now = new Date();
    // Today in UTC, whatever time it is now: an hour into the day or the last minute of it.
    const todayEarly = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 0, 1),
    ).toISOString();
    await mine.post('/v1/tasks', { title: 'Late', dueAt: inDays(-3) });
    await mine.post('/v1/tasks', { title: 'Late but done', dueAt: inDays(-2), done: true });
    await mine.post('/v1/tasks', { title: 'Today', dueAt: todayEarly });
    await mine.post('/v1/tasks', { title: 'Later', dueAt: inDays(3) });
    const bucket = (due: string) => mine.get(`/v1/tasks?ownerId=${me}&due=${due}`);
    expect(titles(await bucket('overdue'))).toEqual(['Late']);
    expect(titles(await bucket('today'))).toEqual(['Today']);
    expect(titles(await bucket('upcoming'))).toEqual(['Later']);
    expect(titles(await mine.get(`/v1/tasks?ownerId=${me}`))).toEqual(['Late', 'Late but done', 'Today', 'Later']);
    expect(titles(await mine.get(`/v1/tasks?ownerId=${me}&done=true`))).toEqual(['Late but done']);
  });

  it("counts today in the user's time zone", async () => {
    const { client: user } = await newMember(owner, 'sales');
    const me = (await user.get('/v1/me')).body.userId;
    // 23:30 UTC on 10 June is 00:30 on 11 June in London (BST) and 09:30 on 11 June in Sydney.
    const now = '2031-06-10T23:30:00.000Z';
    await user.post('/v1/tasks', { title: 'UTC evening', dueAt: '2031-06-10T22:00:00Z' });
    await user.post('/v1/tasks', { title: 'Just after midnight UTC', dueAt: '2031-06-11T00:30:00Z' });
    await user.post('/v1/tasks', { title: 'Sydney afternoon', dueAt: '2031-06-11T05:00:00Z' });
    const ctx = { kind: 'tenant' as const, tenantId, userId: me, role: 'sales' as const, email: 'x', name: 'x' };
    const list = async (due: 'overdue' | 'today' | 'upcoming', tz: string) =>
      (await listTasks(ctx, { ownerId: me, due, tz, limit: 25 }, { ...defaultDeps, db, now: () => now })).items.map(
        (t) => t.title,
      );
    expect(await list('today', 'UTC')).toEqual(['UTC evening']);
    expect(await list('upcoming', 'UTC')).toEqual(['Just after midnight UTC', 'Sydney afternoon']);
    expect(await list('overdue', 'Europe/London')).toEqual(['UTC evening']);
    expect(await list('today', 'Europe/London')).toEqual(['Just after midnight UTC', 'Sydney afternoon']);
    // Sydney's 11 June began at 14:00 UTC on the 10th.
    expect(await list('today', 'Australia/Sydney')).toEqual([
      'UTC evening',
      'Just after midnight UTC',
      'Sydney afternoon',
    ]);
    expect(await list('today', 'America/Los_Angeles')).toEqual([
      'UTC evening',
      'Just after midnight UTC',
      'Sydney afternoon',
    ]);
  });

  it('refuses an unknown time zone naming tz, and other bad input naming the field', async () => {
    const tz = await owner.get('/v1/tasks?due=today&tz=Mars/Olympus');
    expect(tz.status).toBe(400);
    expect(tz.body.errors).toEqual([expect.objectContaining({ path: 'tz' })]);
    const cases: [unknown, string][] = [
      [{ title: '', dueAt: inDays(1) }, 'title'],
      [{ title: 'x', dueAt: 'tomorrow' }, 'dueAt'],
      [{ title: 'x', dueAt: '2031-01-01' }, 'dueAt'],
      [{ title: 'x', dueAt: inDays(1), priority: 'urgent' }, 'priority'],
      [{ title: 'x', dueAt: inDays(1), companyId: 'no-such-company' }, 'companyId'],
      [{ title: 'x', dueAt: inDays(1), contactId: 'no-such-contact' }, 'contactId'],
      [{ title: 'x', dueAt: inDays(1), ownerId: 'no-such-user' }, 'ownerId'],
      [{ title: 'x', dueAt: inDays(1), colour: 'red' }, 'colour'],
    ];
    for (const [body, path] of cases) {
      const res = await owner.post('/v1/tasks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const both = await owner.get(`/v1/tasks?ownerId=${ownerId}&companyId=${companyId}`);
    expect(both.status).toBe(400);
  });

  it('updates with versions: 428 without one, 409 when stale', async () => {
    const task = (await owner.post('/v1/tasks', { title: 'Versioned', dueAt: inDays(2) })).body;
    const path = `/v1/tasks/${task.taskId}`;
    expect((await owner.patch(path, { title: 'No version' })).status).toBe(428);
    const moved = await owner.patch(path, { title: 'Moved', priority: 'high', version: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ title: 'Moved', priority: 'high', version: 2 });
    const stale = await owner.patch(path, { title: 'Stale', version: 1 });
    expect(stale.status).toBe(409);
    expect((await owner.get(path)).body.title).toBe('Moved');
    const done = await owner.patch(path, { done: true }, { 'if-match': '2' });
    expect(done.body).toMatchObject({ done: true, version: 3, doneAt: expect.any(String) });
    const reopened = await owner.patch(path, { done: false, version: 3 });
    expect(reopened.body).toMatchObject({ done: false, version: 4 });
    expect(reopened.body).not.toHaveProperty('doneAt');
  });

  it('lets viewers read only, sales change only their own, admins change anyone’s', async () => {
    const viewer = (await newMember(owner, 'viewer')).client;
    const sales = await newMember(owner, 'sales');
    const admin = (await newMember(owner, 'admin')).client;
    const ownersTask = (await owner.post('/v1/tasks', { title: 'Owner’s', dueAt: inDays(1) })).body;
    expect((await viewer.post('/v1/tasks', { title: 'Viewer', dueAt: inDays(1) })).status).toBe(403);
    expect((await viewer.get(`/v1/tasks/${ownersTask.taskId}`)).status).toBe(200);
    const viewerId = (await viewer.get('/v1/me')).body.userId;
    const forViewer = await owner.post('/v1/tasks', { title: 'For a viewer', dueAt: inDays(1), ownerId: viewerId });
    expect(forViewer.status).toBe(400);
    expect(forViewer.body.errors[0].path).toBe('ownerId');
    expect((await sales.client.post('/v1/tasks', { title: 'For owner', dueAt: inDays(1), ownerId })).status).toBe(403);
    expect((await sales.client.patch(`/v1/tasks/${ownersTask.taskId}`, { title: 'Hijack', version: 1 })).status).toBe(
      403,
    );
    expect((await sales.client.delete(`/v1/tasks/${ownersTask.taskId}`)).status).toBe(403);
    const own = (await sales.client.post('/v1/tasks', { title: 'Mine', dueAt: inDays(1) })).body;
    expect(own.ownerId).toBe(sales.user.userId);
    expect((await sales.client.patch(`/v1/tasks/${own.taskId}`, { done: true, version: 1 })).status).toBe(200);
    // Handing their own task to someone else would make it not theirs: also refused.
    expect((await sales.client.patch(`/v1/tasks/${own.taskId}`, { ownerId, version: 2 })).status).toBe(403);
    expect((await admin.patch(`/v1/tasks/${own.taskId}`, { title: 'Edited by admin', version: 2 })).status).toBe(200);
    const assigned = await owner.post('/v1/tasks', {
      title: 'For sales',
      dueAt: inDays(1),
      ownerId: sales.user.userId,
    });
    expect(assigned.status).toBe(201);
    expect((await sales.client.delete(`/v1/tasks/${assigned.body.taskId}`)).status).toBe(204);
    expect((await owner.get(`/v1/tasks/${assigned.body.taskId}`)).status).toBe(404);
  });

  it("keeps tenants apart: another tenant's tasks, companies and contacts are not found", async () => {
    const other = (await newTenant('Tasks other')).owner;
    const task = (await owner.post('/v1/tasks', { title: 'Secret task', dueAt: inDays(1), companyId })).body;
    for (const res of [
      await other.get(`/v1/tasks/${task.taskId}`),
      await other.patch(`/v1/tasks/${task.taskId}`, { title: 'Hijack', version: 1 }),
      await other.delete(`/v1/tasks/${task.taskId}`),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await other.get(`/v1/tasks?companyId=${companyId}`)).body.items).toEqual([]);
    expect((await other.get(`/v1/tasks?ownerId=${ownerId}`)).body.items).toEqual([]);
    expect(titles(await other.get('/v1/tasks'))).toEqual([]);
    const linked = await other.post('/v1/tasks', { title: 'x', dueAt: inDays(1), companyId });
    expect(linked.status).toBe(400);
    expect((await owner.get(`/v1/tasks/${task.taskId}`)).body).toMatchObject({ title: 'Secret task', version: 1 });
  });

  it("records creating, completing and deleting a company's task on its timeline, and lists the company's tasks", async () => {
    const company = (await newCompany(owner, { name: 'Timeline Tasks Ltd' })).companyId;
    const contact = (await owner.post(`/v1/companies/${company}/contacts`, { firstName: 'Tia', lastName: 'Sk' })).body;
    // A contact's task belongs to the contact's company too.
    const task = (
      await owner.post('/v1/tasks', { title: 'Send proposal', dueAt: inDays(1), contactId: contact.contactId })
    ).body;
    expect(task).toMatchObject({ companyId: company, contactId: contact.contactId });
    await owner.patch(`/v1/tasks/${task.taskId}`, { done: true, version: 1 });
    const second = (await owner.post('/v1/tasks', { title: 'Chase signature', dueAt: inDays(2), companyId: company }))
      .body;
    expect(titles(await owner.get(`/v1/tasks?companyId=${company}`))).toEqual(['Send proposal', 'Chase signature']);
    expect(titles(await owner.get(`/v1/tasks?companyId=${company}&done=false`))).toEqual(['Chase signature']);
    expect((await owner.delete(`/v1/tasks/${second.taskId}`)).status).toBe(204);
    const timeline = (await owner.get(`/v1/companies/${company}/timeline`)).body.items;
    const tasks = timeline
      .filter((e: { subjectType: string }) => e.subjectType === 'task')
      .map((e: { action: string; subjectName: string }) => `${e.action} ${e.subjectName}`);
    expect(tasks.sort()).toEqual(
      ['created Send proposal', 'completed Send proposal', 'created Chase signature', 'deleted Chase signature'].sort(),
    );
    const other = (await newCompany(owner, { name: 'Other Ltd' })).companyId;
    const wrong = await owner.post('/v1/tasks', {
      title: 'x',
      dueAt: inDays(1),
      companyId: other,
      contactId: contact.contactId,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('contactId');
  });

  it('keeps an AI next action’s evidence in task.source', async () => {
    const res = await owner.post('/v1/tasks', {
      title: 'Book a call with the decision maker',
      dueAt: inDays(1),
      companyId,
      source: {
        kind: 'analysis',
        runId: '01JRUNAAAAAAAAAAAAAAAAAAAA',
        actionIndex: 2,
        evidence: ['Contract ends in March'],
      },
    });
    expect(res.status).toBe(201);
    expect((await owner.get(`/v1/tasks/${res.body.taskId}`)).body.source).toEqual({
      kind: 'analysis',
      runId: '01JRUNAAAAAAAAAAAAAAAAAAAA',
      actionIndex: 2,
      evidence: ['Contract ends in March'],
    });
  });
  it("links a task to a deal of this tenant, and to the deal's company; refuses unknown or mismatched deals", async () => {
    const company = (await newCompany(owner, { name: 'Deal Tasks Ltd' })).companyId;
    const deal = (
      await owner.post('/v1/deals', {
        name: 'Fleet laptops',
        companyId: company,
        value: { amount: 1_200_000, currency: 'GBP' },
        expectedCloseDate: '2030-03-31',
      })
    ).body;
    const task = await owner.post('/v1/tasks', { title: 'Send the quote', dueAt: inDays(1), dealId: deal.dealId });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ dealId: deal.dealId, companyId: company });
    expect(titles(await owner.get(`/v1/tasks?dealId=${deal.dealId}`))).toEqual(['Send the quote']);
    expect(titles(await owner.get(`/v1/tasks?companyId=${company}`))).toEqual(['Send the quote']);

    const unknown = await owner.post('/v1/tasks', {
      title: 'x',
      dueAt: inDays(1),
      dealId: '01JDEALAAAAAAAAAAAAAAAAAAA',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('dealId');
    const other = (await newCompany(owner, { name: 'Not The Deal Ltd' })).companyId;
    const mismatched = await owner.post('/v1/tasks', {
      title: 'x',
      dueAt: inDays(1),
      dealId: deal.dealId,
      companyId: other,
    });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.errors[0].path).toBe('dealId');
    const moved = await owner.patch(`/v1/tasks/${task.body.taskId}`, { companyId: other, version: 1 });
    expect(moved.status).toBe(400);
    const foreign = await (
      await newTenant('Deal tasks other')
    ).owner.post('/v1/tasks', {
      title: 'x',
      dueAt: inDays(1),
      dealId: deal.dealId,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].path).toBe('dealId');
  });
});
