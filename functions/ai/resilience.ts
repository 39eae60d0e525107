import { AiUnavailableError } from './provider.js';

/** Resolves after `ms`; the default sleep. Tests inject their own so no test waits on a clock. */
export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Total tries including the first; 1 means no retry. */
  maxAttempts: number;
  /** Backoff ceiling for the first retry; doubles per attempt. */
  baseDelayMs: number;
  /** No computed backoff exceeds this, and a Retry-After longer than `maxRetryAfterMs` ends the retries. */
  maxDelayMs: number;
  /** Longest Retry-After we are willing to wait (default `maxDelayMs`). */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); injected so jitter is deterministic in tests. */
  random?: () => number;
  /** False stops at once and rethrows: a 401 will not fix itself by asking again. */
  isRetryable?: (error: unknown) => boolean;
  /** The server's own "come back in" hint for this error, in ms, if it sent one. */
  retryAfterMs?: (error: unknown) => number | undefined;
  /** Observability hook, called before each sleep. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * The wait before retry number `attempt` (1-based): full jitter over an exponential ceiling
 * (AWS "Exponential Backoff and Jitter"), so a fleet of Lambdas that failed together does not
 * retry together. A server Retry-After is a floor: retrying sooner only earns another 429.
 */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor((options.random ?? Math.random)() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.ceil(retryAfterMs));
}

/**
 * Calls `fn` until it succeeds, the error is not retryable, or attempts run out; the last error is
 * rethrown unchanged so the caller decides how to report it. `fn` gets the 1-based attempt number.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const isRetryable = options.isRetryable ?? (() => true);
  const maxRetryAfterMs = options.maxRetryAfterMs ?? options.maxDelayMs;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      const retryAfter = options.retryAfterMs?.(error);
      // Waiting less than the server asked burns an attempt on a certain 429; give up now and
      // let the error carry the hint to whoever can wait (a queue, the user).
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) throw error;
      const delayMs = backoffDelay(attempt, options, retryAfter);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/**
 * Parses a Retry-After header value: delta-seconds ("120", "1.5") or an HTTP date. Returns ms
 * from `now`, never negative; undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // HTTP dates always name the day and month; without letters V8 would read "-5" as a year.
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  coolDownMs: number;
  now?: () => number;
  /** Names the dependency in the fail-fast error message. */
  name?: string;
}

/**
 * Closed → open after `failureThreshold` consecutive failures → half-open after `coolDownMs`,
 * when exactly one trial call goes through: success closes, failure re-opens for another
 * cool-down. While open, calls fail fast with AiUnavailableError so a struggling provider is
 * not hammered and callers are not kept waiting on timeouts.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  /** Seconds until a trial call will be allowed; 0 when calls are allowed now. */
  retryAfterSeconds(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, Math.ceil((this.openedAt + this.options.coolDownMs - this.now()) / 1000));
  }

  /**
   * Runs `fn` if the circuit allows it. `isFailure` decides which errors count against the
   * provider's health: a rejected key or a malformed answer means the service is up, so those
   * count as successes for the breaker (default: every error counts).
   */
  async run<T>(fn: () => Promise<T>, isFailure: (error: unknown) => boolean = () => true): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) {
      const name = this.options.name ?? 'The AI provider';
      throw new AiUnavailableError(
        `${name} is failing; not calling it for now (circuit open)`,
        Math.max(1, this.retryAfterSeconds()),
      );
    }
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await fn();
      this.recordSuccess();
      return result;
    } catch (error) {
      if (isFailure(error)) this.recordFailure(trial);
      else this.recordSuccess();
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  private recordSuccess(): void {
    this.failures = 0;
    this.openedAt = undefined;
  }

  private recordFailure(trial: boolean): void {
    this.failures++;
    // A failed trial re-opens at once: one probe is all a recovering service should get.
    if (trial || this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }
}
