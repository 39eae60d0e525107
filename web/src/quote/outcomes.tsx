import type { ReactNode } from 'react';
import type { PublicQuoteView } from '../../../functions/quotes/public-contract';
import { TotalsPanel } from './offers';
import { QuoteHeading, SellerBar } from './quote-header';
import { formatMoney, offersOf } from './selection';

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

/** A page with no quote to show (a bad link, a failure): a heading, a sentence, nothing else. */
export function MessagePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="qp-wrap qp-message">
      <h1>{title}</h1>
      {children}
    </main>
  );
}

export const InvalidLinkPage = () => (
  <MessagePage title="This link is not valid">
    <p>
      The link may be incomplete or mistyped. Open it again from the email you were sent, or ask the person who sent you
      the quote for a new link.
    </p>
  </MessagePage>
);

export function PdfLink({ view }: { view: PublicQuoteView }) {
  if (!view.pdfUrl) return null;
  return (
    <a className="qp-button qp-button-quiet qp-pdf" href={view.pdfUrl} target="_blank" rel="noopener">
      Download PDF
    </a>
  );
}

/** A quote already answered or no longer open: its header, what happened and what to do now. */
function Closed({ view, title, children }: { view: PublicQuoteView; title: string; children: ReactNode }) {
  return (
    <>
      <SellerBar seller={view.seller} />
      <main className="qp-wrap">
        <QuoteHeading view={view} />
        <section className="qp-outcome" aria-labelledby="qp-outcome-title">
          <h2 id="qp-outcome-title">{title}</h2>
          {children}
        </section>
      </main>
    </>
  );
}

export function AcceptedPage({ view }: { view: PublicQuoteView }) {
  const offer = offersOf(view)[0];
  const taken = offer?.lines.filter((l) => l.counts) ?? [];
  return (
    <Closed view={view} title="Thank you: quote accepted">
      <p>
        {view.acceptedBy ?? 'You'} accepted {view.chosenTier ? `the ${view.chosenTier} option` : 'this quote'}
        {view.acceptedTotal ? ` for ${formatMoney(view.acceptedTotal)}` : ''}
        {view.acceptedAt ? ` on ${when(view.acceptedAt)}` : ''}. {view.seller.name} has been told and will be in touch.
      </p>
      {taken.length > 0 && (
        <ul className="qp-lines">
          {taken.map((l, i) => (
            <li className="qp-line" key={l.lineId ?? i}>
              <span className="qp-line-text">{l.description}</span>
              <span className="qp-money">{formatMoney(l.net)}</span>
            </li>
          ))}
        </ul>
      )}
      {offer && <TotalsPanel totals={offer.totals} title="What you accepted" />}
      <PdfLink view={view} />
      {!view.pdfUrl && (
        <p className="qp-muted">The signed PDF is being prepared: reload this page in a minute to download it.</p>
      )}
    </Closed>
  );
}

export const DeclinedPage = ({ view }: { view: PublicQuoteView }) => (
  <Closed view={view} title="You declined this quote">
    <p>
      {view.seller.name} has been told{view.declinedAt ? ` (${when(view.declinedAt)})` : ''}. If you change your mind,
      ask them for a new quote.
    </p>
  </Closed>
);

export const ExpiredPage = ({ view, detail }: { view: PublicQuoteView; detail?: string | undefined }) => (
  <Closed view={view} title="This quote can no longer be accepted">
    <p>
      {detail ??
        `It has expired or been replaced by a newer version. Ask ${view.seller.name} for a new quote or the latest link.`}
    </p>
  </Closed>
);
