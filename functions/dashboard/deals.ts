import type { Deal } from '../data/deal.js';
import { forecast } from '../deals/forecast.js';
import { ensureDefaultPipeline, orderedStages } from '../pipelines/service.js';
import type { TenantContext } from '../shared/auth-context.js';
import { monthIn } from '../shared/calendar.js';
import type { Deps } from '../shared/deps.js';
import { sumByCurrency } from '../shared/money.js';
import type { DashboardView } from './contract.js';

/** Deals read for this month's results: a small seller's whole book; beyond it the panel says less, never wrong sums. */
const MAX_DEALS_READ = 5000;

/** Open deals of the default pipeline, per stage: count and value per currency. */
export async function pipelineSummary(ctx: TenantContext, deps: Deps): Promise<DashboardView['pipeline']> {
  const pipeline = await ensureDefaultPipeline(ctx, deps);
  const { data: deals } = await deps.db.entities.deal.query
    .byPipeline({ tenantId: ctx.tenantId, pipelineId: pipeline.pipelineId })
    .where((attr, op) => op.eq(attr.status, 'open'))
    .go({ pages: 'all', attributes: ['stageId', 'value'] });
  return {
    pipelineId: pipeline.pipelineId,
    name: pipeline.name,
    stages: orderedStages(pipeline)
      .filter((s) => s.kind === 'open')
      .map((s) => {
        const inStage = deals.filter((d) => d.stageId === s.stageId);
        return {
          stageId: s.stageId,
          name: s.name,
          count: inStage.length,
          totals: sumByCurrency(inStage.map((d) => d.value!)),
        };
      }),
  };
}

/** Weighted value of deals expected to close this quarter (won ones at 100%), by month. */
export async function quarterForecast(
  ctx: TenantContext,
  quarter: [string, string, string],
  deps: Deps,
): Promise<DashboardView['forecastQuarter']> {
  const result = await forecast(ctx, { from: quarter[0], to: quarter[2] }, deps);
  return {
    from: quarter[0],
    to: quarter[2],
    weighted: result.totals.map((t) => t.weighted),
    months: quarter.map((month) => ({
      month,
      weighted: sumByCurrency(result.rows.filter((r) => r.month === month).map((r) => r.weighted)),
    })),
  };
}

/** Deals won and lost this month (by when they were closed, in the viewer's time zone). */
export async function monthResults(
  ctx: TenantContext,
  month: string,
  timeZone: string,
  deps: Deps,
): Promise<DashboardView['thisMonth']> {
  const { data } = await deps.db.entities.deal.query
    .byCloseDate({ tenantId: ctx.tenantId })
    .where((attr, op) => `${op.ne(attr.status, 'open')} AND ${op.exists(attr.closedAt)}`)
    .go({ pages: 'all', limit: MAX_DEALS_READ, attributes: ['status', 'closedAt', 'value'] });
  const closed = (data as Pick<Deal, 'status' | 'closedAt' | 'value'>[]).filter(
    (d) => d.closedAt && monthIn(d.closedAt, timeZone) === month,
  );
  const of = (status: 'won' | 'lost') => {
    const deals = closed.filter((d) => d.status === status);
    return { count: deals.length, totals: sumByCurrency(deals.map((d) => d.value)) };
  };
  return { month, won: of('won'), lost: of('lost') };
}
