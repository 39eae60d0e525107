/**
 * Calendar arithmetic in the viewer's time zone: a deal closing at 23:30 UTC on 31 March is a
 * April deal in Sydney. Only Intl is used, so the SPA can share it.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    partsCache.set(tz, f);
  }
  return f;
}

/** `YYYY-MM-DD` of an instant in `tz`. */
export function dayIn(iso: string, tz: string): string {
  return formatter(tz).format(new Date(iso));
}

/** `YYYY-MM` of an instant in `tz`. */
export const monthIn = (iso: string, tz: string): string => dayIn(iso, tz).slice(0, 7);

/** The month `delta` months after `YYYY-MM`. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The three `YYYY-MM` months of the calendar quarter holding `month`. */
export function quarterOf(month: string): [string, string, string] {
  const m = Number(month.slice(5, 7));
  const first = addMonths(month, -((m - 1) % 3));
  return [first, addMonths(first, 1), addMonths(first, 2)];
}
