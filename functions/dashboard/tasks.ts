// TEMPORARY until the tasks slice lands — filled in before this branch merges.
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import type { DashboardView } from './contract.js';
export async function tasksDue(
  _c: TenantContext,
  _now: string,
  _tz: string,
  _d: Deps,
): Promise<DashboardView['tasks']> {
  return { overdue: 0, today: 0, items: [] };
}
