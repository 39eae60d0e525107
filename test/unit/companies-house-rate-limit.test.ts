import { describe, expect, it } from 'vitest';
import { normaliseCompanyNumber } from '../../functions/enrichment/companies-house-client.js';
import {
  describeFiling,
  formatOfficerName,
  splitOfficerName,
} from '../../functions/enrichment/companies-house-format.js';
import {
  COMPANIES_HOUSE_RATE_LIMIT,
  RateLimitedError,
  SlidingWindowLimiter,
} from '../../functions/enrichment/companies-house-rate-limit.js';

const MINUTE = 60_000;

/** A limiter on a hand-driven clock; `sleep` advances the clock instead of waiting. */
function setup(
  limit: number = COMPANIES_HOUSE_RATE_LIMIT.limit,
  windowMs: number = COMPANIES_HOUSE_RATE_LIMIT.windowMs,
) {
  const clock = { now: 1_700_000_000_000 };
  const sleeps: number[] = [];
  const limiter = new SlidingWindowLimiter({ limit, windowMs, now: () => clock.now });
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.now += ms;
  };
  return { clock, limiter, sleeps, sleep };
}

function rateLimited(fn: () => unknown): RateLimitedError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RateLimitedError);
    return error as RateLimitedError;
  }
  throw new Error('expected a RateLimitedError');
}

