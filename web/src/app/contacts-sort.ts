import type { ContactListItem } from '../../../functions/contacts/contract';
import { fullName } from '../shared/format';

/**
 * How the contacts list is ordered. The API lists contacts newest first and has no tenant-wide
 * index by name (one would mean rewriting every contact), so names are ordered here, over the
 * rows loaded so far; the page says so while more remain.
 */
export type ContactSort = 'newest' | 'name' | '-name';

export const CONTACT_SORT_LABELS: Record<ContactSort, string> = {
  newest: 'Newest first',
  name: 'Name (A→Z)',
  '-name': 'Name (Z→A)',
};

export const parseContactSort = (param: string | null): ContactSort =>
  param === 'name' || param === '-name' ? param : 'newest';

// Names as people read them: "Łukasz" between "Lucy" and "Mark", "de Vries" beside "Dean".
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The loaded rows in `sort` order, by the name shown (first name, then last); ties keep the API's order. */
export function sortContacts(items: ContactListItem[], sort: ContactSort): ContactListItem[] {
  if (sort === 'newest') return items;
  const sign = sort === 'name' ? 1 : -1;
  return [...items].sort((a, b) => sign * collator.compare(fullName(a), fullName(b)));
}

/** What a click on the Name header does next: A→Z, then Z→A, then back to newest first. */
export const nextNameSort = (sort: ContactSort): ContactSort =>
  sort === 'newest' ? 'name' : sort === 'name' ? '-name' : 'newest';
