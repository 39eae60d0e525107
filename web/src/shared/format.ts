const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 minutes ago", "yesterday", "in 2 days". */
export function formatRelative(iso: string, now = Date.now()): string {
  let value = (new Date(iso).getTime() - now) / 1000;
  if (Number.isNaN(value)) return '';
  if (Math.abs(value) < 45) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}

/** "22 Nov 2026, 14:05" in the reader's locale. */
export const formatDateTime = (iso: string): string => (iso ? exact.format(new Date(iso)) : '');

/** "22 Nov 2026". */
export const formatDate = (iso: string): string => (iso ? day.format(new Date(iso)) : '');

/** A person's full name. */
export const fullName = (p: { firstName: string; lastName: string }): string => `${p.firstName} ${p.lastName}`.trim();

/** "12 Park Row, Leeds, LS1 5HD, GB". */
export function formatAddress(a: Record<string, unknown> | null | undefined): string {
  if (!a) return '';
  return ['line1', 'line2', 'city', 'region', 'postcode', 'country']
    .map((k) => a[k])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .join(', ');
}

/**
 * The line under a fully loaded list: "Showing 1 company", "Showing 12 companies", and with a
 * search or filter "Showing 1 company that matches" / "Showing 12 companies that match".
 */
export function showingCount(count: number, noun: { one: string; other: string }, filtered = false): string {
  const one = count === 1;
  const match = filtered ? (one ? ' that matches' : ' that match') : '';
  return `Showing ${count} ${one ? noun.one : noun.other}${match}`;
}

/** Joins class names, skipping falsy ones. */
export const cx = (...names: (string | false | null | undefined)[]): string => names.filter(Boolean).join(' ');
