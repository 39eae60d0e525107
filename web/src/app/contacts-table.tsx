import { Link } from 'react-router-dom';
import type { ContactListItem } from '../../../functions/contacts/contract';
import { fullName } from '../shared/format';
import { CONTACT_ROLE_LABELS } from '../shared/labels';
import { CellLabel, Skeleton } from '../shared/ui';
import { StageBadge } from './stage-badge';
import { CONTACT_SORT_LABELS, nextNameSort, type ContactSort } from './contacts-sort';
import './companies/companies.css';

const primaryOf = <T extends { primary: boolean }>(items: T[]): T | undefined =>
  items.find((i) => i.primary) ?? items[0];

function SkeletonRows() {
  return Array.from({ length: 6 }, (_, i) => (
    <tr key={i} className="skeleton-row" role="row">
      {['55%', '70%', '50%', '60%', '80px', '50%'].map((width, n) => (
        <td key={n} role="cell">
          <Skeleton width={n === 0 ? `${45 + ((i * 17) % 35)}%` : width} height={n === 4 ? '1.4em' : undefined} />
        </td>
      ))}
    </tr>
  ));
}

function ContactRow({ contact: c }: { contact: ContactListItem }) {
  const email = primaryOf(c.emails)?.address;
  const phone = primaryOf(c.phones)?.number;
  const name = fullName(c);
  return (
    <tr role="row">
      <td className="cell-primary" role="cell">
        <span className="contact-name truncate" title={name}>
          {name}
        </span>
      </td>
      <td role="cell" className={email ? undefined : 'cell-muted'}>
        <CellLabel>Email</CellLabel>
        {email ? (
          <a className="truncate cell-email" href={`mailto:${email}`} title={email}>
            {email}
          </a>
        ) : (
          '—'
        )}
      </td>
      <td role="cell" className={phone ? undefined : 'cell-muted'}>
        <CellLabel>Phone</CellLabel>
        {phone ? <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a> : '—'}
      </td>
      <td role="cell">
        <CellLabel>Company</CellLabel>
        <Link className="truncate" to={`/companies/${c.companyId}`} title={c.companyName}>
          {c.companyName}
        </Link>
      </td>
      <td role="cell">
        <CellLabel>Stage</CellLabel>
        <StageBadge stage={c.companyStage} />
      </td>
      <td role="cell">
        <CellLabel>Role</CellLabel>
        <span className="contact-role">
          {CONTACT_ROLE_LABELS[c.role] ?? c.role}
          {c.jobTitle && (
            <span className="cell-muted truncate" title={c.jobTitle}>
              {c.jobTitle}
            </span>
          )}
        </span>
      </td>
    </tr>
  );
}

/** The Name header sorts (A→Z, Z→A, newest first again); the list says whether it is in name order. */
function NameHeader({ sort, onSort }: { sort: ContactSort; onSort: (s: ContactSort) => void }) {
  return (
    <th scope="col" aria-sort={sort === 'name' ? 'ascending' : sort === '-name' ? 'descending' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(nextNameSort(sort))}>
        Name
        <span className="sort-arrow" aria-hidden="true">
          {sort === 'name' ? '↑' : sort === '-name' ? '↓' : '↕'}
        </span>
      </button>
    </th>
  );
}

/** Contacts across companies as a table; `contacts` undefined while the first page loads (skeleton rows). */
export function ContactsTable({
  contacts,
  caption,
  sort,
  onSort,
}: {
  contacts: ContactListItem[] | undefined;
  caption: string;
  sort: ContactSort;
  onSort: (s: ContactSort) => void;
}) {
  return (
    <div className="table-wrap" aria-busy={contacts === undefined}>
      {/* Under 640px the header row is hidden (rows become cards): the sort moves here. */}
      <div className="table-narrow-controls">
        <label className="narrow-sort">
          Sort by{' '}
          <select className="input select" value={sort} onChange={(e) => onSort(e.target.value as ContactSort)}>
            {Object.entries(CONTACT_SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="data-table responsive contacts-table" role="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <NameHeader sort={sort} onSort={onSort} />
            <th scope="col">Email</th>
            <th scope="col">Phone</th>
            <th scope="col">Company</th>
            <th scope="col">Stage</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>{contacts ? contacts.map((c) => <ContactRow key={c.contactId} contact={c} />) : <SkeletonRows />}</tbody>
      </table>
      {contacts === undefined && (
        <span className="sr-only" role="status">
          Loading contacts…
        </span>
      )}
    </div>
  );
}
