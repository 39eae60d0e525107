import * as z from 'zod';

/**
 * Money is an integer amount of minor units (pence, cents) with its ISO 4217 currency. Rounding
 * is written down once, here: a weighted value (amount × probability in basis points) is rounded
 * half up to a whole minor unit per item, and only then summed. Amounts in different currencies
 * are never added together.
 */
export interface Money {
  amount: number;
  currency: string;
}

/** The largest amount accepted: 1,000,000,000.00 in a two-decimal currency; × 10,000 bps stays an exact double. */
export const MAX_AMOUNT = 100_000_000_000;

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
);

/** An ISO 4217 code, upper case. */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 code like GBP')
  .refine((c) => KNOWN_CURRENCIES.size === 0 || KNOWN_CURRENCIES.has(c), 'Not an ISO 4217 currency');

/** Money as a request sends it: whole minor units, never negative. */
export const moneyInput = z.strictObject({
  amount: z
    .number()
    .int('Use whole minor units (pence, cents)')
    .min(0, 'Cannot be negative')
    .max(MAX_AMOUNT, 'Too large'),
  currency: currencyCode,
});

/** `amount` × `bps` / 10,000, rounded half up to a whole minor unit (amounts are never negative). */
export function weightedAmount(amount: number, bps: number): number {
  return Math.floor((amount * bps + 5_000) / 10_000);
}

/** Sums per currency, currencies in alphabetical order. */
export function sumByCurrency(items: readonly Money[]): Money[] {
  const totals = new Map<string, number>();
  for (const { amount, currency } of items) totals.set(currency, (totals.get(currency) ?? 0) + amount);
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ amount, currency }));
}
