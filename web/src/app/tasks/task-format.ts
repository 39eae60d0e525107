import type { TaskPriority } from '../../../../functions/shared/enums';
import type { BadgeTone } from '../../shared/ui';

export const PRIORITY_LABELS: Record<TaskPriority, string> = { low: 'Low', normal: 'Normal', high: 'High' };
export const PRIORITY_TONES: Record<TaskPriority, BadgeTone> = { low: 'neutral', normal: 'info', high: 'danger' };

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as the local "YYYY-MM-DDTHH:mm" of a datetime-local input. */
export const toLocalInput = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** The browser's time zone: the API counts today, overdue and upcoming in it. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "Today 14:00", "Tomorrow 09:00", "Mon 7 Dec 09:00", with the year when it is not this one. */
export function formatDue(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const day = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const diff = Math.round((day(d) - day(now)) / 86_400_000);
  if (diff === 0) return `Today ${time}`;
  if (diff === 1) return `Tomorrow ${time}`;
  if (diff === -1) return `Yesterday ${time}`;
  const date = d.toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(d.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
  return `${date} ${time}`;
}
