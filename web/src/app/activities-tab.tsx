import { useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../shared/api';
import { formatDateTime, fullName } from '../shared/format';
import { useResource } from '../shared/hooks';
import { ACTIVITY_TYPE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import type { Activity, ActivityType, Company, Contact, Page } from '../shared/types';
import {
  ActivityIcon,
  Alert,
  Button,
  CalendarIcon,
  Dialog,
  EmptyState,
  ErrorState,
  MailIcon,
  NoteIcon,
  PhoneIcon,
  Skeleton,
  useToast,
} from '../shared/ui';
import { ActivityEditor } from './activity-editor';
import { TimeAgo } from './time-ago';
import { useWorkspace } from './workspace';

const PAGE_SIZE = 25;

const TYPE_ICONS: Record<ActivityType, (props: { size?: number }) => ReactNode> = {
  call: PhoneIcon,
  email: MailIcon,
  meeting: CalendarIcon,
  note: NoteIcon,
};

/** Newest first, as the API lists them (by when they happened). */
const newestFirst = (a: Activity, b: Activity) =>
  b.occurredAt.localeCompare(a.occurredAt) || b.activityId.localeCompare(a.activityId);

/** `items` with `added` merged in: no duplicates, newest first. */
function merge(items: Activity[], added: Activity[]): Activity[] {
  const ids = new Set(added.map((a) => a.activityId));
  return [...items.filter((a) => !ids.has(a.activityId)), ...added].sort(newestFirst);
}

/** "45 min", "1 h 30 min". */
function formatDuration(minutes: number): string {
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

function ActivityItem({
  activity: a,
  contactName,
  fresh,
}: {
  activity: Activity;
  contactName: string | null | undefined;
  fresh: boolean;
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
          {a.durationMinutes !== undefined && a.durationMinutes !== null && (
            <li>
              <span className="sr-only">Duration: </span>
              {formatDuration(a.durationMinutes)}
            </li>
          )}
          <li title={loggedAt ? `Logged ${loggedAt}` : undefined}>
            <span className="muted">Logged by</span> {a.createdByName}
          </li>
        </ul>
        {a.body && <p className="activity-body">{a.body}</p>}
      </div>
    </li>
  );
}

function ActivitiesSkeleton() {
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

/** The Activities tab: calls, emails, meetings and notes with the company, newest first, and logging a new one. */
export function ActivitiesTab({ company }: { company: Company }) {
  const api = useApi();
  const toast = useToast();
  const { canWrite } = useWorkspace();
  const base = `/v1/companies/${encodeURIComponent(company.companyId)}`;
  const path = `${base}/activities`;
  const list = useResource(
    (signal) => api.get<Page<Activity>>(path, { query: { limit: PAGE_SIZE }, signal }),
    [api, path],
  );
  const contacts = useResource(
    (signal) => api.get<Page<Contact>>(`${base}/contacts`, { query: { limit: 100 }, signal }),
    [api, base],
  );
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [logging, setLogging] = useState(false);
  const [editorKey, setEditorKey] = useState(0);
  const [fresh, setFresh] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);

  const contactNames = new Map((contacts.data?.items ?? []).map((c) => [c.contactId, fullName(c)]));
  /** The contact's name; null when the complete list lacks it (deleted); undefined while unknown (loading, failed, or beyond the first 100). */
  const contactName = (id: string): string | null | undefined => {
    const name = contactNames.get(id);
    if (name !== undefined) return name;
    return contacts.data && !contacts.data.cursor ? null : undefined;
  };

  const loadMore = async () => {
    if (!list.data?.cursor) return;
    setMore({ busy: true, error: null });
    try {
      const page = await api.get<Page<Activity>>(path, { query: { limit: PAGE_SIZE, cursor: list.data.cursor } });
      list.setData((current) => ({ items: merge(current?.items ?? [], page.items), cursor: page.cursor }));
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: errorMessage(error) });
    }
  };

  const open = () => {
    setEditorKey((k) => k + 1);
    setLogging(true);
  };

  const saved = (activity: Activity) => {
    list.setData((current) => ({ items: merge(current?.items ?? [], [activity]), cursor: current?.cursor ?? null }));
    setFresh(activity.activityId);
    setLogging(false);
    const subject = activity.subject.length > 60 ? `${activity.subject.slice(0, 57)}…` : activity.subject;
    toast(`${ACTIVITY_TYPE_LABELS[activity.type] ?? 'Activity'} logged: ${subject}`);
    // Opened from the empty state, whose button is gone now: focus goes to "Log activity" instead of the page.
    requestAnimationFrame(() => {
      if (document.activeElement === document.body || !document.activeElement) {
        section.current?.querySelector<HTMLButtonElement>('.section-head button')?.focus();
      }
    });
  };

  const items = list.data?.items ?? [];
  return (
    <section ref={section} aria-labelledby="activities-title">
      <div className="section-head">
        <h2 id="activities-title" className="section-title">
          Activities
        </h2>
        {canWrite && (
          <Button variant="primary" onClick={open} icon={<span aria-hidden="true">+</span>}>
            Log activity
          </Button>
        )}
      </div>

      {list.error && !list.data ? (
        <div className="card">
          <ErrorState title="Activities could not be loaded" error={list.error} onRetry={list.reload} />
        </div>
      ) : !list.data ? (
        <ActivitiesSkeleton />
      ) : items.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<ActivityIcon />}
            title="No activities yet"
            action={
              canWrite ? (
                <Button variant="primary" onClick={open}>
                  Log the first activity
                </Button>
              ) : undefined
            }
          >
            {canWrite
              ? `Log your first call or meeting with ${company.name}.`
              : `Calls, emails, meetings and notes with ${company.name} will appear here.`}
          </EmptyState>
        </div>
      ) : (
        <div className="card card-pad">
          <ol className="activity-list">
            {items.map((a) => (
              <ActivityItem
                key={a.activityId}
                activity={a}
                contactName={a.contactId ? contactName(a.contactId) : undefined}
                fresh={a.activityId === fresh}
              />
            ))}
          </ol>
          {list.data.cursor && (
            <div className="list-footer">
              {more.error && <Alert tone="error">{more.error}</Alert>}
              <Button onClick={loadMore} busy={more.busy}>
                Load more<span className="sr-only"> activities</span>
              </Button>
            </div>
          )}
        </div>
      )}

      <Dialog open={logging} onClose={() => setLogging(false)} title="Log activity">
        {logging && (
          <ActivityEditor
            key={editorKey}
            companyId={company.companyId}
            contacts={{ items: contacts.data?.items, error: contacts.error, reload: contacts.reload }}
            onSaved={saved}
            onCancel={() => setLogging(false)}
          />
        )}
      </Dialog>
    </section>
  );
}