describe('SlidingWindowLimiter (Companies House: 600 per 5 minutes per key)', () => {
  it('lets 600 requests through in one instant and refuses the 601st for the whole window', () => {
    const { limiter } = setup();
    for (let i = 0; i < 600; i++) expect(limiter.reserve('key')).toBe(0);
    expect(limiter.used('key')).toBe(600);
    const error = rateLimited(() => limiter.reserve('key'));
    expect(error.retryAfterSeconds).toBe(300);
    expect(error.source).toBe('limiter');
    expect(error.message).toMatch(/600 requests per 5 minutes/);
    expect(limiter.used('key')).toBe(600); // a refusal takes no slot
  });

  it('counts down retryAfter as time passes and frees the slot exactly when the first request leaves the window', () => {
    const { limiter, clock } = setup();
    for (let i = 0; i < 600; i++) limiter.reserve('key');
    clock.now += 100_000;
    expect(rateLimited(() => limiter.reserve('key')).retryAfterSeconds).toBe(200);
    clock.now += 199_999;
    expect(rateLimited(() => limiter.reserve('key')).retryAfterSeconds).toBe(1); // 1 ms rounds up, never to 0
    clock.now += 1;
    expect(limiter.reserve('key')).toBe(0);
  });

  it('slides: requests spread over the window free up one by one, not all at once', () => {
    const { limiter, clock } = setup();
    const start = clock.now;
    for (let i = 0; i < 300; i++) limiter.reserve('key'); // t = 0
    clock.now = start + 2 * MINUTE;
    for (let i = 0; i < 300; i++) limiter.reserve('key'); // t = 2 min
    clock.now = start + 4 * MINUTE;
    expect(rateLimited(() => limiter.reserve('key')).retryAfterSeconds).toBe(60); // the t=0 batch leaves at 5 min

    clock.now = start + 5 * MINUTE; // the first 300 have left; the second 300 still count
    expect(limiter.used('key')).toBe(300);
    for (let i = 0; i < 300; i++) expect(limiter.reserve('key')).toBe(0);
    // Full again, and the oldest in the window is now the t = 2 min batch: free at 7 min.
    expect(rateLimited(() => limiter.reserve('key')).retryAfterSeconds).toBe(120);
  });

  it('a fixed window would be wrong: 600 at the end of one window and 1 just after still waits', () => {
    const { limiter, clock } = setup();
    const start = clock.now;
    clock.now = start + 4 * MINUTE + 59_000;
    for (let i = 0; i < 600; i++) limiter.reserve('key');
    clock.now = start + 5 * MINUTE + 1_000;
    expect(rateLimited(() => limiter.reserve('key')).retryAfterSeconds).toBe(298);
  });

  it('waits for a slot when the wait is within the bound, without sleeping for real', async () => {
    const { limiter, clock, sleeps, sleep } = setup();
    for (let i = 0; i < 600; i++) await limiter.acquire('key', { sleep });
    expect(sleeps).toEqual([]);
    clock.now += 5 * MINUTE - 4_000;
    expect(limiter.delayFor('key')).toBe(4_000);
    expect(await limiter.acquire('key', { maxWaitMs: 5_000, sleep })).toBe(4_000);
    expect(sleeps).toEqual([4_000]);
    await expect(limiter.acquire('key', { maxWaitMs: 0, sleep })).resolves.toBe(0); // 4 s later, the next t=0 slot is also free
  });

  it('fails instead of waiting beyond the bound, with the seconds to wait', async () => {
    const { limiter, sleeps, sleep } = setup();
    for (let i = 0; i < 600; i++) await limiter.acquire('key', { sleep });
    const error = await limiter.acquire('key', { maxWaitMs: 10_000, sleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(300);
    expect(sleeps).toEqual([]);
  });

  it('queues concurrent callers into successive future slots instead of handing one slot out twice', () => {
    const { limiter, clock } = setup(3, 10_000);
    limiter.reserve('key');
    clock.now += 1_000;
    limiter.reserve('key');
    clock.now += 1_000;
    limiter.reserve('key'); // slots at 0, 1 s, 2 s; now = 2 s
    expect(limiter.reserve('key', 60_000)).toBe(8_000); // at 10 s
    expect(limiter.reserve('key', 60_000)).toBe(9_000); // at 11 s
    expect(limiter.reserve('key', 60_000)).toBe(10_000); // at 12 s
    expect(limiter.reserve('key', 60_000)).toBe(18_000); // at 20 s: three slots in (10, 20]
  });

  it('keeps one window per key', () => {
    const { limiter } = setup(2, MINUTE);
    limiter.reserve('a');
    limiter.reserve('a');
    expect(() => limiter.reserve('a')).toThrow(RateLimitedError);
    expect(limiter.reserve('b')).toBe(0);
  });

  it('honours a server block (a 429 Retry-After) as well as its own log', () => {
    const { limiter, clock } = setup();
    limiter.blockFor('key', 30_000);
    const error = rateLimited(() => limiter.reserve('key', 10_000));
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.source).toBe('server');
    expect(limiter.reserve('key', 30_000)).toBe(30_000);
    clock.now += 30_000;
    expect(limiter.reserve('key')).toBe(0);
  });
});

describe('Companies House readable forms', () => {
  it('turns register names into display names and contact parts', () => {
    expect(formatOfficerName('SMITH, John Alan')).toBe('John Alan Smith');
    expect(formatOfficerName("O'BRIEN-MCKAY, Sean")).toBe("Sean O'Brien-McKay");
    expect(formatOfficerName('BLACKADDER COMPANY SECRETARIES LIMITED', 'corporate-secretary')).toBe(
      'BLACKADDER COMPANY SECRETARIES LIMITED',
    );
    expect(splitOfficerName('HARGREAVES, Eleanor Jane')).toEqual({
      surname: 'Hargreaves',
      forenames: 'Eleanor Jane',
      title: undefined,
    });
    expect(splitOfficerName('ACME LIMITED', 'corporate-director')).toBeUndefined();
  });

  it('describes filings from the slug and its values, falling back to de-slugged text', () => {
    expect(describeFiling({ description: 'accounts-with-accounts-type-full' })).toBe('Accounts (full)');
    expect(
      describeFiling({
        description: 'accounts-with-accounts-type-full',
        description_values: { made_up_date: '2024-03-31' },
      }),
    ).toBe('Accounts (full) made up to 31 March 2024');
    expect(
      describeFiling({
        description: 'accounts-with-accounts-type-total-exemption-full',
        description_values: { made_up_date: '2023-03-31' },
      }),
    ).toBe('Accounts (total exemption full) made up to 31 March 2023');
    expect(
      describeFiling({
        description: 'appointment-of-director-company-with-name-date',
        description_values: { officer_name: 'Mr Daniel Okafor', appointment_date: '2019-06-01' },
      }),
    ).toBe('Appointment of Mr Daniel Okafor as a director on 1 June 2019');
    expect(
      describeFiling({
        description: 'confirmation-statement-with-no-updates',
        description_values: { made_up_date: '2025-06-10' },
      }),
    ).toBe('Confirmation statement made on 10 June 2025 with no updates');
    expect(describeFiling({ description: 'appointment-of-director-company-with-name-date' })).toBe(
      'Appointment of director company with name date',
    );
    expect(
      describeFiling({ description: 'legacy', description_values: { description: 'Return made up to 14/01/11' } }),
    ).toBe('Return made up to 14/01/11');
    expect(describeFiling({ description: 'some-new-filing-kind' })).toBe('Some new filing kind');
  });

  it('normalises company numbers to the register form', () => {
    expect(normaliseCompanyNumber(' 9876543 ')).toBe('09876543');
    expect(normaliseCompanyNumber('sc 612345')).toBe('SC612345');
    expect(normaliseCompanyNumber('ni1234')).toBe('NI001234');
  });
});
