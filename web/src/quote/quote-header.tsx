import type { PublicQuoteView } from '../../../functions/quotes/public-contract';

/** "31 December 2099" from an ISO date (a calendar day: no time zone shift). */
export const dateOf = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );

/** The seller's bar in their accent colour. */
export function SellerBar({ seller }: { seller: PublicQuoteView['seller'] }) {
  return (
    <header className="qp-seller" style={{ background: seller.accentColour }}>
      <div className="qp-wrap">
        <span className="qp-seller-name">{seller.name}</span>
      </div>
    </header>
  );
}

/** Number, title, who it is for and how long it stands. */
export function QuoteHeading({ view }: { view: PublicQuoteView }) {
  return (
    <div className="qp-heading">
      <p className="qp-number">
        Quote {view.number}
        {view.revision > 1 ? ` · version ${view.revision}` : ''}
      </p>
      <h1>{view.title}</h1>
      <dl className="qp-facts">
        <div>
          <dt>For</dt>
          <dd>
            {view.companyName}
            {view.contactName ? ` · ${view.contactName}` : ''}
          </dd>
        </div>
        {view.validUntil && (
          <div>
            <dt>Valid until</dt>
            <dd>{dateOf(view.validUntil)}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
