import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { activitiesApi } from '../../../functions/activities/contract';
import type { CompanyView } from '../../../functions/companies/contract';
import { contactsApi, type ContactView } from '../../../functions/contacts/contract';
import { errorMessage } from '../shared/api';
import { fullName } from '../shared/format';
import { contractKey, useApiMutation } from '../shared/query';
import { useApi } from '../shared/services';
import {
  Alert,
  Button,
  ConfirmDialog,
  Dialog,
  EmptyState,
  ErrorState,
  Loading,
  PersonIcon,
  useToast,
} from '../shared/ui';
import { useCompanyContacts } from './company-contacts';
import { ContactCard } from './contact-card';
import { MergeContactDialog } from './merge/merge-contact-dialog';
import { ContactEditor } from './contact-editor';
import { useWorkspace } from './workspace';

type Editing = { contact?: ContactView } | null;

/** The Contacts tab: the company's people, with add, edit and delete. */
export function ContactsTab({ company }: { company: CompanyView }) {
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const { canWrite } = useWorkspace();
  const list = useCompanyContacts(company.companyId);
  const [editing, setEditing] = useState<Editing>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [deleting, setDeleting] = useState<ContactView | null>(null);
  const [merging, setMerging] = useState<ContactView | null>(null);
  // A deleted contact leaves the timeline an entry, so the activities domain goes stale too.
  const removal = useApiMutation(contactsApi.remove, (c: ContactView) => ({ params: { contactId: c.contactId } }), {
    invalidates: [contactsApi, activitiesApi],
  });

  const edit = (contact?: ContactView) => {
    setEditing({ contact });
    setEditorKey((k) => k + 1);
  };

  const saved = (contact: ContactView, created: boolean) => {
    setEditing(null);
    toast(created ? `${fullName(contact)} was added` : `${fullName(contact)} was saved`);
  };

  const reloadEditing = async () => {
    if (!editing?.contact) return;
    const latest = await api.call(contactsApi.get, { params: { contactId: editing.contact.contactId } });
    void client.invalidateQueries({ queryKey: contractKey(contactsApi) });
    edit(latest);
  };

  const remove = () => {
    if (!deleting) return;
    removal.mutate(deleting, {
      onSuccess: () => {
        toast(`${fullName(deleting)} was deleted`);
        setDeleting(null);
      },
    });
  };

  const items = list.items ?? [];
  return (
    <section aria-labelledby="contacts-title">
      <div className="section-head">
        <h2 id="contacts-title" className="section-title">
          Contacts
          {list.items ? (
            <span className="muted">
              {' '}
              ({items.length}
              {list.hasNextPage ? '+' : ''})
            </span>
          ) : null}
        </h2>
        {canWrite && (
          <Button variant="primary" onClick={() => edit()} icon={<span aria-hidden="true">+</span>}>
            Add contact
          </Button>
        )}
      </div>

      {list.error && !list.items ? (
        <div className="card">
          <ErrorState title="Contacts could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !list.items ? (
        <Loading label="Loading contacts…" />
      ) : items.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<PersonIcon />}
            title="No contacts yet"
            action={
              canWrite ? (
                <Button variant="primary" onClick={() => edit()}>
                  Add the first contact
                </Button>
              ) : undefined
            }
          >
            Add the people you deal with at {company.name}: decision makers, influencers and users.
          </EmptyState>
        </div>
      ) : (
        <>
          <ul className="contact-list">
            {items.map((c) => (
              <li key={c.contactId}>
                <ContactCard
                  contact={c}
                  canWrite={canWrite}
                  onEdit={() => edit(c)}
                  onDelete={() => setDeleting(c)}
                  onMerge={items.length > 1 ? () => setMerging(c) : undefined}
                />
              </li>
            ))}
          </ul>
          {list.hasNextPage && (
            <div className="list-footer">
              {list.isFetchNextPageError && <Alert tone="error">{errorMessage(list.error)}</Alert>}
              <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
                Load more contacts
              </Button>
            </div>
          )}
        </>
      )}

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.contact ? `Edit ${fullName(editing.contact)}` : 'Add contact'}
        size="lg"
      >
        {editing && (
          <ContactEditor
            key={editorKey}
            companyId={company.companyId}
            contact={editing.contact}
            onSaved={saved}
            onCancel={() => setEditing(null)}
            onReload={reloadEditing}
          />
        )}
      </Dialog>

      <MergeContactDialog target={merging} contacts={items} onClose={() => setMerging(null)} />

      <ConfirmDialog
        open={deleting !== null}
        title="Delete this contact?"
        confirmLabel="Delete contact"
        busy={removal.isPending}
        error={removal.error ? errorMessage(removal.error) : null}
        onConfirm={remove}
        onCancel={() => {
          setDeleting(null);
          removal.reset();
        }}
      >
        <p>
          <strong>{deleting ? fullName(deleting) : ''}</strong> will be removed from {company.name}. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
