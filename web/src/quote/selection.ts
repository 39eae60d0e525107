import type { PricedLine, QuoteTotals } from '../../../functions/quotes/pricing';
import { withPicks } from '../../../functions/quotes/pricing';
import type { PublicQuoteView } from '../../../functions/quotes/public-contract';
import type { Money } from '../../../functions/shared/money';

/** A line as the customer sees it (the public view leaves out how the seller priced it). */
export type CustomerLine = NonNullable<PublicQuoteView['lines']>[number];

/** What the customer can pick: one of the tiers, or the one untiered offer (`name` undefined). */
export interface Offer {
  name: string | undefined;
  lines: CustomerLine[];
  totals: QuoteTotals;
}

/** The offers a quote makes: its tiers, or its lines as one offer. */
export function offersOf(view: PublicQuoteView): Offer[] {
  if (view.tiers?.length) return view.tiers.map((t) => ({ name: t.name, lines: t.lines, totals: t.totals }));
  if (view.lines && view.totals) return [{ name: undefined, lines: view.lines, totals: view.totals }];
  return [];
}

/** The optional lines the seller ticked in advance (they count when the page opens). */
export const initialPicks = (view: PublicQuoteView): Set<string> =>
  new Set(
    offersOf(view)
      .flatMap((o) => o.lines)
      .filter((l) => l.optional && l.counts && l.lineId !== undefined)
      .map((l) => l.lineId!),
  );

/**
 * An offer with the customer's picks: the server's own `withPicks` (functions/quotes/pricing.ts),
 * so the total shown is the total accepted. It reads only the lines' figures and `optional`,
 * `lineId`; the pricing provenance the public view leaves out is never looked at.
 */
export function withCustomerPicks(offer: Offer, picked: ReadonlySet<string>, currency: string): Offer {
  const result = withPicks(offer.lines as unknown as PricedLine[], picked, currency);
  return { name: offer.name, lines: result.lines as unknown as CustomerLine[], totals: result.totals };
}

/** The optional lines of an offer the customer picked: what `optionalLineIds` sends. */
export const pickedIn = (offer: Offer, picked: ReadonlySet<string>): string[] =>
  offer.lines.filter((l) => l.optional && l.lineId !== undefined && picked.has(l.lineId)).map((l) => l.lineId!);

const digitsOf = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** "£1,200.00" from minor units, in the reader's locale. */
export function formatMoney(m: Money): string {
  const major = m.amount / 10 ** digitsOf(m.currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(major);
  } catch {
    return `${major.toFixed(2)} ${m.currency}`;
  }
}

/** "20%" (or "12.5%") from basis points. */
export const formatRate = (bps: number): string => `${bps / 100}%`;

/** "2.5" and "1": a quantity as typed, without trailing zeros. */
export const formatQuantity = (q: number): string => String(Number(q.toFixed(4)));
