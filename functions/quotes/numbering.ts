/** Q-2026-0001: the workspace's quote numbers, per calendar year (UTC), four digits at least. */
export const quoteNumber = (year: number, n: number) => `Q-${year}-${String(n).padStart(4, '0')}`;

/** Creates that lost the race for a number try again, up to this many times. */
export const NUMBER_TRIES = 80;

/** A jittered pause before the next try, growing to about a third of a second. */
export const numberBackoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 5)));
