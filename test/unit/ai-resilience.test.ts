import { describe, expect, it } from 'vitest';
import { AiUnavailableError } from '../../functions/ai/provider.js';
import { backoffDelay, CircuitBreaker, parseRetryAfter, withRetry } from '../../functions/ai/resilience.js';

class Transient extends Error {
  constructor(readonly retryAfterMs?: number) {
    super('transient');
  }
}
class Permanent extends Error {}

/** A function that throws the given errors in turn, then returns 'ok'. */
function failing(...errors: Error[]) {
  const calls: number[] = [];
  const fn = async (attempt: number) => {
    calls.push(attempt);
    const error = errors.shift();
    if (error) throw error;
    return 'ok';
  };
  return { fn, calls };
}

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

const base = {
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  isRetryable: (e: unknown) => e instanceof Transient,
  retryAfterMs: (e: unknown) => (e instanceof Transient ? e.retryAfterMs : undefined),
};

describe('withRetry', () => {
  it('retries transient failures with full-jitter exponential backoff, then returns the result', async () => {
    const { fn, calls } = failing(new Transient(), new Transient(), new Transient());
    const { sleeps, sleep } = recorder();
    const result = await withRetry(fn, { ...base, maxAttempts: 5, sleep, random: () => 0.5 });
    expect(result).toBe('ok');
    expect(calls).toEqual([1, 2, 3, 4]);
    // half of the ceilings 100, 200, 400
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('never exceeds maxDelayMs and spreads delays over [0, ceiling)', async () => {
    expect(backoffDelay(10, { baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999 })).toBe(999);
    expect(backoffDelay(1, { baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0 })).toBe(0);
  });

  it('rethrows the last error once attempts run out, without a final pointless sleep', async () => {
    const last = new Transient();
    const { fn, calls } = failing(new Transient(), last, new Transient());
    const { sleeps, sleep } = recorder();
    await expect(withRetry(fn, { ...base, maxAttempts: 2, sleep, random: () => 0 })).rejects.toBe(last);
    expect(calls).toEqual([1, 2]);
    expect(sleeps).toHaveLength(1);
  });

  it('does not retry an error that is not retryable', async () => {
    const permanent = new Permanent('nope');
    const { fn, calls } = failing(permanent);
    const { sleeps, sleep } = recorder();
    await expect(withRetry(fn, { ...base, maxAttempts: 5, sleep })).rejects.toBe(permanent);
    expect(calls).toEqual([1]);
    expect(sleeps).toEqual([]);
  });

  it('treats a Retry-After as the minimum delay', async () => {
    const { fn } = failing(new Transient(700));
    const { sleeps, sleep } = recorder();
    await withRetry(fn, { ...base, maxAttempts: 2, sleep, random: () => 0.1 });
    expect(sleeps).toEqual([700]);
  });

  it('keeps the jittered delay when it is already longer than the Retry-After', async () => {
    const { fn } = failing(new Transient(0), new Transient(0), new Transient(0));
    const { sleeps, sleep } = recorder();
    await withRetry(fn, { ...base, maxAttempts: 4, sleep, random: () => 0.5 });
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('gives up at once when the server asks for a longer wait than the cap', async () => {
    const slow = new Transient(60_000);
    const { fn, calls } = failing(slow);
    const { sleeps, sleep } = recorder();
    await expect(withRetry(fn, { ...base, maxAttempts: 3, maxRetryAfterMs: 5_000, sleep })).rejects.toBe(slow);
    expect(calls).toEqual([1]);
    expect(sleeps).toEqual([]);
  });

  it('reports each retry to onRetry', async () => {
    const { fn } = failing(new Transient());
    const seen: { attempt: number; delayMs: number }[] = [];
    await withRetry(fn, {
      ...base,
      maxAttempts: 2,
      sleep: async () => {},
      random: () => 0.5,
      onRetry: ({ attempt, delayMs }) => seen.push({ attempt, delayMs }),
    });
    expect(seen).toEqual([{ attempt: 1, delayMs: 50 }]);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('reads delta-seconds, including fractions', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unparseable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('CircuitBreaker', () => {
  function setup(failureThreshold = 3, coolDownMs = 10_000) {
    const clock = { t: 1_000_000 };
    const breaker = new CircuitBreaker({ failureThreshold, coolDownMs, now: () => clock.t, name: 'Test AI' });
    const calls = { n: 0 };
    const ok = async () => {
      calls.n++;
      return 'ok';
    };
    const boom = async () => {
      calls.n++;
      throw new Error('boom');
    };
    return { clock, breaker, calls, ok, boom };
  }

  it('opens after N consecutive failures and then fails fast without calling', async () => {
    const { breaker, calls, boom, ok } = setup(3);
    for (let i = 0; i < 3; i++) await expect(breaker.run(boom)).rejects.toThrow('boom');
    expect(breaker.state).toBe('open');
    expect(calls.n).toBe(3);

    const error = await breaker.run(ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).retryAfterSeconds).toBe(10);
    expect((error as AiUnavailableError).message).toMatch(/Test AI.*circuit open/);
    expect(calls.n).toBe(3);
  });

  it('counts only consecutive failures: a success resets the count', async () => {
    const { breaker, boom, ok } = setup(3);
    await breaker.run(boom).catch(() => {});
    await breaker.run(boom).catch(() => {});
    await breaker.run(ok);
    await breaker.run(boom).catch(() => {});
    await breaker.run(boom).catch(() => {});
    expect(breaker.state).toBe('closed');
  });

  it('ignores errors that isFailure says are not about availability', async () => {
    const { breaker, boom } = setup(2);
    for (let i = 0; i < 5; i++) await breaker.run(boom, () => false).catch(() => {});
    expect(breaker.state).toBe('closed');
  });

  it('counts down retryAfterSeconds while open and half-opens after the cool-down', async () => {
    const { clock, breaker, boom } = setup(1, 10_000);
    await breaker.run(boom).catch(() => {});
    clock.t += 4_500;
    expect(breaker.state).toBe('open');
    expect(breaker.retryAfterSeconds()).toBe(6);
    clock.t += 5_500;
    expect(breaker.state).toBe('half-open');
  });

  it('lets exactly one trial call through when half-open; success closes the circuit', async () => {
    const { clock, breaker, calls, boom } = setup(1, 10_000);
    await breaker.run(boom).catch(() => {});
    clock.t += 10_000;

    let release!: (v: string) => void;
    const trial = breaker.run(() => {
      calls.n++;
      return new Promise<string>((resolve) => (release = resolve));
    });
    // A concurrent call while the trial is in flight is refused.
    await expect(breaker.run(async () => 'second')).rejects.toBeInstanceOf(AiUnavailableError);
    release('trial ok');
    await expect(trial).resolves.toBe('trial ok');
    expect(breaker.state).toBe('closed');
    expect(calls.n).toBe(2);
  });

  it('re-opens for a full cool-down when the trial call fails', async () => {
    const { clock, breaker, boom, ok } = setup(3, 10_000);
    for (let i = 0; i < 3; i++) await breaker.run(boom).catch(() => {});
    clock.t += 10_000;
    await expect(breaker.run(boom)).rejects.toThrow('boom');
    expect(breaker.state).toBe('open');
    expect(breaker.retryAfterSeconds()).toBe(10);
    await expect(breaker.run(ok)).rejects.toBeInstanceOf(AiUnavailableError);
    clock.t += 10_000;
    await expect(breaker.run(ok)).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });
});
