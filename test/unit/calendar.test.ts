import { describe, expect, it } from 'vitest';
import { addMonths, dayIn, monthIn, quarterOf } from '../../functions/shared/calendar.js';

describe('calendar in the viewer’s time zone', () => {
  it('puts 23:30 UTC on 31 March in April for Sydney and in March for London', () => {
    expect(monthIn('2026-03-31T23:30:00Z', 'Australia/Sydney')).toBe('2026-04');
    expect(monthIn('2026-03-31T22:30:00Z', 'Europe/London')).toBe('2026-03');
    expect(dayIn('2026-07-01T23:30:00Z', 'Europe/London')).toBe('2026-07-02');
  });

  it('steps months across years and finds calendar quarters', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(quarterOf('2026-12')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(quarterOf('2026-01')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(quarterOf('2026-05')).toEqual(['2026-04', '2026-05', '2026-06']);
  });
});
