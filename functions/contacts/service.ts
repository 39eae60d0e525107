import { diffFields, timelineEntry } from '../activities/timeline.js';
import { getCompany } from '../companies/service.js';
import { companyLive } from '../companies/tombstone.js';
import type { Contact } from '../data/contact.js';
import { writeVersioned } from '../data/versioned-write.js';
import { contactSearchable, tokenWrites } from '../search/tokens.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import { staleVersion, stripNulls } from '../shared/records.js';
import type { ContactView } from './contract.js';
import type { CreateContactInput, ListContactsQuery, UpdateContactInput } from './schema.js';

const TRACKED_FIELDS = [
  'firstName',
  'lastName',
  'jobTitle',
  'role',
  'emails',
  'phones',
  'notes',
] as const satisfies readonly (keyof Contact)[];

/** A contact as the API returns it; lists are always present, even on items stored without them. */
export const toContactView = ({ tenantId: _tenantId, ...contact }: Contact): ContactView => ({
  ...contact,
  emails: contact.emails ?? [],
  phones: contact.phones ?? [],
});

const fullName = (c: Pick<Contact, 'firstName' | 'lastName'>) => `${c.firstName} ${c.lastName}`;

/** Loads a contact of the caller's tenant or fails with 404. */
export async function getContact(ctx: TenantContext, contactId: string, deps: Deps): Promise<Contact> {
  const found = await deps.db.entities.contact.get({ tenantId: ctx.tenantId, contactId }).go();
  if (!found.data) throw new NotFoundError('Contact');
  return found.data;
}

/** Adds a contact to a company of the caller's tenant; the company's timeline records it. */
export async function createContact(
  ctx: TenantContext,
  companyId: string,
  input: CreateContactInput,
  deps: Deps,
): Promise<ContactView> {
  const company = await getCompany(ctx, companyId, deps);
  const now = deps.now();
  const contact: Contact = {
    ...input,
    tenantId: ctx.tenantId,
    companyId,
    contactId: deps.newId(),
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: 1,
  };
  const entry = timelineEntry(
    ctx,
    {
      companyId,
      action: 'created',
      subjectType: 'contact',
      subjectId: contact.contactId,
      subjectName: fullName(contact),
    },
    { entryId: deps.newId(), at: now },
  );
  await writeVersioned(deps.db, {
    entity: 'contact',
    op: 'create',
    item: contact,
    also: (entities) => [
      // The company must still exist when the contact lands, or the contact would be orphaned.
      companyLive({ company: entities.company }, { tenantId: ctx.tenantId, companyId }),
      entities.timelineEntry.create(entry).commit(),
      ...tokenWrites(entities, undefined, contactSearchable(contact)),
    ],
    conflict: (index) =>
      index === 1
        ? new NotFoundError(`Company ${company.name}`)
        : new ConflictError('A contact with this id already exists'),
  });
  return toContactView(contact);
}

/** A company's contacts by surname. */
export async function listContacts(
  ctx: TenantContext,
  companyId: string,
  query: ListContactsQuery,
  deps: Deps,
): Promise<Page<ContactView>> {
  await getCompany(ctx, companyId, deps);
  const contacts = deps.db.entities.contact.query.byCompany({ tenantId: ctx.tenantId, companyId });
  const page = await contacts.go({ count: query.limit, cursor: checkCursor(query.cursor, contacts) });
  return mapPage(page, toContactView);
}

/** Applies a partial update if `expectedVersion` is current; records what changed. */
export async function updateContact(
  ctx: TenantContext,
  contactId: string,
  patch: UpdateContactInput,
  expectedVersion: number,
  deps: Deps,
): Promise<ContactView> {
  const before = await getContact(ctx, contactId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const { version: _version, ...fields } = patch;
  const after = stripNulls({
    ...before,
    ...fields,
    updatedAt: deps.now(),
    updatedBy: ctx.userId,
    version: before.version + 1,
  }) as Contact;
  const changes = diffFields(before, after, TRACKED_FIELDS);
  if (changes.length === 0) return toContactView(before);
  const entry = timelineEntry(
    ctx,
    {
      companyId: before.companyId,
      action: 'updated',
      subjectType: 'contact',
      subjectId: contactId,
      subjectName: fullName(after),
      changes,
    },
    { entryId: deps.newId(), at: after.updatedAt },
  );
  await writeVersioned(deps.db, {
    entity: 'contact',
    op: 'update',
    item: after,
    // A contact missed by its company's delete (a race) takes no new history under the tombstone.
    also: (entities) => [
      companyLive({ company: entities.company }, before),
      entities.timelineEntry.create(entry).commit(),
      ...tokenWrites(entities, contactSearchable(before), contactSearchable(after)),
    ],
    conflict: (index) => (index === 1 ? new NotFoundError('Contact') : staleVersion()),
  });
  return toContactView(after);
}

/** Deletes a contact; the company's timeline records it. */
export async function deleteContact(ctx: TenantContext, contactId: string, deps: Deps): Promise<void> {
  const contact = await getContact(ctx, contactId, deps);
  await removeContact(ctx, contact, { action: 'deleted', subjectName: fullName(contact), doing: 'deleted' }, deps);
}

/**
 * Removes a contact with its tokens and one timeline entry, in one transaction conditional on
 * its version and its company still being there: a delete, or the last step of an erasure.
 */
export async function removeContact(
  ctx: TenantContext,
  contact: Contact,
  how: { action: 'deleted' | 'erased'; subjectName: string; doing: string },
  deps: Deps,
): Promise<void> {
  const entry = timelineEntry(
    ctx,
    {
      companyId: contact.companyId,
      action: how.action,
      subjectType: 'contact',
      subjectId: contact.contactId,
      subjectName: how.subjectName,
    },
    { entryId: deps.newId(), at: deps.now() },
  );
  await writeVersioned(deps.db, {
    entity: 'contact',
    op: 'delete',
    item: contact,
    also: (entities) => [
      companyLive({ company: entities.company }, contact),
      entities.timelineEntry.create(entry).commit(),
      ...tokenWrites(entities, contactSearchable(contact)),
    ],
    conflict: (index) =>
      index === 1
        ? new NotFoundError('Contact')
        : new ConflictError(`The contact changed while it was being ${how.doing}; try again`),
  });
}
