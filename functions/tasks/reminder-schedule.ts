import type { Task } from '../data/task.js';
import type { Deps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { scheduleName, type Scheduler } from '../shared/scheduler.js';

/** What task writes need beyond the table: the scheduler of reminders. */
export interface TaskDeps extends Deps {
  scheduler: Scheduler;
}

/** What a reminder's schedule delivers to the reminder function. */
export type ReminderPayload = {
  tenantId: string;
  taskId: string;
  dueAt: string;
};

/** One schedule per task and due time: moving the due time makes a new one, so an old one can only find a mismatch. */
export const reminderScheduleId = (task: Pick<Task, 'tenantId' | 'taskId' | 'dueAt'>): string =>
  scheduleName('task', task.tenantId, task.taskId, task.dueAt);

/** An open task due in the future is reminded; a done or past one is not. */
const wantsReminder = (task: Task | undefined, now: string): task is Task => !!task && !task.done && task.dueAt > now;

/**
 * Creates the schedule of a task's reminder, before the task is written: a failure refuses the
 * write, and a schedule whose write then fails fires into a task that does not match it.
 */
export async function scheduleReminder(task: Task, deps: TaskDeps): Promise<void> {
  if (!wantsReminder(task, deps.now())) return;
  const payload: ReminderPayload = { tenantId: task.tenantId, taskId: task.taskId, dueAt: task.dueAt };
  await deps.scheduler.createOrUpdate(reminderScheduleId(task), task.dueAt, payload);
}

/**
 * After a write: deletes the schedule `before` had when `after` no longer uses it (done, deleted,
 * moved). Best effort: a schedule left behind fires, finds the task changed, and does nothing.
 */
export async function cancelReminder(before: Task, after: Task | undefined, deps: TaskDeps): Promise<void> {
  const previous = reminderScheduleId(before);
  if (before.done) return;
  if (wantsReminder(after, deps.now()) && reminderScheduleId(after) === previous) return;
  try {
    await deps.scheduler.delete(previous, before.tenantId);
  } catch (error) {
    logger.warn('reminder schedule left behind', { taskId: before.taskId, error: (error as Error).message });
  }
}
