import { Link, useSearchParams } from 'react-router-dom';
import { settingsApi, type TenantAiUsageView } from '../../../functions/settings/contract';
import { adminUsageQuerySchema } from '../../../functions/settings/schema';
import { useDocumentTitle } from '../shared/hooks';
import { currentMonth, formatCostMicros, formatCount, formatMonth } from '../shared/prompts';
import { useApiQuery } from '../shared/query';
import { Button, CellLabel, EmptyState, ErrorState, PageHeading, Skeleton } from '../shared/ui';

/** A month the API takes (`2026-11`). */
const isMonth = (value: string) => !!value && adminUsageQuerySchema.safeParse({ month: value }).success;

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1 + by, 1)).toISOString().slice(0, 7);
}

/** `/usage?month=YYYY-MM`: every tenant's AI runs, tokens and estimated cost in a month, costliest first. */
export function UsagePage() {
  useDocumentTitle('AI usage');
  const [params, setParams] = useSearchParams();
  const now = currentMonth();
  const asked = params.get('month') ?? '';
  const month = isMonth(asked) ? asked : now;
  const usage = useApiQuery(settingsApi.platformUsage, { query: { month } });
  const pick = (value: string) => {
    if (isMonth(value)) setParams(value === now ? {} : { month: value }, { replace: true });
  };
  const items = usage.data ? [...usage.data.items].sort((a, b) => b.costMicros - a.costMicros) : undefined;
  const total = (key: keyof Omit<TenantAiUsageView, 'tenantId' | 'tenantName'>) =>
    (items ?? []).reduce((sum, i) => sum + i[key], 0);
  const columns = [
    ['Runs', 'runs'],
    ['Cache hits', 'cacheHits'],
    ['Tokens in', 'inputTokens'],
    ['Tokens out', 'outputTokens'],
  ] as const;

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>AI usage</PageHeading>
          <p className="page-sub">Each tenant’s AI runs and estimated cost in a month (UTC), costliest first.</p>
        </div>
        <div className="month-picker">
          <Button size="sm" variant="ghost" onClick={() => pick(shift(month, -1))} aria-label="Previous month">
            <span aria-hidden="true">‹</span>
          </Button>
          <label className="sr-only" htmlFor="usage-month">
            Month
          </label>
          <input
            id="usage-month"
            className="input"
            type="month"
            value={month}
            max={now}
            onChange={(e) => pick(e.target.value)}
          />
          <Button
            size="sm"
            variant="ghost"
            onClick={() => pick(shift(month, 1))}
            disabled={month >= now}
            aria-label="Next month"
          >
            <span aria-hidden="true">›</span>
          </Button>
        </div>
      </div>

      {usage.error && !usage.data ? (
        <div className="card">
          <ErrorState title="The usage could not be loaded" error={usage.error} onRetry={() => void usage.refetch()} />
        </div>
      ) : items && items.length === 0 ? (
        <div className="card">
          <EmptyState title={`No AI usage in ${formatMonth(month)}`}>
            No tenant ran an analysis or a prompt test that month.
          </EmptyState>
        </div>
      ) : (
        <div className="table-wrap" aria-busy={!items}>
          <table className="data-table responsive usage-table" role="table">
            <caption className="sr-only">
              AI usage per tenant in {formatMonth(month)}, highest estimated cost first
            </caption>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                {columns.map(([label]) => (
                  <th key={label} scope="col" className="num">
                    {label}
                  </th>
                ))}
                <th scope="col" className="num" aria-sort="descending">
                  Estimated cost
                </th>
              </tr>
            </thead>
            <tbody>
              {!items
                ? Array.from({ length: 4 }, (_, i) => (
                    <tr key={i} className="skeleton-row" role="row">
                      {Array.from({ length: 6 }, (_, j) => (
                        <td key={j} role="cell">
                          <Skeleton width={j === 0 ? '160px' : '60px'} />
                        </td>
                      ))}
                    </tr>
                  ))
                : items.map((u) => (
                    <tr key={u.tenantId} role="row" className="clickable">
                      <td className="cell-primary" role="cell">
                        <Link className="row-link" to={`/tenants/${encodeURIComponent(u.tenantId)}`}>
                          {u.tenantName}
                        </Link>
                      </td>
                      {columns.map(([label, key]) => (
                        <td key={key} role="cell" className="num">
                          <CellLabel>{label}</CellLabel>
                          {formatCount(u[key])}
                        </td>
                      ))}
                      <td role="cell" className="num">
                        <CellLabel>Estimated cost</CellLabel>
                        <strong>{formatCostMicros(u.costMicros)}</strong>
                      </td>
                    </tr>
                  ))}
            </tbody>
            {items && items.length > 1 && (
              <tfoot>
                <tr role="row">
                  <th scope="row" role="rowheader">
                    All {items.length} tenants
                  </th>
                  {columns.map(([label, key]) => (
                    <td key={key} role="cell" className="num">
                      <CellLabel>{label}</CellLabel>
                      {formatCount(total(key))}
                    </td>
                  ))}
                  <td role="cell" className="num">
                    <CellLabel>Estimated cost</CellLabel>
                    <strong>{formatCostMicros(total('costMicros'))}</strong>
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
          {!items && (
            <span className="sr-only" role="status">
              Loading usage…
            </span>
          )}
        </div>
      )}
    </>
  );
}
