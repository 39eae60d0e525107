import type { TenantContext } from '../shared/auth-context.js';
import { monthIn, quarterOf } from '../shared/calendar.js';
import type { Deps } from '../shared/deps.js';
import { recentActivity, topUncontactedLeads } from './companies.js';
import type { DashboardView } from './contract.js';
import { pipelineSummary, quarterForecast, monthResults } from './deals.js';
import { tasksDue } from './tasks.js';

/** Every panel of the home page, read in parallel; each is bounded on its own. */
export async function getDashboard(ctx: TenantContext, query: { tz?: string }, deps: Deps): Promise<DashboardView> {
  const timeZone = query.tz ?? 'UTC';
  const now = deps.now();
  const month = monthIn(now, timeZone);
  const quarter = quarterOf(month);
  const [pipeline, forecastQuarter, thisMonth, tasks, activity, topLeads] = await Promise.all([
    pipelineSummary(ctx, deps),
    quarterForecast(ctx, quarter, deps),
    monthResults(ctx, month, timeZone, deps),
    tasksDue(ctx, now, timeZone, deps),
    recentActivity(ctx, deps),
    topUncontactedLeads(ctx, deps),
  ]);
  return {
    generatedAt: now,
    timeZone,
    pipeline,
    forecastQuarter,
    thisMonth,
    tasks,
    recentActivity: activity,
    topLeads,
  };
}
