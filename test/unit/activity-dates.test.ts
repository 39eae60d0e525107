import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, futureDateProblem } from '../../functions/activities/schema.js';
import { showingCount } from '../../web/src/shared/format.js';

const now = Date.parse('2026-12-03T12:00:00Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

describe('future-dated activities', () => {
  it('refuses a call, email or note after now plus the clock skew, naming the type', () => {
    for (const type of ['call', 'email', 'note'] as const) {
      expect(futureDateProblem(type, at(CLOCK_SKEW_MS + 1000), now)).toBe(
        `A ${type} can't be in the future; only meetings can be scheduled ahead`,
      );
      expect(futureDateProblem(type, at(CLOCK_SKEW_MS - 1000), now), type).toBeUndefined();
      expect(futureDateProblem(type, at(-86_400_000), now), type).toBeUndefined();
    }
  });

  it('lets a meeting be scheduled ahead, and leaves an unreadable or missing date to the format check', () => {
    expect(futureDateProblem('meeting', at(365 * 86_400_000), now)).toBeUndefined();
    expect(futureDateProblem('call', 'yesterday', now)).toBeUndefined();
    expect(futureDateProblem('call', undefined, now)).toBeUndefined();
  });
});

describe('count lines', () => {
  it('reads well for one and for many, filtered or not', () => {
    const noun = { one: 'company', other: 'companies' };
    expect(showingCount(1, noun)).toBe('Showing 1 company');
    expect(showingCount(12, noun)).toBe('Showing 12 companies');
    expect(showingCount(1, noun, true)).toBe('Showing 1 company that matches');
    expect(showingCount(3, noun, true)).toBe('Showing 3 companies that match');
  });
});
