// TEMPORARY until the deals slice lands — filled in before this branch merges.
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import type { DashboardView } from './contract.js';
export async function pipelineSummary(_c: TenantContext, _d: Deps): Promise<DashboardView['pipeline']> {
  return null;
}
export async function quarterForecast(
  _c: TenantContext,
  q: [string, string, string],
  _tz: string,
  _d: Deps,
): Promise<DashboardView['forecastQuarter']> {
  return { from: q[0], to: q[2], weighted: [], months: q.map((month) => ({ month, weighted: [] })) };
}
export async function monthResults(
  _c: TenantContext,
  month: string,
  _tz: string,
  _d: Deps,
): Promise<DashboardView['thisMonth']> {
  return { month, won: { count: 0, totals: [] }, lost: { count: 0, totals: [] } };
}
