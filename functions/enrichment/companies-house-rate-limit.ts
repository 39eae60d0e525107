import { realSleep } from '../ai/resilience.js';
import { CompaniesHouseError } from './companies-house-errors.js';

/** Companies House allows 600 requests per 5 minutes per key. */
export const COMPANIES_HOUSE_RATE_LIMIT = { limit: 600, windowMs: 5 * 60_000 } as const;

/** No request may be sent for `retryAfterSeconds`: our limiter is full or the server answered 429. */
export class RateLimitedError extends CompaniesHouseError {
  constructor(
    readonly retryAfterSeconds: number,
    readonly source: 'limiter' | 'server',
  ) {
    super(
      source === 'limiter'
        ? `Companies House allows ${COMPANIES_HOUSE_RATE_LIMIT.limit} requests per 5 minutes per key and this key has used them: try again in ${retryAfterSeconds} s`
        : `Companies House is rate limiting this key: try again in ${retryAfterSeconds} s`,
      source === 'server' ? 429 : undefined,
    );
  }
}

export interface SlidingWindowOptions {
  limit: number;
  windowMs: number;
  /** Milliseconds; injected so tests control time. */
  now?: () => number;
}

/**
 * A sliding-window log per key: at most `limit` requests in any `windowMs`. Pure bookkeeping over
 * an injected clock; a slot may be reserved in the future, so concurrent callers queue fairly.
 * It only sees this process (one Lambda container); the server's 429 is the backstop across them.
 */
export class SlidingWindowLimiter {
  private readonly slots = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: SlidingWindowOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until `key` may send (0: now), without taking a slot. */
  delayFor(key: string): number {
    const now = this.now();
    return this.nextSlot(key, now) - now;
  }

  /**
   * Takes the next slot for `key` if it starts within `maxWaitMs`, returning how long to wait
   * for it (0: send now); otherwise takes nothing and throws RateLimitedError.
   */
  reserve(key: string, maxWaitMs = 0): number {
    const now = this.now();
    const at = this.nextSlot(key, now);
    const wait = at - now;
    if (wait > maxWaitMs) {
      const byServer = (this.blocked.get(key) ?? 0) >= at;
      throw new RateLimitedError(Math.max(1, Math.ceil(wait / 1000)), byServer ? 'server' : 'limiter');
    }
    this.slots.get(key)!.push(at);
    return wait;
  }

  /** Reserves a slot and sleeps until it starts. */
  async acquire(
    key: string,
    options: { maxWaitMs?: number; sleep?: (ms: number) => Promise<void> } = {},
  ): Promise<number> {
    const wait = this.reserve(key, options.maxWaitMs ?? 0);
    if (wait > 0) await (options.sleep ?? realSleep)(wait);
    return wait;
  }

  /** The server said stop: no slot for `key` starts in the next `ms`. */
  blockFor(key: string, ms: number): void {
    const until = this.now() + ms;
    this.blocked.set(key, Math.max(until, this.blocked.get(key) ?? 0));
  }

  /** Requests counted in the window ending now (including reserved future slots). */
  used(key: string): number {
    this.prune(key, this.now());
    return this.slots.get(key)?.length ?? 0;
  }

  private prune(key: string, now: number): number[] {
    const log = this.slots.get(key) ?? [];
    const cutoff = now - this.options.windowMs;
    let drop = 0;
    while (drop < log.length && log[drop]! <= cutoff) drop++;
    if (drop > 0) log.splice(0, drop);
    this.slots.set(key, log);
    const until = this.blocked.get(key);
    if (until !== undefined && until <= now) this.blocked.delete(key);
    return log;
  }

  /** The earliest time a new request keeps every window at or under the limit. */
  private nextSlot(key: string, now: number): number {
    const log = this.prune(key, now);
    let at = Math.max(now, this.blocked.get(key) ?? now);
    // Slots are issued in time order, so the limit-th newest one decides when a place frees up.
    if (log.length >= this.options.limit)
      at = Math.max(at, log[log.length - this.options.limit]! + this.options.windowMs);
    return at;
  }
}
