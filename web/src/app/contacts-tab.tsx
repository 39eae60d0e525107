import { useState } from 'react';
import { errorMessage } from '../shared/api';
import { fullName } from '../shared/format';
import { useResource } from '../shared/hooks';
import { CONTACT_ROLE_LABELS, EMAIL_TYPE_LABELS, PHONE_TYPE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import type { Company, Contact, Page } from '../shared/types';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  Dialog,
  EmptyState,
  ErrorState,
  Loading,
  PersonIcon,
  useToast,
} from '../shared/ui';
import { ContactEditor } from './contact-editor';
import { useWorkspace } from './workspace';

type Editing = { contact?: Contact } | null;

const bySurname = (a: Contact, b: Contact) =>
  a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName);
const primaryFirst = <T extends { primary: boolean }>(items: T[]) =>
  [...items].sort((a, b) => Number(b.primary) - Number(a.primary));
const telHref = (n: string) => `tel:${n.replace(/[^\d+]/g, '')}`;

function ContactCard({
  contact: c,
  canWrite,
  onEdit,
  onDelete,
}: {
  contact: Contact;
  canWrite: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const name = fullName(c);
  return (
    <article className="card contact-card" aria-label={name}>
      <div className="contact-head">
        <div>
          <h3 className="contact-name">{name}</h3>
          {c.jobTitle && <p className="contact-title">{c.jobTitle}</p>}
        </div>
        <Badge tone={c.role === 'decision_maker' ? 'accent' : 'neutral'}>{CONTACT_ROLE_LABELS[c.role] ?? c.role}</Badge>
      </div>
      {(c.emails.length > 0 || c.phones.length > 0) && (
        <ul className="contact-lines">
          {primaryFirst(c.emails).map((e) => (
            <li key={e.address}>
              <a href={`mailto:${e.address}`}>{e.address}</a>
              <span className="contact-line-type">
                {EMAIL_TYPE_LABELS[e.type] ?? e.type}
                {e.primary ? ' · primary' : ''}
              </span>
            </li>
          ))}
          {primaryFirst(c.phones).map((p) => (
            <li key={p.number}>
              <a href={telHref(p.number)}>{p.number}</a>
              <span className="contact-line-type">
                {PHONE_TYPE_LABELS[p.type] ?? p.type}
                {p.primary ? ' · primary' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {c.notes && <p className="contact-notes">{c.notes}</p>}
      {canWrite && (
        <div className="contact-actions">
          <Button size="sm" onClick={onEdit}>
            Edit<span className="sr-only"> {name}</span>
          </Button>
          <Button size="sm" variant="ghost" className="btn-danger-text" onClick={onDelete}>
            Delete<span className="sr-only"> {name}</span>
          </Button>
        </div>
      )}
    </article>
  );
}

/** The Contacts tab: the company's people, with add, edit and delete. */
export function ContactsTab({ company }: { company: Company }) {
  const api = useApi();
  const toast = useToast();
  const { canWrite } = useWorkspace();
  const path = `/v1/companies/${encodeURIComponent(company.companyId)}/contacts`;
  const list = useResource((signal) => api.get<Page<Contact>>(path, { query: { limit: 100 }, signal }), [api, path]);
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [editing, setEditing] = useState<Editing>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [deleteState, setDeleteState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const loadMore = async () => {
    if (!list.data?.cursor) return;
    setMore({ busy: true, error: null });
    try {
      const page = await api.get<Page<Contact>>(path, { query: { limit: 100, cursor: list.data.cursor } });
      list.setData((current) => ({ items: [...(current?.items ?? []), ...page.items], cursor: page.cursor }));
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: errorMessage(error) });
    }
  };

  const saved = (contact: Contact, created: boolean) => {
    list.setData((current) => {
      const items = (current?.items ?? []).filter((c) => c.contactId !== contact.contactId);
      return { items: [...items, contact].sort(bySurname), cursor: current?.cursor ?? null };
    });
    setEditing(null);
    toast(created ? `${fullName(contact)} was added` : `${fullName(contact)} was saved`);
  };

  const reloadEditing = async () => {
    if (!editing?.contact) return;
    const latest = await api.get<Contact>(`/v1/contacts/${encodeURIComponent(editing.contact.contactId)}`);
    list.setData((current) => ({
      items: (current?.items ?? []).map((c) => (c.contactId === latest.contactId ? latest : c)),
      cursor: current?.cursor ?? null,
    }));
    setEditing({ contact: latest });
    setEditorKey((k) => k + 1);
  };

  const remove = async () => {
    if (!deleting) return;
    setDeleteState({ busy: true, error: null });
    try {
      await api.delete(`/v1/contacts/${encodeURIComponent(deleting.contactId)}`);
      list.setData((current) => ({
        items: (current?.items ?? []).filter((c) => c.contactId !== deleting.contactId),
        cursor: current?.cursor ?? null,
      }));
      toast(`${fullName(deleting)} was deleted`);
      setDeleting(null);
      setDeleteState({ busy: false, error: null });
    } catch (error) {
      setDeleteState({ busy: false, error: errorMessage(error) });
    }
  };

  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="contacts-title">
      <div className="section-head">
        <h2 id="contacts-title" className="section-title">
          Contacts
          {list.data ? (
            <span className="muted">
              {' '}
              ({items.length}
              {list.data.cursor ? '+' : ''})
            </span>
          ) : null}
        </h2>
        {canWrite && (
          <Button variant="primary" onClick={() => setEditing({})} icon={<span aria-hidden="true">+</span>}>
            Add contact
          </Button>
        )}
      </div>

      {list.error && !list.data ? (
        <div className="card">
          <ErrorState title="Contacts could not be loaded" error={list.error} onRetry={list.reload} />
        </div>
      ) : !list.data ? (
        <Loading label="Loading contacts…" />
      ) : items.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<PersonIcon />}
            title="No contacts yet"
            action={
              canWrite ? (
                <Button variant="primary" onClick={() => setEditing({})}>
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
                  onEdit={() => {
                    setEditing({ contact: c });
                    setEditorKey((k) => k + 1);
                  }}
                  onDelete={() => setDeleting(c)}
                />
              </li>
            ))}
          </ul>
          {list.data.cursor && (
            <div className="list-footer">
              {more.error && <Alert tone="error">{more.error}</Alert>}
              <Button onClick={loadMore} busy={more.busy}>
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

      <ConfirmDialog
        open={deleting !== null}
        title="Delete this contact?"
        confirmLabel="Delete contact"
        busy={deleteState.busy}
        error={deleteState.error}
        onConfirm={remove}
        onCancel={() => {
          setDeleting(null);
          setDeleteState({ busy: false, error: null });
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
