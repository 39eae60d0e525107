import { db } from '../data/service.js';
import { HttpError } from './errors.js';
import type { RateLimit } from './contract.js';

/** 429 with the seconds until the caller's window ends. */
export class RateLimitedError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(
      429,
      'https://quoteflow.app/problems/rate-limited',
      'Too many requests',
      `Try again in ${retryAfterSeconds} s`,
      undefined,
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

/**
 * Counts one request against a fixed window per scope (route + caller) and refuses it once the
 * window is full. One conditional-free ADD per request: the count may overshoot under a burst,
 * but every request past the limit is refused, which is all a public route needs.
 */
export async function consumeRateLimit(scope: string, limit: RateLimit, nowMs = Date.now()): Promise<void> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  const ttl = Math.ceil((windowStart + windowMs) / 1000) + 60;
  const result = await db.entities.rateLimitWindow
    .update({ scope, windowStart })
    .add({ count: 1 })
    .set({ ttl })
    .go({ response: 'all_new' });
  if ((result.data.count ?? 0) > limit.requests) {
    throw new RateLimitedError(Math.max(1, Math.ceil((windowStart + windowMs - nowMs) / 1000)));
  }
}
