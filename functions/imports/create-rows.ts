import { timelineEntry } from '../activities/timeline.js';
import type { Company } from '../data/company.js';
import type { Contact } from '../data/contact.js';
import type { ImportJob } from '../data/import-job.js';
import { companySearchable, contactSearchable, tokenItems, type Searchable } from '../search/tokens.js';
import type { Deps } from '../shared/deps.js';
import { rowId } from './row-ids.js';
import type { NewRow, ValidRow } from './rows.js';
import { importContext } from './context.js';
import { packTransactions, TransactionCancelledError } from '../data/transaction.js';

/** Transactions of one chunk in flight at once. */
const WRITERS = 4;
/** Tries at a group whose transaction lost a race (throttled, or another delivery of its chunk). */
const TRIES = 6;

/** One row's items: its record (conditional on its absence), its timeline entry and its tokens. */
interface RowWrite {
  recordId: string;
  items: (e: WriteEntities) => object[];
  size: number;
}
type WriteEntities = Parameters<Parameters<Deps['db']['transaction']['write']>[0]>[0];

/** The rows (by number) whose records an earlier delivery of their chunk already created. */
export async function createdBefore(job: ImportJob, rows: ValidRow[], deps: Deps): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const byId = new Map(rows.map((r) => [rowId(job.importId, r.row, 'record'), r.row]));
  const found = await existing(job, [...byId.keys()], deps);
  return new Set([...found].map((id) => byId.get(id)!));
}

/**
 * Creates a chunk's new records with what a create through the API writes (the record, its
 * "created" timeline entry, its search tokens). Rows share transactions of up to 100 items, each
 * row whole, so a row is written entirely or not at all with far fewer round trips than a
 * transaction a row (and, on DynamoDB Local, a quarter of the disk syncs of BatchWriteItem).
 * Ids are the rows' own and each record is conditional on its absence: a group that meets a
 * record another delivery wrote drops the rows already there and commits the rest.
 */
export async function createRows(job: ImportJob, rows: NewRow[], deps: Deps): Promise<void> {
  if (rows.length === 0) return;
  const ctx = importContext(job);
  const { tenantId } = job;
  const now = deps.now();
  const stamp = { createdAt: now, createdBy: ctx.userId, updatedAt: now, updatedBy: ctx.userId, version: 1 };
  const writes = rows.map((r): RowWrite => {
    const recordId = rowId(job.importId, r.row.row, 'record');
    const entry = { entryId: rowId(job.importId, r.row.row, 'entry'), at: now };
    // The record (created only if absent), its "created" entry on its company's timeline, its tokens.
    const write = (
      record: (e: WriteEntities) => object,
      created: Parameters<typeof timelineEntry>[1],
      searchable: Searchable,
    ): RowWrite => {
      const tokens = tokenItems(searchable);
      const item = timelineEntry(ctx, created, entry);
      return {
        recordId,
        size: 2 + tokens.length,
        items: (e) => [
          record(e),
          e.timelineEntry.put(item).commit(),
          ...tokens.map((t) => e.searchToken.put(t).commit()),
        ],
      };
    };
    if (r.row.kind === 'companies') {
      const company: Company = { ...r.row.input, tenantId, companyId: recordId, ...stamp };
      return write(
        (e) => e.company.create(company).commit(),
        {
          companyId: recordId,
          action: 'created',
          subjectType: 'company',
          subjectId: recordId,
          subjectName: company.name,
        },
        companySearchable(company),
      );
    }
    const { companyId } = r as Extract<NewRow, { companyId: string }>;
    const contact: Contact = { ...r.row.input, tenantId, companyId, contactId: recordId, ...stamp };
    const subjectName = `${contact.firstName} ${contact.lastName}`;
    return write(
      (e) => e.contact.create(contact).commit(),
      { companyId, action: 'created', subjectType: 'contact', subjectId: recordId, subjectName },
      contactSearchable(contact),
    );
  });
  const groups = packTransactions(writes, (w) => w.size);
  let next = 0;
  const writer = async () => {
    while (next < groups.length) await writeGroup(job, groups[next++]!, deps);
  };
  await Promise.all(Array.from({ length: Math.min(WRITERS, groups.length) }, writer));
}

async function writeGroup(job: ImportJob, group: RowWrite[], deps: Deps): Promise<void> {
  let pending = group;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const result = (await deps.db.transaction
      // ElectroDB types each commit by its entity; a mixed list is what the transaction takes.
      .write((e) => pending.flatMap((w) => w.items(e)) as any)
      .go()) as { canceled: boolean; data: { code: string }[] };
    if (!result.canceled) return;
    if (attempt >= TRIES) throw new TransactionCancelledError('import rows', `after ${TRIES} tries`);
    if (result.data.some((item) => item.code === 'ConditionalCheckFailed')) {
      const there = await existing(
        job,
        pending.map((w) => w.recordId),
        deps,
      );
      pending = pending.filter((w) => !there.has(w.recordId));
    } else {
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt * Math.random()));
    }
  }
}

/** Which of these record ids exist (read consistently: another delivery may have just written them). */
async function existing(job: ImportJob, ids: string[], deps: Deps): Promise<Set<string>> {
  const { tenantId } = job;
  const e = deps.db.entities;
  const found =
    job.kind === 'companies'
      ? (
          await e.company
            .get(ids.map((companyId) => ({ tenantId, companyId })))
            .go({ consistent: true, attributes: ['companyId'] })
        ).data.map((c) => c.companyId)
      : (
          await e.contact
            .get(ids.map((contactId) => ({ tenantId, contactId })))
            .go({ consistent: true, attributes: ['contactId'] })
        ).data.map((c) => c.contactId);
  return new Set(found);
}
