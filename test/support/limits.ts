import type { LimitName, TokenLimit } from '../../functions/shared/limits.js';

/**
 * The per-tenant limits the test cloud runs with (QUOTEFLOW_LIMITS, see functions/shared/limits.ts).
 * A bucket no test run can empty by accident, refilled so slowly (one token per 10 s) that a test
 * which empties it on purpose sees exactly what is left, whatever the machine's load.
 */
export const TEST_LIMITS: Record<LimitName, TokenLimit> = {
  api: { perSecond: 0.1, burst: 100_000 },
  companiesHouse: { perSecond: 0.1, burst: 100_000 },
  openai: { perSecond: 0.1, burst: 100_000 },
};
