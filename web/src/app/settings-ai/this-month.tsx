import type { AiUsageSnapshotView } from '../../../../functions/settings/contract';
import { cx } from '../../shared/format';
import { formatCents, formatCostMicros, formatCount, formatMonth } from '../../shared/prompts';

/** This month's runs, cache hits, tokens and estimated cost, with a bar of cost against the budget. */
export function ThisMonth({ usage }: { usage: AiUsageSnapshotView }) {
  const budgetMicros = usage.budgetCents * 10_000;
  const ratio = budgetMicros > 0 ? usage.costMicros / budgetMicros : usage.costMicros > 0 ? 1 : 0;
  const percent = Math.min(100, Math.round(ratio * 100));
  const tone = ratio >= 1 ? 'danger' : ratio >= 0.8 ? 'warning' : 'ok';
  const valueText = `${formatCostMicros(usage.costMicros)} of ${formatCents(usage.budgetCents)} (${percent}%)`;
  return (
    <section className="card card-pad stack" aria-labelledby="month-title">
      <h2 id="month-title" className="section-title">
        This month <span className="muted">({formatMonth(usage.month)})</span>
      </h2>
      <div>
        <div className="usage-bar-label">
          <span>Estimated cost</span>
          <span>
            <strong>{formatCostMicros(usage.costMicros)}</strong> of {formatCents(usage.budgetCents)}
          </span>
        </div>
        <div
          className={cx('usage-bar', `usage-bar-${tone}`)}
          role="progressbar"
          aria-label="Estimated cost against the monthly budget"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={valueText}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
        {tone === 'danger' && (
          <p className="field-error usage-bar-note">
            <span aria-hidden="true">⚠ </span>The budget is used up: new AI runs are paused until next month, or until
            the budget is raised.
          </p>
        )}
        {tone === 'warning' && <p className="usage-bar-note warning-text">Over 80% of the budget is used.</p>}
      </div>
      <dl className="usage-stats">
        {(
          [
            ['Runs', formatCount(usage.runs)],
            ['Cache hits', formatCount(usage.cacheHits)],
            ['Tokens in', formatCount(usage.inputTokens)],
            ['Tokens out', formatCount(usage.outputTokens)],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
