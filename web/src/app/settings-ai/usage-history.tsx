import { settingsApi } from '../../../../functions/settings/contract';
import { cx } from '../../shared/format';
import { formatCostMicros, formatCount, formatMonth } from '../../shared/prompts';
import { useApiQuery } from '../../shared/query';
import { CellLabel, ErrorState, Skeleton } from '../../shared/ui';

const MONTHS = 6;

/** The `count` months up to `month` (YYYY-MM), newest first. */
function lastMonths(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y!, m! - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** The workspace's AI usage month by month (`GET /v1/usage`), months without runs shown as zero. */
export function UsageHistory() {
  const history = useApiQuery(settingsApi.usage, { query: { months: MONTHS } });
  const data = history.data;
  const rows = data
    ? lastMonths(data.current.month, MONTHS).map(
        (month) =>
          data.items.find((i) => i.month === month) ??
          (month === data.current.month
            ? data.current
            : { month, runs: 0, cacheHits: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 }),
      )
    : undefined;

  return (
    <section aria-labelledby="history-title" className="usage-history">
      <div className="section-head">
        <h2 id="history-title" className="section-title">
          The last 6 months
        </h2>
      </div>
      {history.error && !history.data ? (
        <div className="card">
          <ErrorState
            title="The usage history could not be loaded"
            error={history.error}
            onRetry={() => void history.refetch()}
          />
        </div>
      ) : (
        <div className="table-wrap" aria-busy={!rows}>
          <table className="data-table responsive" role="table">
            <caption className="sr-only">AI usage by month, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  Runs
                </th>
                <th scope="col" className="num">
                  Cache hits
                </th>
                <th scope="col" className="num">
                  Tokens in
                </th>
                <th scope="col" className="num">
                  Tokens out
                </th>
                <th scope="col" className="num">
                  Estimated cost
                </th>
              </tr>
            </thead>
            <tbody>
              {!rows
                ? Array.from({ length: MONTHS }, (_, i) => (
                    <tr key={i} className="skeleton-row" role="row">
                      {Array.from({ length: 6 }, (_, j) => (
                        <td key={j} role="cell">
                          <Skeleton width={j === 0 ? '120px' : '60px'} />
                        </td>
                      ))}
                    </tr>
                  ))
                : rows.map((r) => (
                    <tr key={r.month} role="row" className={cx(r.runs === 0 && r.cacheHits === 0 && 'row-quiet')}>
                      <td className="cell-primary" role="cell">
                        {formatMonth(r.month)}
                      </td>
                      {(
                        [
                          ['Runs', formatCount(r.runs)],
                          ['Cache hits', formatCount(r.cacheHits)],
                          ['Tokens in', formatCount(r.inputTokens)],
                          ['Tokens out', formatCount(r.outputTokens)],
                          ['Estimated cost', formatCostMicros(r.costMicros)],
                        ] as const
                      ).map(([label, value]) => (
                        <td key={label} role="cell" className="num">
                          <CellLabel>{label}</CellLabel>
                          {value}
                        </td>
                      ))}
                    </tr>
                  ))}
            </tbody>
          </table>
          {!rows && (
            <span className="sr-only" role="status">
              Loading usage…
            </span>
          )}
        </div>
      )}
    </section>
  );
}
