import type { Money } from '../shared/money.js';
import type { PricedQuote, QuoteTotals } from './pricing.js';

/**
 * When a quote needs an owner or admin to approve it before it can be sent. A quote that
 * breaks none of the rules is approved by submitting it.
 */
export interface ApprovalPolicy {
  /** A line whose discount is more than this share of its gross (bundle discounts included). */
  maxLineDiscountBps: number;
  /** A total above this, per currency; a quote in a currency not listed always needs approval. */
  maxTotal: readonly Money[];
}

/** Any line discount over 15 % or a total over £10,000 (and about the same in euros and dollars). */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  maxLineDiscountBps: 1_500,
  maxTotal: [
    { amount: 1_000_000, currency: 'GBP' },
    { amount: 1_150_000, currency: 'EUR' },
    { amount: 1_250_000, currency: 'USD' },
  ],
};

const format = (m: Money) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: m.currency }).format(m.amount / 100);

/** Every tier's totals, or the untiered quote's. */
export const allTotals = (priced: PricedQuote): { name?: string; totals: QuoteTotals }[] =>
  'tiers' in priced && priced.tiers ? priced.tiers : [{ totals: (priced as { totals: QuoteTotals }).totals }];

/** Why this priced quote needs approval under the policy; empty when it does not. */
export function approvalReasons(priced: PricedQuote, currency: string, policy = DEFAULT_APPROVAL_POLICY): string[] {
  const reasons: string[] = [];
  const lines = 'tiers' in priced && priced.tiers ? priced.tiers.flatMap((t) => t.lines) : (priced.lines ?? []);
  const over = lines.filter(
    (l) => l.gross.amount > 0 && l.discount.amount * 10_000 > l.gross.amount * policy.maxLineDiscountBps,
  );
  if (over.length > 0) {
    const pct = policy.maxLineDiscountBps / 100;
    reasons.push(
      over.length === 1
        ? `“${over[0]!.description}” is discounted by more than ${pct}%`
        : `${over.length} lines are discounted by more than ${pct}%`,
    );
  }
  const limit = policy.maxTotal.find((m) => m.currency === currency);
  const highest = Math.max(0, ...allTotals(priced).map((t) => t.totals.total.amount));
  if (!limit) reasons.push(`Quotes in ${currency} always need approval`);
  else if (highest > limit.amount) reasons.push(`The total is over ${format(limit)}`);
  return reasons;
}
