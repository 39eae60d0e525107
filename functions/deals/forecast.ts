import type { Deal } from '../data/deal.js';
import type { Pipeline } from '../data/pipeline.js';
import { listAllPipelines } from '../pipelines/service.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ValidationError } from '../shared/errors.js';
import { weightedAmount } from '../shared/money.js';
import type { ForecastView } from './contract.js';
import { MAX_FORECAST_MONTHS, type ForecastQuery } from './schema.js';

export const ROUNDING =
  'Each deal’s weighted value is its value × its probability (the deal’s own, else its stage’s; won deals 100%), rounded half up to a whole minor unit; rows and totals sum those per currency, never across currencies. Lost deals are left out.';

const toIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const toMonth = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The probability a deal counts at: 100% when won, else its own, else its stage's (0 for an unknown stage). */
export function probabilityOf(
  deal: Pick<Deal, 'status' | 'probabilityBps' | 'pipelineId' | 'stageId'>,
  pipelines: Map<string, Pipeline>,
) {
  if (deal.status === 'won') return 10_000;
  if (deal.status === 'lost') return 0;
  if (deal.probabilityBps !== undefined) return deal.probabilityBps;
  return pipelines.get(deal.pipelineId)?.stages.find((s) => s.stageId === deal.stageId)?.probabilityBps ?? 0;
}

/** The months asked for: `from`…`to`, by default this month and the next five. */
function monthRange(query: ForecastQuery, now: string): { from: string; to: string } {
  const current = now.slice(0, 7);
  const from = query.from ?? (query.to ? toMonth(toIndex(query.to) - 5) : current);
  const to = query.to ?? toMonth(toIndex(from) + 5);
  if (toIndex(to) < toIndex(from) || toIndex(to) - toIndex(from) >= MAX_FORECAST_MONTHS)
    throw new ValidationError(`Ask for 1 to ${MAX_FORECAST_MONTHS} months`, [{ path: 'to', message: 'Out of range' }]);
  return { from, to };
}

/**
 * Weighted value by close month, owner and currency for open and won deals closing from `from`
 * to `to`: one range Query on the close-date index (every page: a forecast is a sum) and the
 * pipelines for stage probabilities.
 */
export async function forecast(ctx: TenantContext, query: ForecastQuery, deps: Deps): Promise<ForecastView> {
  const { from, to } = monthRange(query, deps.now());
  const ownerId = query.ownerId;
  const ranged = deps.db.entities.deal.query
    .byCloseDate({ tenantId: ctx.tenantId })
    .between({ expectedCloseDate: `${from}-01` }, { expectedCloseDate: `${toMonth(toIndex(to) + 1)}-01` })
    .where((attr, op) =>
      [op.ne(attr.status, 'lost'), ownerId ? op.eq(attr.ownerId, ownerId) : ''].filter(Boolean).join(' AND '),
    );
  const [{ data: deals }, pipelines] = await Promise.all([
    ranged.go({
      pages: 'all',
      attributes: [
        'expectedCloseDate',
        'ownerId',
        'value',
        'status',
        'probabilityBps',
        'pipelineId',
        'stageId',
        'dealId',
      ],
    }),
    listAllPipelines(ctx, deps),
  ]);
  const byId = new Map(pipelines.map((p) => [p.pipelineId, p]));
  const rows = new Map<string, ForecastView['rows'][number]>();
  const totals = new Map<string, ForecastView['totals'][number]>();
  for (const deal of deals as Deal[]) {
    const month = deal.expectedCloseDate.slice(0, 7);
    // The upper bound is the first of the next month, which a deal closing that day sorts after.
    if (month > to) continue;
    const { currency, amount } = deal.value;
    const weighted = weightedAmount(amount, probabilityOf(deal, byId));
    const rowKey = `${month}|${deal.ownerId}|${currency}`;
    const row = rows.get(rowKey) ?? {
      month,
      ownerId: deal.ownerId,
      currency,
      deals: 0,
      value: { amount: 0, currency },
      weighted: { amount: 0, currency },
    };
    row.deals++;
    row.value.amount += amount;
    row.weighted.amount += weighted;
    rows.set(rowKey, row);
    const total = totals.get(currency) ?? {
      currency,
      deals: 0,
      value: { amount: 0, currency },
      weighted: { amount: 0, currency },
    };
    total.deals++;
    total.value.amount += amount;
    total.weighted.amount += weighted;
    totals.set(currency, total);
  }
  const sortedRows = [...rows.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) || a.ownerId.localeCompare(b.ownerId) || a.currency.localeCompare(b.currency),
  );
  const sortedTotals = [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  return { from, to, rounding: ROUNDING, rows: sortedRows, totals: sortedTotals };
}
