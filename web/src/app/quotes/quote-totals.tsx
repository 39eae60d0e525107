import type { QuoteTotals } from '../../../../functions/quotes/pricing';
import { formatBps, formatMoney } from '../deals/money';

/** A scope's totals: subtotal, discount, tax by rate, total. `live`: priced in the browser, not yet saved. */
export function TotalsPanel({
  totals,
  label,
  live,
}: {
  totals: QuoteTotals | undefined;
  label: string;
  live: boolean;
}) {
  if (!totals) return <p className="muted totals-panel">Totals show once every line has a price.</p>;
  return (
    <dl className="totals-panel" aria-label={`Totals of ${label}`} data-testid={`totals-${label}`}>
      <div>
        <dt>Subtotal</dt>
        <dd>{formatMoney(totals.subtotal)}</dd>
      </div>
      {totals.discount.amount > 0 && (
        <div>
          <dt>Discount</dt>
          <dd>−{formatMoney(totals.discount)}</dd>
        </div>
      )}
      {totals.taxSummary.map((t) => (
        <div key={t.rateBps}>
          <dt>
            Tax {formatBps(t.rateBps)} <span className="muted">on {formatMoney(t.net)}</span>
          </dt>
          <dd>{formatMoney(t.tax)}</dd>
        </div>
      ))}
      <div className="totals-total">
        <dt>Total</dt>
        <dd data-testid="total">{formatMoney(totals.total)}</dd>
      </div>
      <p className="muted totals-note">{live ? 'Live: not saved yet' : 'Saved: as the server priced it'}</p>
    </dl>
  );
}
