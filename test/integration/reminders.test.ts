import { beforeAll, describe, expect, it } from 'vitest';
import { mailbox, newMember, newTenant, unique, type Client } from '../support/api.js';
import { tableDb } from '../support/table.js';

const db = await tableDb();
const { runDueSchedules } = await import('../../lib/local/scheduler.js');
const { fireReminder } = await import('../../functions/tasks/reminders.js');
const { reminderScheduleId } = await import('../../functions/tasks/reminder-schedule.js');
const { sendDigest } = await import('../../functions/tasks/digest.js');
const { defaultDeps } = await import('../../functions/shared/deps.js');
const { sendEmail } = await import('../../functions/shared/mailer.js');

/** The reminder function's dependencies with a test clock. */
const depsAt = (now: string) => ({ ...defaultDeps, db, sendEmail, now: () => now });

/** The local scheduler's poll at a test clock, invoking the reminder function's service in this process. */
const pollAt = (now: string) =>
  runDueSchedules({ db, now, invoke: (_target, payload) => fireReminder(payload as never, depsAt(now)) });

const MINUTE = 60_000;
const at = (base: string, minutes: number) => new Date(Date.parse(base) + minutes * MINUTE).toISOString();

let owner: Client;
let ownerEmail: string;
let tenantId: string;
/** Far enough ahead that the real-time poller never reaches it; a random minute keeps files apart. */
const base = new Date(Date.UTC(2035, 0, 1) + Math.floor(Math.random() * 500_000) * MINUTE).toISOString();

beforeAll(async () => {
  ({ owner, ownerEmail } = await newTenant('Reminders'));
  tenantId = (await owner.get('/v1/me')).body.tenant.tenantId;
});

const emailsAbout = async (to: string, title: string) =>
  (await mailbox()).filter((e) => e.destination.to.some((d) => d.includes(to)) && e.subject === `Reminder: ${title}`);

const notificationsAbout = async (client: Client, taskId: string) =>
  (await client.get('/v1/notifications')).body.items.filter((n: { taskId?: string }) => n.taskId === taskId);

async function newTask(title: string, dueAt: string, client = owner) {
  const res = await client.post('/v1/tasks', { title, dueAt });
  expect(res.status).toBe(201);
  return res.body as { taskId: string; dueAt: string; version: number };
}

const scheduleOf = (task: { taskId: string; dueAt: string }) =>
  db.entities.localSchedule.get({ tenantId, scheduleId: reminderScheduleId({ tenantId, ...task }) }).go();

describe('task reminders on the local scheduler', () => {
  it('fire once at the due time, not before: a notification and an email to the owner', async () => {
    const title = `Call Priya ${unique()}`;
    const dueAt = at(base, 10);
    const task = await newTask(title, dueAt);
    expect((await scheduleOf(task)).data).toMatchObject({ at: dueAt, target: 'reminders' });

    await pollAt(at(dueAt, -1));
    expect(await notificationsAbout(owner, task.taskId)).toEqual([]);
    expect(await emailsAbout(ownerEmail, title)).toEqual([]);

    await pollAt(dueAt);
    const [notification] = await notificationsAbout(owner, task.taskId);
    expect(notification).toMatchObject({ kind: 'task_due', title: `Due now: ${title}` });
    expect(notification).not.toHaveProperty('readAt');
    const emails = await emailsAbout(ownerEmail, title);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.body.text).toContain('/tasks');
    // Fired schedules are gone, as EventBridge Scheduler deletes a completed one-time schedule.
    expect((await scheduleOf(task)).data).toBeNull();
  });

  it('send one email when the schedule is delivered again or two pollers race', async () => {
    const title = `Redelivered ${unique()}`;
    const task = await newTask(title, at(base, 20));
    const payload = { tenantId, taskId: task.taskId, dueAt: task.dueAt };
    const outcomes = await Promise.all([
      fireReminder(payload, depsAt(task.dueAt)),
      fireReminder(payload, depsAt(task.dueAt)),
    ]);
    expect(outcomes.sort()).toEqual(['already-sent', 'sent']);
    expect(await fireReminder(payload, depsAt(at(task.dueAt, 5)))).toBe('already-sent');
    expect(await notificationsAbout(owner, task.taskId)).toHaveLength(1);
    expect(await emailsAbout(ownerEmail, title)).toHaveLength(1);
  });

  it('never fire for a task done before its due time', async () => {
    const title = `Done early ${unique()}`;
    const task = await newTask(title, at(base, 30));
    expect((await owner.patch(`/v1/tasks/${task.taskId}`, { done: true, version: 1 })).status).toBe(200);
    expect((await scheduleOf(task)).data).toBeNull();
    await pollAt(at(task.dueAt, 1));
    // Even a schedule that was already on its way finds the task done.
    expect(await fireReminder({ tenantId, ...task }, depsAt(task.dueAt))).toBe('stale');
    expect(await notificationsAbout(owner, task.taskId)).toEqual([]);
    expect(await emailsAbout(ownerEmail, title)).toEqual([]);
  });

  it('fire a rescheduled task at its new time only', async () => {
    const title = `Moved ${unique()}`;
    const task = await newTask(title, at(base, 40));
    const later = at(base, 100);
    const moved = await owner.patch(`/v1/tasks/${task.taskId}`, { dueAt: later, version: 1 });
    expect(moved.status).toBe(200);
    expect((await scheduleOf(task)).data).toBeNull();
    await pollAt(at(base, 41));
    expect(await fireReminder({ tenantId, ...task }, depsAt(task.dueAt))).toBe('stale');
    expect(await notificationsAbout(owner, task.taskId)).toEqual([]);

    await pollAt(later);
    expect(await notificationsAbout(owner, task.taskId)).toHaveLength(1);
    expect(await emailsAbout(ownerEmail, title)).toHaveLength(1);
  });

  it('go to the task owner, not to whoever created it', async () => {
    const sales = await newMember(owner, 'sales');
    const title = `For sales ${unique()}`;
    const res = await owner.post('/v1/tasks', { title, dueAt: at(base, 50), ownerId: sales.user.userId });
    await pollAt(at(base, 50));
    expect(await notificationsAbout(sales.client, res.body.taskId)).toHaveLength(1);
    expect(await notificationsAbout(owner, res.body.taskId)).toEqual([]);
    expect(await emailsAbout(sales.user.email, title)).toHaveLength(1);
  });

  it('fire on the running local cloud’s own scheduler, in real time', async () => {
    const title = `Real time ${unique()}`;
    const task = await newTask(title, new Date(Date.now() + 1500).toISOString());
    // The local cloud polls every second; the schedule is an async process, so wait for its result (bounded).
    for (let i = 0; i < 100 && (await notificationsAbout(owner, task.taskId)).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await notificationsAbout(owner, task.taskId)).toHaveLength(1);
    expect(await emailsAbout(ownerEmail, title)).toHaveLength(1);
  });

  it('are not scheduled for a task already past due', async () => {
    const task = await newTask(`Past ${unique()}`, new Date(Date.now() - MINUTE).toISOString());
    expect((await scheduleOf(task)).data).toBeNull();
  });
});

