import { timelineEntry } from '../activities/timeline.js';
import type { Company } from '../data/company.js';
import type { Contact } from '../data/contact.js';
import type { ImportJob } from '../data/import-job.js';
import type { TimelineEntry } from '../data/timeline-entry.js';
import { companySearchable, contactSearchable, tokenItems } from '../search/tokens.js';
import type { Deps } from '../shared/deps.js';
import { rowId } from './row-ids.js';
import type { NewRow, ValidRow } from './rows.js';
import { importContext } from './context.js';

const TRIES = 6;

/** Puts items in batches (BatchWriteItem), retrying with backoff what DynamoDB leaves unprocessed. */
async function putAll(entity: any, items: object[]): Promise<void> {
  let pending = items;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > TRIES) throw new Error(`${pending.length} item(s) still unprocessed after ${TRIES} tries`);
    if (attempt > 1) await new Promise((r) => setTimeout(r, 50 * 2 ** (attempt - 2)));
    const { unprocessed } = await entity.put(pending).go({ concurrent: 4 });
    pending = unprocessed;
  }
}

/** The rows (by number) whose records an earlier delivery of their chunk already created. */
export async function createdBefore(job: ImportJob, rows: ValidRow[], deps: Deps): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const { tenantId } = job;
  const byId = new Map(rows.map((r) => [rowId(job.importId, r.row, 'record'), r.row]));
  const ids = [...byId.keys()];
  const found =
    job.kind === 'companies'
      ? (
          await deps.db.entities.company
            .get(ids.map((companyId) => ({ tenantId, companyId })))
            .go({ consistent: true, attributes: ['companyId'] })
        ).data.map((c) => c.companyId)
      : (
          await deps.db.entities.contact
            .get(ids.map((contactId) => ({ tenantId, contactId })))
            .go({ consistent: true, attributes: ['contactId'] })
        ).data.map((c) => c.contactId);
  return new Set(found.map((id) => byId.get(id)!));
}

/**
 * Creates a chunk's new records with what a create through the API writes (the record, its
 * "created" timeline entry, its search tokens), in batches rather than one transaction a row:
 * a transaction per row made 10,000 rows take minutes. Ids are the rows' own, so records an
 * earlier delivery created are found by one BatchGet and left alone; the records go last, so a
 * delivery cut short leaves no record without its entry and tokens.
 */
export async function createRows(job: ImportJob, rows: NewRow[], deps: Deps): Promise<void> {
  if (rows.length === 0) return;
  const ctx = importContext(job);
  const { tenantId } = job;
  const now = deps.now();
  const e = deps.db.entities;
  const ids = rows.map((r) => rowId(job.importId, r.row.row, 'record'));
  const existing = new Set(
    job.kind === 'companies'
      ? (await e.company.get(ids.map((companyId) => ({ tenantId, companyId }))).go({ consistent: true })).data.map(
          (c) => c.companyId,
        )
      : (await e.contact.get(ids.map((contactId) => ({ tenantId, contactId }))).go({ consistent: true })).data.map(
          (c) => c.contactId,
        ),
  );
  const stamp = { createdAt: now, createdBy: ctx.userId, updatedAt: now, updatedBy: ctx.userId, version: 1 };
  const companies: Company[] = [];
  const contacts: Contact[] = [];
  const entries: TimelineEntry[] = [];
  rows.forEach((r, i) => {
    const id = ids[i]!;
    if (existing.has(id)) return;
    const entryId = rowId(job.importId, r.row.row, 'entry');
    if (r.row.kind === 'companies') {
      const company: Company = { ...r.row.input, tenantId, companyId: id, ...stamp };
      companies.push(company);
      entries.push(
        timelineEntry(
          ctx,
          { companyId: id, action: 'created', subjectType: 'company', subjectId: id, subjectName: company.name },
          { entryId, at: now },
        ),
      );
    } else if ('companyId' in r) {
      const contact: Contact = { ...r.row.input, tenantId, companyId: r.companyId, contactId: id, ...stamp };
      contacts.push(contact);
      const name = `${contact.firstName} ${contact.lastName}`;
      entries.push(
        timelineEntry(
          ctx,
          { companyId: r.companyId, action: 'created', subjectType: 'contact', subjectId: id, subjectName: name },
          { entryId, at: now },
        ),
      );
    }
  });
  const tokens = [...companies.map(companySearchable), ...contacts.map(contactSearchable)].flatMap(tokenItems);
  await Promise.all([putAll(e.timelineEntry, entries), putAll(e.searchToken, tokens)]);
  if (companies.length) await putAll(e.company, companies);
  if (contacts.length) await putAll(e.contact, contacts);
}
