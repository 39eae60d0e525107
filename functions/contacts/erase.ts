import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { scrubCompanyText } from './erase-text.js';
import { getContact, removeContact } from './service.js';

/** What the company's history says instead of the erased person's name. */
export const ERASED_NAME = 'Erased contact';

/**
 * Erases a contact everywhere (GDPR): the contact and its search tokens go in one transaction
 * with an entry "erased a contact" that names nobody; before that, the activities naming them
 * lose the reference, the history of their record loses their name and every changed value, and
 * the company's free text loses their name, email addresses and phone numbers (erase-text.ts).
 * Run again after a failure it finishes the job: each step only rewrites what still names them.
 */
export async function eraseContact(ctx: TenantContext, contactId: string, deps: Deps): Promise<void> {
  const contact = await getContact(ctx, contactId, deps);
  const { tenantId, companyId } = contact;
  const e = deps.db.entities;

  const { data: activities } = await e.activity.query
    .byCompany({ tenantId, companyId })
    .where(({ contactId: c }, { eq }) => eq(c, contactId))
    .go({ pages: 'all' });
  for (const a of activities) {
    await e.activity
      .patch({ tenantId, companyId, occurredAt: a.occurredAt, activityId: a.activityId })
      .remove(['contactId'])
      .go();
  }

  // Deals list the people they involve; the erased one leaves them (a new version of each).
  const { data: deals } = await e.deal.query.byCompany({ tenantId, companyId }).go({ pages: 'all' });
  for (const deal of deals.filter((d) => (d.contactIds ?? []).includes(contactId))) {
    await e.deal
      .patch({ tenantId, dealId: deal.dealId })
      .set({ contactIds: (deal.contactIds ?? []).filter((id) => id !== contactId) })
      .add({ version: 1 })
      .go();
  }

  // The history names them on their own entries, and on their activities' entries (detail.contactName).
  const activityIds = new Set(activities.map((a) => a.activityId));
  const fullName = `${contact.firstName} ${contact.lastName}`;
  const { data: entries } = await e.timelineEntry.query.byCompany({ tenantId, companyId }).go({ pages: 'all' });
  for (const entry of entries) {
    const key = { tenantId, companyId, entryId: entry.entryId };
    if (entry.subjectId === contactId) {
      if (entry.subjectName === ERASED_NAME && (entry.changes ?? []).length === 0) continue;
      await e.timelineEntry.patch(key).set({ subjectName: ERASED_NAME, changes: [] }).go();
      continue;
    }
    const detail = entry.detail as Record<string, unknown> | undefined;
    if (detail?.contactName && (activityIds.has(entry.subjectId) || detail.contactName === fullName)) {
      const { contactName: _gone, ...rest } = detail;
      await e.timelineEntry.patch(key).set({ detail: rest }).go();
    }
  }

  // Free text names them too: notes of calls, task titles, the AI's findings. Before the delete, which a re-run needs.
  await scrubCompanyText(contact, deps);

  await removeContact(ctx, contact, { action: 'erased', subjectName: ERASED_NAME, doing: 'erased' }, deps);
}
