import type { QuoteTotals } from '../../../functions/quotes/pricing';
import { formatMoney, formatQuantity, formatRate, type CustomerLine, type Offer } from './selection';

interface PickerProps {
  offers: Offer[];
  chosen: number | undefined;
  onChoose: (index: number) => void;
  picked: ReadonlySet<string>;
  onPick: (lineId: string, on: boolean) => void;
  error?: string | undefined;
}

/**
 * The tiers as cards to choose from (native radios: arrow keys move between them, one is
 * chosen), side by side on a desktop and stacked on a phone; an untiered quote is one card with
 * no radio. Optional lines are checkboxes under the card's lines.
 */
export function OfferPicker({ offers, chosen, onChoose, picked, onPick, error }: PickerProps) {
  const tiered = offers.length > 1 || offers[0]?.name !== undefined;
  const cards = offers.map((offer, i) => (
    <OfferCard
      key={offer.name ?? 'quote'}
      offer={offer}
      index={i}
      tiered={tiered}
      chosen={chosen === i}
      onChoose={onChoose}
      picked={picked}
      onPick={onPick}
    />
  ));
  if (!tiered) return <section className="qp-offers qp-offers-single">{cards}</section>;
  return (
    <fieldset className="qp-offers" aria-describedby={error ? 'qp-tier-error' : undefined}>
      <legend>Choose an option</legend>
      {error && (
        <p className="qp-field-error" id="qp-tier-error">
          {error}
        </p>
      )}
      <div className="qp-cards" data-count={offers.length}>
        {cards}
      </div>
    </fieldset>
  );
}

function OfferCard(props: {
  offer: Offer;
  index: number;
  tiered: boolean;
  chosen: boolean;
  onChoose: (index: number) => void;
  picked: ReadonlySet<string>;
  onPick: (lineId: string, on: boolean) => void;
}) {
  const { offer, index, tiered, chosen, picked, onPick } = props;
  const included = offer.lines.filter((l) => !l.optional);
  const optional = offer.lines.filter((l) => l.optional && l.lineId !== undefined);
  const id = `qp-offer-${index}`;
  return (
    <div className={`qp-card${chosen ? ' qp-card-chosen' : ''}`}>
      {tiered ? (
        <label className="qp-card-head" htmlFor={id}>
          <input
            type="radio"
            name="tier"
            id={id}
            checked={chosen}
            onChange={() => props.onChoose(index)}
            aria-describedby={`${id}-total`}
          />
          <span className="qp-card-name">{offer.name}</span>
          <span className="qp-card-total" id={`${id}-total`}>
            {formatMoney(offer.totals.total)}
          </span>
        </label>
      ) : (
        <h2 className="qp-card-head qp-card-name">What’s included</h2>
      )}
      <ul className="qp-lines">
        {included.map((line, i) => (
          <LineRow key={line.lineId ?? i} line={line} />
        ))}
      </ul>
      {optional.length > 0 && (
        <div className="qp-optional">
          <p className="qp-optional-title">Optional extras</p>
          {optional.map((line) => {
            const on = picked.has(line.lineId!);
            const boxId = `${id}-opt-${line.lineId}`;
            return (
              <div className="qp-check" key={line.lineId}>
                <input
                  type="checkbox"
                  id={boxId}
                  checked={on}
                  onChange={(e) => {
                    onPick(line.lineId!, e.target.checked);
                    if (tiered && e.target.checked && !chosen) props.onChoose(index);
                  }}
                />
                <label htmlFor={boxId}>
                  <span>Add {line.description}</span>
                  <span className="qp-money">+{formatMoney(line.net)}</span>
                </label>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

function LineRow({ line }: { line: CustomerLine }) {
  return (
    <li className="qp-line">
      <span className="qp-line-text">
        {line.description}
        {line.quantity !== 1 && (
          <span className="qp-line-qty">
            {' '}
            × {formatQuantity(line.quantity)} at {formatMoney(line.unitPrice)}
          </span>
        )}
        {line.discount.amount > 0 && <span className="qp-line-qty"> (−{formatMoney(line.discount)})</span>}
      </span>
      <span className="qp-money">{formatMoney(line.net)}</span>
    </li>
  );
}

/** Subtotal, discount, tax and total with the tax by rate; read out when they change. */
export function TotalsPanel({ totals, title }: { totals: QuoteTotals | undefined; title: string }) {
  return (
    <section className="qp-totals" aria-labelledby="qp-totals-title">
      <h2 id="qp-totals-title">{title}</h2>
      <div aria-live="polite" aria-atomic="true" data-testid="quote-totals">
        {totals ? (
          <dl>
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
            {totals.taxSummary.map((row) => (
              <div key={row.rateBps} className="qp-tax-row">
                <dt>
                  Tax at {formatRate(row.rateBps)} on {formatMoney(row.net)}
                </dt>
                <dd>{formatMoney(row.tax)}</dd>
              </div>
            ))}
            <div className="qp-total">
              <dt>Total</dt>
              <dd>{formatMoney(totals.total)}</dd>
            </div>
          </dl>
        ) : (
          <p className="qp-muted">Choose an option to see your total.</p>
        )}
      </div>
    </section>
  );
}
