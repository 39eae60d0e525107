import type { ReactNode } from 'react';
import type { ActivityView } from '../../../functions/activities/contract';
import type { ActivityType } from '../../../functions/shared/enums';
import { formatDateTime } from '../shared/format';
import { ACTIVITY_TYPE_LABELS } from '../shared/labels';
import { Button, CalendarIcon, MailIcon, NoteIcon, PhoneIcon, Skeleton } from '../shared/ui';
import { TimeAgo } from './time-ago';

const TYPE_ICONS: Record<ActivityType, (props: { size?: number }) => ReactNode> = {
  call: PhoneIcon,
  email: MailIcon,
  meeting: CalendarIcon,
  note: NoteIcon,
};

/** "45 min", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

function TypeIcon({ type }: { type: ActivityType }) {
  const Icon = TYPE_ICONS[type] ?? NoteIcon;
  return (
    <span className={`activity-icon activity-icon-${type}`} aria-hidden="true">
      <Icon size={18} />
    </span>
  );
}

/**
 * One logged activity: its type, subject, when, with whom, how long, who logged it, and the
 * details; Edit and Delete when the user may change it (`onEdit`/`onDelete` given).
 */
export function ActivityItem({
  activity: a,
  contactName,
  fresh,
  onEdit,
  onDelete,
}: {
  activity: ActivityView;
  contactName: string | null | undefined;
  fresh: boolean;
  onEdit?: () => void;
  onDelete?: () => void;
}) {
  const label = ACTIVITY_TYPE_LABELS[a.type] ?? a.type;
  const loggedAt = formatDateTime(a.createdAt);
  return (
    <li className={fresh ? 'activity-item activity-fresh' : 'activity-item'}>
      <TypeIcon type={a.type} />
      <div className="activity-main">
        <div className="activity-head">
          <h3 className="activity-subject">
            <span className={`activity-type activity-type-${a.type}`}>
              {label}
              <span className="sr-only">:</span>
            </span>{' '}
            {a.subject}
          </h3>
          <span className="activity-time">
            <TimeAgo iso={a.occurredAt} />
          </span>
        </div>
        <ul className="activity-meta">
          {a.contactId && contactName !== undefined && (
            <li>
              <span className="muted">With</span> {contactName ?? <span className="muted">a former contact</span>}
            </li>
          )}
          {a.durationMinutes !== undefined && (
            <li>
              <span className="sr-only">Duration: </span>
              {formatDuration(a.durationMinutes)}
            </li>
          )}
          <li title={loggedAt ? `Logged ${loggedAt}` : undefined}>
            <span className="muted">Logged by</span> {a.createdByName}
          </li>
          {a.updatedAt && (
            <li title={`Edited ${formatDateTime(a.updatedAt)}`}>
              <span className="muted">Edited</span>
            </li>
          )}
        </ul>
        {a.body && <p className="activity-body">{a.body}</p>}
        {(onEdit || onDelete) && (
          <div className="activity-actions">
            {onEdit && (
              <Button size="sm" variant="ghost" onClick={onEdit}>
                Edit<span className="sr-only"> {a.subject}</span>
              </Button>
            )}
            {onDelete && (
              <Button size="sm" variant="ghost" className="activity-delete" onClick={onDelete}>
                Delete<span className="sr-only"> {a.subject}</span>
              </Button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

/** Three placeholder activities while the list loads. */
export function ActivitiesSkeleton() {
  return (
    <div className="card card-pad" role="status">
      <span className="sr-only">Loading activities…</span>
      <ul className="activity-list" aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <li key={i} className="activity-item">
            <Skeleton width="36px" height="36px" className="activity-icon-skeleton" />
            <div className="activity-main stack" style={{ gap: 8 }}>
              <Skeleton width={i === 1 ? '45%' : '60%'} height="18px" />
              <Skeleton width="35%" />
              {i !== 2 && <Skeleton width="85%" />}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
