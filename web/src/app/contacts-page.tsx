import { useSearchParams } from 'react-router-dom';
import { contactsApi } from '../../../functions/contacts/contract';
import { CONTACT_ROLES, STAGES, type ContactRole, type Stage } from '../../../functions/shared/enums';
import { errorMessage } from '../shared/api';
import { showingCount } from '../shared/format';
import { useDocumentTitle } from '../shared/hooks';
import { CONTACT_ROLE_LABELS, STAGE_LABELS } from '../shared/labels';
import { itemsOf, useApiList } from '../shared/query';
import {
  Alert,
  Button,
  ButtonLink,
  EmptyState,
  ErrorState,
  PageHeading,
  PersonIcon,
  SearchIcon,
  SelectField,
} from '../shared/ui';
import { CompanySearch } from './company-search';
import { parseContactSort, sortContacts, type ContactSort } from './contacts-sort';
import { ContactsTable } from './contacts-table';
import { ExportContactsButton } from './export-button';
import { useWorkspace } from './workspace';

const PAGE_SIZE = 25;
type Filter = 'role' | 'stage' | 'owner';

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  v && (values as readonly string[]).includes(v) ? (v as T) : undefined;

/** `/contacts`: everyone at every company, by role, company stage, company owner and search. */
export function ContactsPage() {
  useDocumentTitle('Contacts');
  const { users, userName } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const role = oneOf<ContactRole>(CONTACT_ROLES, params.get('role'));
  const stage = oneOf<Stage>(STAGES, params.get('stage'));
  const owner = params.get('owner') || undefined;
  const q = (params.get('q') ?? '').trim();
  const list = useApiList(contactsApi.listAll, {
    query: { role, stage, owner, q: q || undefined, limit: PAGE_SIZE },
  });
  const sort = parseContactSort(params.get('sort'));
  const items = sortContacts(itemsOf(list.data), sort);
  const ready = list.data !== undefined;
  const failed = list.isError && !ready;
  const filtered = Boolean(q || role || stage || owner);
  const count = items.length;

  const setFilter = (name: Filter, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const clear = () =>
    setParams(
      (current) => {
        // Clearing the filters keeps the order the user chose.
        const next = new URLSearchParams();
        if (current.get('sort')) next.set('sort', current.get('sort')!);
        return next;
      },
      { replace: true },
    );
  const setSort = (next: ContactSort) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (next === 'newest') p.delete('sort');
        else p.set('sort', next);
        return p;
      },
      { replace: true },
    );

  const caption = [
    'Contacts',
    role && `with the role ${CONTACT_ROLE_LABELS[role]}`,
    stage && `at ${STAGE_LABELS[stage]} companies`,
    owner && `of companies owned by ${userName(owner) ?? 'a former user'}`,
    q && `matching “${q}”`,
    sort !== 'newest' && `, sorted by name ${sort === 'name' ? 'A to Z' : 'Z to A'}`,
  ]
    .filter(Boolean)
    .join(' ')
    .replace(' ,', ',');
  const announcement = failed
    ? 'Contacts could not be loaded'
    : !ready
      ? ''
      : count === 0
        ? filtered
          ? 'No contacts match'
          : 'No contacts yet'
        : `${count}${list.hasNextPage ? '+' : ''} ${count === 1 ? 'contact' : 'contacts'}${filtered ? ' match' : ''}`;

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Contacts</PageHeading>
          <p className="page-sub">
            The people at every company you sell to,{' '}
            {sort === 'newest'
              ? q
                ? 'best match first'
                : 'newest first'
              : sort === 'name'
                ? 'by name, A→Z'
                : 'by name, Z→A'}
            .
          </p>
        </div>
        <div className="page-actions">
          <ExportContactsButton filters={{ role, stage, owner, q: q || undefined }} />
        </div>
      </div>

      <div className="toolbar">
        <CompanySearch
          searching={list.isFetching && !list.isFetchingNextPage}
          id="contact-search"
          label="Search contacts"
          placeholder="Search by name, email or phone…"
        />
        <div className="filter-row" role="group" aria-label="Filter contacts">
          <SelectField
            label="Role"
            value={role ?? ''}
            onChange={(e) => setFilter('role', e.target.value)}
            options={[
              { value: '', label: 'Any role' },
              ...CONTACT_ROLES.map((r) => ({ value: r, label: CONTACT_ROLE_LABELS[r] })),
            ]}
          />
          <SelectField
            label="Company stage"
            value={stage ?? ''}
            onChange={(e) => setFilter('stage', e.target.value)}
            options={[{ value: '', label: 'Any stage' }, ...STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))]}
          />
          <SelectField
            label="Company owner"
            value={owner ?? ''}
            onChange={(e) => setFilter('owner', e.target.value)}
            options={[
              { value: '', label: 'Anyone' },
              ...users.map((u) => ({ value: u.userId, label: u.name })),
              ...(owner && !users.some((u) => u.userId === owner) ? [{ value: owner, label: 'A former user' }] : []),
            ]}
          />
        </div>
      </div>

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>

      {failed ? (
        <div className="card">
          <ErrorState title="Contacts could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : ready && count === 0 && !list.hasNextPage ? (
        <div className="card">
          {filtered ? (
            <EmptyState
              icon={<SearchIcon />}
              title={q ? `No contacts match “${q}”` : 'No contacts match these filters'}
              action={<Button onClick={clear}>{q ? 'Clear search and filters' : 'Clear filters'}</Button>}
            >
              Search looks at the start of every word of names, emails and phone numbers, whatever the accents.
            </EmptyState>
          ) : (
            <EmptyState
              icon={<PersonIcon />}
              title="No contacts yet"
              action={<ButtonLink to="/companies">Go to companies</ButtonLink>}
            >
              Contacts are the people at your companies. Add them on a company’s Contacts tab.
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          <ContactsTable contacts={ready ? items : undefined} caption={caption} sort={sort} onSort={setSort} />
          {ready && sort !== 'newest' && list.hasNextPage && (
            <p className="count-line">
              Sorted by name among the {count} contacts loaded so far; load more to sort them all.
            </p>
          )}
        </>
      )}

      {ready && (count > 0 || list.hasNextPage) && (
        <div className="list-footer">
          {list.isFetchNextPageError && (
            <Alert
              tone="error"
              actions={
                <Button size="sm" onClick={() => void list.fetchNextPage()}>
                  Try again
                </Button>
              }
            >
              More contacts could not be loaded: {errorMessage(list.error)}
            </Alert>
          )}
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
              Load more<span className="sr-only"> contacts</span>
            </Button>
          ) : (
            <p className="count-line">{showingCount(count, { one: 'contact', other: 'contacts' }, filtered)}</p>
          )}
        </div>
      )}
    </>
  );
}
