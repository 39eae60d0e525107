import { useRef, useState } from 'react';
import { activitiesApi, type ActivityView } from '../../../functions/activities/contract';
import type { CompanyView } from '../../../functions/companies/contract';
import { errorMessage } from '../shared/api';
import { fullName } from '../shared/format';
import { ACTIVITY_TYPE_LABELS } from '../shared/labels';
import { itemsOf, useApiList, useApiMutation } from '../shared/query';
import { ActivityIcon, Alert, Button, ConfirmDialog, Dialog, EmptyState, ErrorState, useToast } from '../shared/ui';
import { ActivityEditor } from './activity-editor';
import { ActivitiesSkeleton, ActivityItem } from './activity-item';
import { useCompanyContacts } from './company-contacts';
import { useWorkspace } from './workspace';

const PAGE_SIZE = 25;

/** The Activities tab: calls, emails, meetings and notes with the company, newest first, and logging a new one. */
export function ActivitiesTab({ company }: { company: CompanyView }) {
  const toast = useToast();
  const { canWrite, me } = useWorkspace();
  /** The server's rule: the author, an admin or the owner (never a viewer). */
  const mayChange = (a: ActivityView) =>
    canWrite && (me.role === 'owner' || me.role === 'admin' || a.createdBy === me.userId);
  const [editing, setEditing] = useState<ActivityView | null>(null);
  const [deleting, setDeleting] = useState<ActivityView | null>(null);
  const remove = useApiMutation(activitiesApi.remove, (a: ActivityView) => ({ params: { activityId: a.activityId } }), {
    invalidates: [activitiesApi],
  });
  const list = useApiList(activitiesApi.list, {
    params: { companyId: company.companyId },
    query: { limit: PAGE_SIZE },
  });
  const contacts = useCompanyContacts(company.companyId);
  const [logging, setLogging] = useState(false);
  const [editorKey, setEditorKey] = useState(0);
  const [fresh, setFresh] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);

  const contactNames = new Map((contacts.items ?? []).map((c) => [c.contactId, fullName(c)]));
  /** The contact's name; null when the complete list lacks it (deleted); undefined while unknown (loading, failed, or beyond the first 100). */
  const contactName = (id: string): string | null | undefined => {
    const name = contactNames.get(id);
    if (name !== undefined) return name;
    return contacts.items && !contacts.hasNextPage ? null : undefined;
  };

  const open = () => {
    setEditorKey((k) => k + 1);
    setLogging(true);
  };
  const short = (subject: string) => (subject.length > 60 ? `${subject.slice(0, 57)}…` : subject);

  const edited = (activity: ActivityView) => {
    setEditing(null);
    setFresh(activity.activityId);
    toast(`Saved: ${short(activity.subject)}`);
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting);
      toast(`${ACTIVITY_TYPE_LABELS[deleting.type] ?? 'Activity'} deleted: ${short(deleting.subject)}`);
      setDeleting(null);
      remove.reset();
    } catch {
      // Shown in the dialog.
    }
  };

  const saved = (activity: ActivityView) => {
    setFresh(activity.activityId);
    setLogging(false);
    toast(`${ACTIVITY_TYPE_LABELS[activity.type] ?? 'Activity'} logged: ${short(activity.subject)}`);
    // Opened from the empty state, whose button is gone now: focus goes to "Log activity" instead of the page.
    requestAnimationFrame(() => {
      if (document.activeElement === document.body || !document.activeElement) {
        section.current?.querySelector<HTMLButtonElement>('.section-head button')?.focus();
      }
    });
  };

  const items = itemsOf(list.data);
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
          <ErrorState title="Activities could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
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
                onEdit={mayChange(a) ? () => setEditing(a) : undefined}
                onDelete={mayChange(a) ? () => setDeleting(a) : undefined}
              />
            ))}
          </ol>
          {list.hasNextPage && (
            <div className="list-footer">
              {list.isFetchNextPageError && <Alert tone="error">{errorMessage(list.error)}</Alert>}
              <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
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
            contacts={{ items: contacts.items, error: contacts.error, reload: () => void contacts.refetch() }}
            onSaved={saved}
            onCancel={() => setLogging(false)}
          />
        )}
      </Dialog>

      <Dialog open={!!editing} onClose={() => setEditing(null)} title="Edit activity">
        {editing && (
          <ActivityEditor
            key={editing.activityId}
            companyId={company.companyId}
            activity={editing}
            contacts={{ items: contacts.items, error: contacts.error, reload: () => void contacts.refetch() }}
            onSaved={edited}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={!!deleting}
        title="Delete this activity?"
        confirmLabel="Delete activity"
        busy={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => void confirmDelete()}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        {deleting && (
          <p>
            {ACTIVITY_TYPE_LABELS[deleting.type] ?? 'Activity'} <strong>{deleting.subject}</strong> will be removed from{' '}
            {company.name}. The timeline keeps a record that it was deleted, and by whom.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
