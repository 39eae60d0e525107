import { activitiesApi, type TimelineEntryView } from '../../../functions/activities/contract';
import type { ActivityType, ContactRole, Stage } from '../../../functions/shared/enums';
import type { Money } from '../../../functions/shared/money';
import { errorMessage } from '../shared/api';
import { formatAddress, formatDateTime, fullName } from '../shared/format';
import { ACTIVITY_TYPE_LABELS, CONTACT_ROLE_LABELS, STAGE_LABELS } from '../shared/labels';
import { itemsOf, useApiList } from '../shared/query';
import { Alert, Button, ClockIcon, EmptyState, ErrorState, Loading } from '../shared/ui';
import { useCompanyContacts } from './company-contacts';
import { formatDuration } from './activity-item';
import { formatMoney } from './deals/money';
import { TimeAgo } from './time-ago';
import { useUndoMerge } from './merge/use-merge';
import { timelineLine } from './timeline-summary';
import { useWorkspace } from './workspace';

type TimelineChange = TimelineEntryView['changes'][number];

const FIELD_LABELS: Record<string, string> = {
  expectedCloseDate: 'Expected close date',
  probabilityBps: 'Probability',
  lostReason: 'Lost reason',
  name: 'Name',
  domain: 'Domain',
  companyNumber: 'Company number',
  stage: 'Stage',
  industry: 'Industry',
  addresses: 'Address',
  tags: 'Tags',
  ownerId: 'Owner',
  knownFacts: 'Known facts',
  leadScore: 'Lead score',
  healthScore: 'Health score',
  firstName: 'First name',
  lastName: 'Last name',
  jobTitle: 'Job title',
  role: 'Role',
  emails: 'Emails',
  phones: 'Phones',
  notes: 'Notes',
  type: 'Type',
  subject: 'Subject',
  body: 'Details',
  contactId: 'Contact',
  occurredAt: 'When',
  durationMinutes: 'Duration',
};

