import type { Activity } from '../data/activity.js';
import type { AnalysisRun } from '../data/analysis-run.js';
import type { Contact } from '../data/contact.js';
import type { Task } from '../data/task.js';
import type { TimelineEntry } from '../data/timeline-entry.js';
import { isConditionFailure } from '../data/transaction.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError } from '../shared/errors.js';
import { mentionScrubber, scrubDeep } from './scrub.js';

// A record someone keeps changing while we rewrite it: give up after this many tries, and let the erase be run again.
const TRIES = 3;

/**
 * Writes `scrubbed(item)` back if it differs, conditioned on the item being the one read; on a
 * lost race re-reads and tries again. Items that no longer name the contact are left alone, so a
 * second run of an erase that was cut short rewrites only what still needs it.
 */
async function rewrite<T>(
  first: T,
  reread: (item: T) => Promise<T | undefined>,
  scrubbed: (item: T) => T,
  write: (before: T, after: T) => Promise<void>,
): Promise<void> {
  let item: T | undefined = first;
  for (let attempt = 1; item; attempt++) {
    const after = scrubbed(item);
    if (after === item) return;
    try {
      return await write(item, after);
    } catch (error) {
      if (!isConditionFailure(error) && !(error instanceof ConflictError)) throw error;
      if (attempt >= TRIES)
        throw new ConflictError('The company changed while the contact was being erased; try again');
      item = await reread(item);
    }
  }
}

/**
 * Removes every mention of a contact (full name, email addresses, phone numbers) from the free
 * text of their company: activity subjects and bodies, task titles and notes (new versions of
 * each), the bell's notifications about it, timeline entries' names, details and changes, and the
 * inputs and outputs of its AI analyses. Cached provider answers (functions/ai/runner.ts) are keyed
 * by a hash of their exact input, which the erasure changes: they are never served again, and expire.
 */
export async function scrubCompanyText(contact: Contact, deps: Deps): Promise<void> {
  const { tenantId, companyId } = contact;
  const e = deps.db.entities;
  const scrub = mentionScrubber({
    fullName: `${contact.firstName} ${contact.lastName}`,
    emails: (contact.emails ?? []).map((m) => m.address),
    phones: (contact.phones ?? []).map((p) => p.number),
  });
  const deep = <T>(value: T) => scrubDeep(value, scrub);
  const now = deps.now();

  const { data: activities } = await e.activity.query.byCompany({ tenantId, companyId }).go({ pages: 'all' });
  for (const activity of activities) {
    await rewrite<Activity>(
      activity,
      async (a) => (await e.activity.get(a).go({ consistent: true })).data ?? undefined,
      (a) => {
        const subject = scrub(a.subject);
        const body = a.body === undefined ? undefined : scrub(a.body);
        if (subject === a.subject && body === a.body) return a;
        return { ...a, subject, body, updatedAt: now, version: (a.version ?? 1) + 1 };
      },
      async (before, after) => {
        // Activities logged before edits existed carry no version: the condition says so.
        await e.activity
          .put(after)
          .where(({ version }, { eq, notExists }) =>
            before.version === undefined ? notExists(version) : eq(version, before.version),
          )
          .go();
      },
    );
  }

  const { data: tasks } = await e.task.query.byCompany({ tenantId, companyId }).go({ pages: 'all' });
  for (const listed of tasks) {
    await rewrite<Task>(
      listed,
      async (t) => (await e.task.get({ tenantId, taskId: t.taskId }).go({ consistent: true })).data ?? undefined,
      (t) => {
        const title = scrub(t.title);
        const notes = t.notes === undefined ? undefined : scrub(t.notes);
        if (title === t.title && notes === t.notes) return t;
        return { ...t, title, notes, updatedAt: now, version: t.version + 1 };
      },
      (_before, after) => writeVersioned(deps.db, { entity: 'task', op: 'update', item: after }),
    );
  }

  // Reminders of those tasks went to the bell ("Due now: Call Jane Doe"): every user's, about this company.
  const { data: users } = await e.user.query.byTenant({ tenantId }).go({ pages: 'all', attributes: ['userId'] });
  for (const { userId } of users) {
    const { data: notes } = await e.notification.query
      .byUser({ tenantId, userId: userId! })
      .where(({ companyId: c }, { eq }) => eq(c, companyId))
      .go({ pages: 'all' });
    for (const note of notes) {
      const title = scrub(note.title);
      const body = note.body === undefined ? undefined : scrub(note.body);
      if (title === note.title && body === note.body) continue;
      await e.notification
        .patch({ tenantId, userId: note.userId, notificationId: note.notificationId })
        .set({ title, ...(body === undefined ? {} : { body }) })
        .go();
    }
  }

  const { data: entries } = await e.timelineEntry.query.byCompany({ tenantId, companyId }).go({ pages: 'all' });
  for (const entry of entries) {
    const after: TimelineEntry = {
      ...entry,
      subjectName: scrub(entry.subjectName),
      detail: deep(entry.detail),
      changes: deep(entry.changes),
    };
    if (after.subjectName === entry.subjectName && after.detail === entry.detail && after.changes === entry.changes) {
      continue;
    }
    await e.timelineEntry
      .patch({ tenantId, companyId, entryId: entry.entryId })
      .set({
        subjectName: after.subjectName,
        ...(after.detail === undefined ? {} : { detail: after.detail }),
        ...(after.changes === undefined ? {} : { changes: after.changes }),
      })
      .go();
  }

  const { data: runs } = await e.analysisRun.query.byCompany({ tenantId, companyId }).go({ pages: 'all' });
  for (const run of runs) {
    await rewrite<AnalysisRun>(
      run,
      async (r) => (await e.analysisRun.get(r).go({ consistent: true })).data ?? undefined,
      (r) => {
        const [facts, analysis, scores, error] = [deep(r.facts), deep(r.analysis), deep(r.scores), deep(r.error)];
        if (facts === r.facts && analysis === r.analysis && scores === r.scores && error === r.error) return r;
        return { ...r, facts, analysis, scores, error, updatedAt: now };
      },
      async (before, after) => {
        // A run still working writes its steps conditioned on its step; this write waits for none of them.
        const { facts, analysis, scores, error } = after;
        const changed = Object.fromEntries(
          Object.entries({ facts, analysis, scores, error }).filter(([, v]) => v !== undefined),
        );
        await e.analysisRun
          .patch({ tenantId, companyId, runId: before.runId })
          .set({ ...changed, updatedAt: after.updatedAt })
          .where(({ updatedAt }, { eq }) => eq(updatedAt, before.updatedAt))
          .go();
      },
    );
  }
}