describe('notifications', () => {
  it('count unread ones and mark some or all read', async () => {
    const { client, user } = await newMember(owner, 'sales');
    const tasks = await Promise.all([1, 2, 3].map((n) => newTask(`Bell ${n} ${unique()}`, at(base, 200 + n), client)));
    for (const task of tasks) await fireReminder({ tenantId, ...task }, depsAt(task.dueAt));
    const list = (await client.get('/v1/notifications')).body;
    expect(list.unreadCount).toBe(3);
    expect(list.items.map((n: { taskId: string }) => n.taskId)).toEqual(tasks.map((t) => t.taskId).reverse());
    const first = list.items[0].notificationId;
    expect((await client.post('/v1/notifications/read', { ids: [first, 'not-mine'] })).body).toEqual({
      unreadCount: 2,
    });
    const unread = (await client.get('/v1/notifications?unread=true')).body;
    expect(unread.items.map((n: { notificationId: string }) => n.notificationId)).not.toContain(first);
    expect(unread.items).toHaveLength(2);
    // Another user's ids do nothing to theirs.
    await owner.post('/v1/notifications/read', { all: true });
    expect((await client.get('/v1/notifications')).body.unreadCount).toBe(2);
    expect((await client.post('/v1/notifications/read', { all: true })).body).toEqual({ unreadCount: 0 });
    expect((await client.post('/v1/notifications/read', { ids: [] })).status).toBe(400);
    expect(user.userId).toBeTruthy();
  });
});

describe('the daily digest', () => {
  it("lists the day's open tasks once per local day, and not for users who opted out", async () => {
    const { client, user } = await newMember(owner, 'sales');
    // The digest counts days in the profile's time zone.
    const me = (await client.get('/v1/me')).body;
    expect((await client.patch('/v1/me', { timeZone: 'Europe/London', version: me.version })).status).toBe(200);
    expect((await client.get('/v1/me/preferences')).body).toEqual({ digest: true, timeZone: 'Europe/London' });
    // 1 July 2036 in London (BST): the day runs from 23:00 UTC on 30 June.
    const title = `Digest item ${unique()}`;
    await newTask(title, '2036-07-01T08:30:00Z', client);
    await newTask(`Done already ${unique()}`, '2036-07-01T09:00:00Z', client).then((t) =>
      client.patch(`/v1/tasks/${t.taskId}`, { done: true, version: 1 }),
    );
    await newTask(`Tomorrow ${unique()}`, '2036-07-02T08:30:00Z', client);
    const who = { tenantId, userId: user.userId, email: user.email };
    expect(await sendDigest(who, depsAt('2036-07-01T05:00:00Z'))).toBe('too-early');
    expect(await sendDigest(who, depsAt('2036-07-01T06:00:00Z'))).toBe('sent');
    expect(await sendDigest(who, depsAt('2036-07-01T06:15:00Z'))).toBe('already-sent');
    const digests = (await mailbox()).filter((e) => e.destination.to.includes(user.email) && /^Today:/.test(e.subject));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('Today: 1 task due');
    expect(digests[0]!.body.text).toContain(title);
    expect(digests[0]!.body.text).toContain('09:30');
    expect(digests[0]!.body.text).not.toContain('Tomorrow');

    expect((await client.patch('/v1/me/preferences', { digest: false })).body.digest).toBe(false);
    expect(await sendDigest(who, depsAt('2036-07-02T06:00:00Z'))).toBe('opted-out');
    expect((await client.get('/v1/me/preferences')).body).toEqual({ digest: false, timeZone: 'Europe/London' });
    const elsewhere = await client.patch('/v1/me/preferences', { timeZone: 'Europe/Paris' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([{ path: 'timeZone', message: 'Unknown field' }]);
  });
});
