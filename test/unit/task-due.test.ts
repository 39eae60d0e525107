import { describe, expect, it } from 'vitest';
import { dueRange, localDay } from '../../functions/tasks/due.js';
import { isTimeZone } from '../../functions/shared/validation.js';

describe('task due buckets', () => {
  it("finds the user's local day in their zone, across a day boundary", () => {
    expect(localDay('2031-06-10T23:30:00Z', 'UTC')).toMatchObject({
      date: '2031-06-10',
      start: '2031-06-10T00:00:00.000Z',
      end: '2031-06-11T00:00:00.000Z',
    });
    expect(localDay('2031-06-10T23:30:00Z', 'Europe/London')).toMatchObject({
      date: '2031-06-11',
      start: '2031-06-10T23:00:00.000Z',
      end: '2031-06-11T23:00:00.000Z',
      hour: 0,
    });
    expect(localDay('2031-06-10T12:00:00Z', 'Pacific/Kiritimati').date).toBe('2031-06-11');
  });

  it('gives days that change their clocks their true length', () => {
    // London springs forward on 30 March 2031 (23 hours) and falls back on 26 October (25 hours).
    const spring = localDay('2031-03-30T12:00:00Z', 'Europe/London');
    expect([spring.start, spring.end]).toEqual(['2031-03-30T00:00:00.000Z', '2031-03-30T23:00:00.000Z']);
    const autumn = localDay('2031-10-26T12:00:00Z', 'Europe/London');
    expect([autumn.start, autumn.end]).toEqual(['2031-10-25T23:00:00.000Z', '2031-10-27T00:00:00.000Z']);
  });

  it('splits time into overdue, today and upcoming with nothing in two', () => {
    const now = '2031-06-10T23:30:00Z';
    expect(dueRange('overdue', now, 'Europe/London')).toEqual({ to: '2031-06-10T23:00:00.000Z' });
    expect(dueRange('today', now, 'Europe/London')).toEqual({
      from: '2031-06-10T23:00:00.000Z',
      to: '2031-06-11T23:00:00.000Z',
    });
    expect(dueRange('upcoming', now, 'Europe/London')).toEqual({ from: '2031-06-11T23:00:00.000Z' });
  });

  it('knows a time zone from a made-up one', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
