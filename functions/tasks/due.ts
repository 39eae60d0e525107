import type { TaskDueBucket } from '../shared/enums.js';

/** The wall-clock date and time of an instant in a zone. */
function wallClock(instant: number, tz: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far a zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, tz: string): number {
  const w = wallClock(instant, tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant a local date's midnight falls in a zone (twice corrected, for days that change offset). */
function localMidnight(year: number, month: number, day: number, tz: string): number {
  const guess = Date.UTC(year, month - 1, day);
  let instant = guess - offsetAt(guess, tz);
  instant = guess - offsetAt(instant, tz);
  return instant;
}

/** The user's local day around `now`: its date and the UTC instants it starts and ends. */
export function localDay(now: string, tz: string): { date: string; start: string; end: string; hour: number } {
  const w = wallClock(Date.parse(now), tz);
  const start = localMidnight(w.year, w.month, w.day, tz);
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  const end = localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), tz);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    hour: w.hour,
  };
}

/**
 * The due-time range of a bucket, `[from, to)` as ISO instants, by the user's calendar day:
 * overdue is before today began, today is the whole local day, upcoming is after it. Whole days
 * keep a list's ranges (and so its cursors) the same from page to page.
 */
export function dueRange(bucket: TaskDueBucket, now: string, tz: string): { from?: string; to?: string } {
  const day = localDay(now, tz);
  if (bucket === 'overdue') return { to: day.start };
  if (bucket === 'today') return { from: day.start, to: day.end };
  return { from: day.end };
}
