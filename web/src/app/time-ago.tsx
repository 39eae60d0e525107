import { formatDateTime, formatRelative } from '../shared/format';

/** "3 hours ago", with the exact date and time on hover and for assistive tech. */
export function TimeAgo({ iso }: { iso: string }) {
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={exact}>
      {formatRelative(iso)}
      <span className="sr-only"> ({exact})</span>
    </time>
  );
}