const humanizeField = (field: string) =>
  FIELD_LABELS[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Names for ids a change may hold: users (owners) and the company's contacts. */
interface Names {
  user: (id: string) => string | undefined;
  contact: (id: string) => string | undefined;
}

/** A stored value as a short readable string. */
function readable(field: string, value: unknown, names: Names): string {
  const userName = names.user;
  if (field === 'stage' && typeof value === 'string') return STAGE_LABELS[value as Stage] ?? value;
  if (field === 'type' && typeof value === 'string') return ACTIVITY_TYPE_LABELS[value as ActivityType] ?? value;
  if (field === 'contactId' && typeof value === 'string') return names.contact(value) ?? 'a former contact';
  if (field === 'occurredAt' && typeof value === 'string') return formatDateTime(value);
  if (field === 'durationMinutes' && typeof value === 'number') return formatDuration(value);
  if (field === 'value' && value && typeof value === 'object' && 'currency' in value)
    return formatMoney(value as Money);
  if (field === 'probabilityBps' && typeof value === 'number') return `${value / 100}%`;
  if (field === 'role' && typeof value === 'string') return CONTACT_ROLE_LABELS[value as ContactRole] ?? value;
  if (field === 'ownerId' && typeof value === 'string') return userName(value) ?? 'a former user';
  if (field === 'addresses' && Array.isArray(value)) {
    return value.map((a) => formatAddress(a as Record<string, unknown>) || 'an empty address').join(' | ');
  }
  if (field === 'emails' && Array.isArray(value)) {
    return value
      .map(
        (e: { address?: string; primary?: boolean; type?: string }) =>
          `${e.address}${e.type ? ` (${e.type}${e.primary ? ', primary' : ''})` : ''}`,
      )
      .join(', ');
  }
  if (field === 'phones' && Array.isArray(value)) {
    return value
      .map(
        (p: { number?: string; primary?: boolean; type?: string }) =>
          `${p.number}${p.type ? ` (${p.type}${p.primary ? ', primary' : ''})` : ''}`,
      )
      .join(', ');
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function Value({ field, value, names, className }: { field: string; value: unknown; names: Names; className: string }) {
  if (isEmpty(value)) return <span className={`${className} change-empty`}>empty</span>;
  const text = readable(field, value, names);
  return <span className={className}>{text.length > 240 ? `${text.slice(0, 237)}…` : text}</span>;
}

function Change({ change, names }: { change: TimelineChange; names: Names }) {
  return (
    <li>
      <span className="change-field">{humanizeField(change.field)}:</span>{' '}
      <Value field={change.field} value={change.from} names={names} className="change-from" />
      <span className="change-arrow" aria-hidden="true">
        →
      </span>
      <span className="sr-only"> changed to </span>
      <Value field={change.field} value={change.to} names={names} className="change-to" />
    </li>
  );
}

const SINGULAR: Record<string, string> = {
  activities: 'activity',
  analyses: 'analysis',
  'timeline entries': 'timeline entry',
};
const singular = (label: string) => SINGULAR[label] ?? label.replace(/s$/, '');

/** Undo for a merge recorded on the timeline, for the 30 days it can be undone. */
function UndoMergeButton({ mergeId, at }: { mergeId: string; at: string }) {
  const undo = useUndoMerge();
  if (Date.now() - Date.parse(at) > 30 * 86_400_000) return null;
  return (
    <div className="timeline-undo">
      <Button size="sm" busy={undo.isPending} onClick={() => undo.mutate(mergeId)}>
        Undo merge
      </Button>
      {undo.error ? <span className="field-error">{errorMessage(undo.error)}</span> : null}
    </div>
  );
}

/** The Timeline tab: who changed what and when, newest first. */
export function TimelineTab({ companyId }: { companyId: string }) {
  const { userName, canWrite } = useWorkspace();
  const contacts = useCompanyContacts(companyId);
  const contactNames = new Map((contacts.items ?? []).map((c) => [c.contactId, fullName(c)]));
  const names: Names = { user: (id) => userName(id), contact: (id) => contactNames.get(id) };
  const list = useApiList(activitiesApi.timeline, { params: { companyId }, query: { limit: 50 } });
  const entries = itemsOf(list.data);
  const refresh = () => void list.refetch();
  const undone = new Set(entries.filter((e) => e.action === 'unmerged' && e.mergeId).map((e) => e.mergeId!));

  return (
    <section aria-labelledby="timeline-title">
      <div className="section-head">
        <h2 id="timeline-title" className="section-title">
          Timeline
        </h2>
        {list.data && (
          <Button size="sm" variant="ghost" onClick={refresh} busy={list.isFetching && !list.isFetchingNextPage}>
            Refresh
          </Button>
        )}
      </div>
      {/* A failed refresh shows as a failed load; a failed "load older" keeps what is shown. */}
      {list.isError && !list.isFetchNextPageError ? (
        <div className="card">
          <ErrorState title="The timeline could not be loaded" error={list.error} onRetry={refresh} />
        </div>
      ) : !list.data ? (
        <Loading label="Loading timeline…" />
      ) : entries.length === 0 ? (
        <div className="card">
          <EmptyState icon={<ClockIcon />} title="No history yet">
            Changes to this company, its contacts and its activities will appear here.
          </EmptyState>
        </div>
      ) : (
        <div className="card card-pad">
          <ol className="timeline">
            {entries.map((e) => (
              <li key={e.entryId} className="timeline-item">
                <span className={`timeline-dot ${e.action}`} aria-hidden="true" />
                <div className="timeline-summary">
                  <span>{timelineLine(e)}</span>
                  <span className="timeline-time">
                    <TimeAgo iso={e.at} />
                  </span>
                </div>
                {e.moved && e.moved.length > 0 && (
                  <p className="timeline-moved">
                    Moved here:{' '}
                    {e.moved.map((m) => `${m.count} ${m.count === 1 ? singular(m.label) : m.label}`).join(', ')}
                  </p>
                )}
                {canWrite && e.action === 'merged' && e.mergeId && !undone.has(e.mergeId) && (
                  <UndoMergeButton mergeId={e.mergeId} at={e.at} />
                )}
                {e.changes.length > 0 && (
                  <ul className="timeline-changes" aria-label="Changes">
                    {e.changes.map((c, i) => (
                      <Change key={`${c.field}-${i}`} change={c} names={names} />
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {list.hasNextPage && (
            <div className="list-footer">
              {list.isFetchNextPageError && <Alert tone="error">{errorMessage(list.error)}</Alert>}
              <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
                Load older entries
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
