import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { localDay } from '../tasks/due.js';
import type { DashboardView } from './contract.js';

const TASKS_SHOWN = 6;

/** The caller's open tasks due by the end of their today: counts of overdue and today, the soonest first. */
export async function tasksDue(
  ctx: TenantContext,
  now: string,
  timeZone: string,
  deps: Deps,
): Promise<DashboardView['tasks']> {
  const day = localDay(now, timeZone);
  const { data } = await deps.db.entities.task.query
    .byOwner({ tenantId: ctx.tenantId, ownerId: ctx.userId })
    .lt({ dueAt: day.end })
    .where((attr, op) => op.eq(attr.done, false))
    .go({ pages: 'all', attributes: ['taskId', 'title', 'dueAt', 'companyId'] });
  const items = data.map((t) => ({
    taskId: t.taskId!,
    title: t.title!,
    dueAt: t.dueAt!,
    overdue: t.dueAt! < day.start,
    // Stored as '' when unlinked (the sparse company index).
    ...(t.companyId ? { companyId: t.companyId } : {}),
  }));
  const overdue = items.filter((t) => t.overdue).length;
  return { overdue, today: items.length - overdue, items: items.slice(0, TASKS_SHOWN) };
}
