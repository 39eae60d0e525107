/** Q-2026-0001: the workspace's quote numbers, per calendar year (UTC), four digits at least. */
export const quoteNumber = (year: number, n: number) => `Q-${year}-${String(n).padStart(4, '0')}`;

/** Creates that lost the race for a number try again, up to this many times. */
export const NUMBER_TRIES = 80;

/**
 * A short jittered pause before the next try, growing linearly to 64 ms at most: each round of a
 * race gives one create its number, so long waits only idle the others (50 at once measured
 * 15 s with exponential pauses up to 320 ms on a loaded 2-core machine).
 */
export const numberBackoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 8 * Math.min(attempt, 8)));
