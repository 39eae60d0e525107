import { config } from '../shared/config.js';
import type { Deps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { escapeHtml, type OutgoingEmail } from '../shared/mailer.js';
import { assertCommitted } from '../data/transaction.js';
import { localTime, preferencesOf } from '../notifications/preferences.js';
import type { ReminderPayload } from './reminder-schedule.js';

/** What firing a reminder needs beyond the table: sending the email. */
export interface ReminderDeps extends Deps {
  sendEmail: (email: OutgoingEmail) => Promise<unknown>;
}

/** Notifications (and reminder markers) are kept this long. */
const KEEP_SECONDS = 90 * 86_400;

export type ReminderOutcome = 'sent' | 'already-sent' | 'stale';

/**
 * Fires one task's reminder: an in-app notification and an email to its owner, exactly once per
 * task and due time. The notification, the "reminded" marker and a check that the task is still
 * open at that due time are one transaction, so a redelivery, a second poller, a completed or a
 * rescheduled task all end here without a second notification; only the transaction's winner
 * sends the email (at most once: a failed send is logged, not retried into a duplicate).
 */
export async function fireReminder(payload: ReminderPayload, deps: ReminderDeps): Promise<ReminderOutcome> {
  const { tenantId, taskId, dueAt } = payload;
  const { data: task } = await deps.db.entities.task.get({ tenantId, taskId }).go({ consistent: true });
  if (!task || task.done || task.dueAt !== dueAt) return 'stale';
  const now = deps.now();
  const ttl = Math.floor(Date.parse(now) / 1000) + KEEP_SECONDS;
  const result = await deps.db.transaction
    .write(({ task: tasks, taskReminder, notification }) => [
      tasks
        .check({ tenantId, taskId })
        .where((attr, { eq }) => `${eq(attr.dueAt, dueAt)} AND ${eq(attr.done, false)}`)
        .commit(),
      taskReminder.create({ tenantId, taskId, dueAt, sentAt: now, ttl }).commit(),
      notification
        .create({
          tenantId,
          userId: task.ownerId,
          notificationId: deps.newId(),
          kind: 'task_due',
          title: `Due now: ${task.title}`,
          taskId,
          ...(task.companyId ? { companyId: task.companyId } : {}),
          createdAt: now,
          ttl,
        })
        .commit(),
    ])
    .go();
  try {
    assertCommitted(result, (index) => new Error(index === 1 ? 'already-sent' : 'stale'));
  } catch (error) {
    const reason = (error as Error).message;
    if (reason === 'already-sent' || reason === 'stale') return reason;
    throw error;
  }
  const { data: owner } = await deps.db.entities.user.get({ tenantId, userId: task.ownerId }).go();
  if (!owner) return 'sent';
  const { timeZone } = await preferencesOf(tenantId, task.ownerId, deps);
  const when = localTime(dueAt, timeZone);
  const link = `${config.webUrl}/tasks`;
  try {
    await deps.sendEmail({
      to: owner.email,
      subject: `Reminder: ${task.title}`,
      text: `${task.title} is due ${when} (${timeZone}).\n\nOpen your tasks: ${link}\n`,
      html: `<p><strong>${escapeHtml(task.title)}</strong> is due ${escapeHtml(when)} (${escapeHtml(timeZone)}).</p><p><a href="${escapeHtml(link)}">Open your tasks</a></p>`,
    });
  } catch (error) {
    logger.error('reminder email failed', { taskId, error: (error as Error).message });
  }
  return 'sent';
}
