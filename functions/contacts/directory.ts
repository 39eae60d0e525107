import type { Company } from '../data/company.js';
import type { Contact } from '../data/contact.js';
import { search } from '../search/service.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { checkCursor, type Page } from '../shared/pagination.js';
import type { ContactListItem } from './contract.js';
import type { ListAllContactsQuery } from './schema.js';
import { toContactView } from './service.js';

/**
 * Query pages read for one filtered page of the list. Role, stage and owner are checked against
 * each contact and its company (a company's stage and owner are not copied onto its contacts, so
 * editing a company stays one write); a rare match may so give a short page with a cursor to go on.
 */
const MAX_ROUNDS = 4;

const hasFilters = (q: ListAllContactsQuery) => !!(q.role || q.stage || q.owner);

/** Each contact with its company's name and stage, keeping those that pass the filters. */
async function withCompanies(
  ctx: TenantContext,
  contacts: Contact[],
  query: ListAllContactsQuery,
  deps: Deps,
): Promise<ContactListItem[]> {
  const ids = [...new Set(contacts.map((c) => c.companyId))];
  const found = ids.length
    ? await deps.db.entities.company.get(ids.map((companyId) => ({ tenantId: ctx.tenantId, companyId }))).go()
    : { data: [] as Company[] };
  const companies = new Map(found.data.map((c) => [c.companyId, c]));
  return contacts.flatMap((contact) => {
    const company = companies.get(contact.companyId);
    // A contact whose company is gone (a delete racing this read) is not listed.
    if (!company) return [];
    if (query.role && contact.role !== query.role) return [];
    if (query.stage && company.stage !== query.stage) return [];
    if (query.owner && company.ownerId !== query.owner) return [];
    return [{ ...toContactView(contact), companyName: company.name, companyStage: company.stage }];
  });
}

/**
 * The tenant's contacts across companies, newest first, optionally by role, company stage and
 * company owner. `?q=` reads the search index (as the companies list does): the best `limit`
 * matches in one page, without a cursor.
 */
export async function listAllContacts(
  ctx: TenantContext,
  query: ListAllContactsQuery,
  deps: Deps,
): Promise<Page<ContactListItem>> {
  if (query.q && /[\p{L}\p{N}]/u.test(query.q)) return searchContacts(ctx, query, deps);
  const contacts = deps.db.entities.contact.query.byId({ tenantId: ctx.tenantId });
  let cursor = checkCursor(query.cursor, contacts);
  const items: ContactListItem[] = [];
  const rounds = hasFilters(query) ? MAX_ROUNDS : 1;
  for (let round = 0; round < rounds && items.length < query.limit; round++) {
    const page = await contacts.go({ count: query.limit - items.length, cursor, order: 'desc' });
    items.push(...(await withCompanies(ctx, page.data, query, deps)));
    cursor = page.cursor ?? undefined;
    if (!cursor) break;
  }
  return { items, cursor: cursor ?? null };
}

async function searchContacts(
  ctx: TenantContext,
  query: ListAllContactsQuery,
  deps: Deps,
): Promise<Page<ContactListItem>> {
  const hits = await search(ctx, { q: query.q!, kinds: ['contact'], limit: query.limit }, deps);
  if (hits.length === 0) return { items: [], cursor: null };
  const found = await deps.db.entities.contact.get(hits.map((h) => ({ tenantId: ctx.tenantId, contactId: h.id }))).go();
  const byId = new Map(found.data.map((c) => [c.contactId, c]));
  // Best match first, as the index ranked them.
  const ranked = hits.flatMap((h) => byId.get(h.id) ?? []);
  return { items: await withCompanies(ctx, ranked, query, deps), cursor: null };
}
