import type { Db } from '../../functions/data/service.js';
import type { FunctionName } from '../manifest.js';
import { invokeInProcess, type LoadHandler } from './lambda-runtime.js';

/** How often the local scheduler looks for due schedules: reminders land within a second or two. */
const POLL_MS = 1000;
/** Schedules read per page, and pages per poll; the rest wait for the next poll. */
const BATCH = 100;
const MAX_PAGES = 5;

/**
 * Fires every local schedule due at `now` (functions/shared/scheduler.ts's table scheduler), as
 * EventBridge Scheduler would: invokes its target with its payload, then deletes it unless it was
 * moved meanwhile. A failed invocation stays and is tried again at the next poll. Two pollers may
 * fire one schedule twice, as Scheduler may deliver twice: the targets are idempotent.
 */
export async function runDueSchedules(options: {
  db: Db;
  now: string;
  invoke: (target: string, payload: unknown) => Promise<unknown>;
  log?: (line: string) => void;
}): Promise<number> {
  const { db, now } = options;
  // The key continues past `at` (`…#tenantid_…`): "due by now" is "before the next millisecond".
  const nextMs = new Date(Date.parse(now) + 1).toISOString();
  const { data: due } = await db.entities.localSchedule.query
    .byDue({ lane: 'due' })
    .lt({ at: nextMs })
    .go({ count: BATCH, pages: MAX_PAGES });
  let fired = 0;
  for (const schedule of due) {
    if (schedule.at > now) continue;
    try {
      await options.invoke(schedule.target, schedule.payload);
      fired++;
    } catch (error) {
      options.log?.(`Schedule ${schedule.scheduleId} failed: ${(error as Error).message}`);
      continue;
    }
    await db.entities.localSchedule
      .delete({ tenantId: schedule.tenantId, scheduleId: schedule.scheduleId })
      .where((attr, { eq }) => eq(attr.at, schedule.at))
      .go()
      .catch(() => undefined);
  }
  return fired;
}

/** The local cloud's scheduler: polls the table for due one-time schedules and invokes their functions in-process. */
export function startLocalScheduler(options: {
  region: string;
  loadHandler: LoadHandler;
  log: (line: string) => void;
}): {
  stop(): Promise<void>;
} {
  let running: Promise<unknown> | undefined;
  const db = import('../../functions/data/service.js').then((m) => m.db);
  const invoke = (target: string, payload: unknown) =>
    invokeInProcess({ fn: target as FunctionName, load: options.loadHandler, event: payload, region: options.region });
  const timer = setInterval(() => {
    if (running) return;
    running = db
      .then((table) => runDueSchedules({ db: table, now: new Date().toISOString(), invoke, log: options.log }))
      .catch((error: unknown) => options.log(`Local scheduler failed: ${(error as Error).message}`))
      .finally(() => (running = undefined));
  }, POLL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
