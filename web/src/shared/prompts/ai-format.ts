const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dollars = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const smallDollars = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "12,345". */
export const formatCount = (n: number): string => integer.format(n);

/** A cost in USD millionths: "$1.23", or "$0.0012" for fractions of a cent. */
export function formatCostMicros(micros: number): string {
  const value = micros / 1_000_000;
  return value > 0 && value < 0.01 ? smallDollars.format(value) : dollars.format(value);
}

/** An amount in US cents: "$20.00". */
export const formatCents = (cents: number): string => dollars.format(cents / 100);

/** "2026-11" → "November 2026". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return monthName.format(new Date(Date.UTC(y, m - 1, 1)));
}

/** The current month as YYYY-MM (UTC, like the API's usage months). */
export const currentMonth = (): string => new Date().toISOString().slice(0, 7);

/** "850 ms", "2.4 s". */
export const formatDuration = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

/** What to call the provider that answered: the offline rules are "Offline analysis". */
export const providerLabel = (provider: string): string =>
  provider === 'offline' ? 'Offline analysis' : provider === 'openai' ? 'OpenAI' : provider;
