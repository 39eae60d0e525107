import type { EntityItem } from 'electrodb';
import type { Db } from './service.js';

type Entities = Db['entities'];
type Key = Record<string, string | number>;

/** Something stored under a company that must go when the company goes. */
export interface CompanyChild<K extends keyof Entities = keyof Entities> {
  entity: K;
  /** A query index partitioned by `tenantId` and `companyId`. */
  index: keyof Entities[K]['query'] & string;
  /** The attributes of its primary key: what a delete needs. */
  key: readonly (keyof EntityItem<Entities[K]> & string)[];
  /** Deleted in the company's own transaction (it has routes of its own, so must vanish with it). */
  inTransaction?: boolean;
  /** What the user calls them, for the refusal when there are too many to delete at once. */
  label: string;
  /**
   * What merging the company into another does with them (functions/merges): `move` re-parents
   * them to the target (the default), `drop` deletes them (state that only means something for
   * the company it was taken on, such as an analysis lock).
   */
  onMerge?: 'move' | 'drop';
}

const child = <K extends keyof Entities>(c: CompanyChild<K>): CompanyChild => c as unknown as CompanyChild;

/**
 * Everything stored under a company. Deleting a company deletes the `inTransaction` children in
 * the transaction that tombstones it, and the company-purge queue then deletes every kind
 * (companies/tombstone.ts), so one missed by a race goes too; a new kind of child is added here
 * and nowhere else, and its writes condition on the company (companyLive).
 */
export const COMPANY_CHILDREN: readonly CompanyChild[] = [
  child({
    entity: 'contact',
    index: 'byCompany',
    key: ['tenantId', 'contactId'],
    inTransaction: true,
    label: 'contacts',
  }),
  child({
    entity: 'activity',
    index: 'byCompany',
    key: ['tenantId', 'companyId', 'occurredAt', 'activityId'],
    label: 'activities',
  }),
  child({
    entity: 'timelineEntry',
    index: 'byCompany',
    key: ['tenantId', 'companyId', 'entryId'],
    label: 'timeline entries',
  }),
  // Deals have routes of their own, so they vanish with the company like contacts.
  child({ entity: 'deal', index: 'byCompany', key: ['tenantId', 'dealId'], inTransaction: true, label: 'deals' }),
  // Quotes too (their sent revisions and links go with the purge only, by quote; see the closing note of issue 10).
  child({ entity: 'quote', index: 'byCompany', key: ['tenantId', 'quoteId'], inTransaction: true, label: 'quotes' }),
  child({ entity: 'analysisRun', index: 'byCompany', key: ['tenantId', 'companyId', 'runId'], label: 'analyses' }),
  // Not in the company's transaction (a company may have hundreds): the purge takes them, and their reminders find no task.
  child({ entity: 'task', index: 'byCompany', key: ['tenantId', 'taskId'], label: 'tasks' }),
  child({
    entity: 'analysisLock',
    index: 'byCompany',
    key: ['tenantId', 'companyId'],
    label: 'analysis locks',
    onMerge: 'drop',
  }),
];

// The children's entities share no call signatures ElectroDB's types can express; CompanyChild's types hold.
const entityOf = (db: Db, c: CompanyChild): any => db.entities[c.entity];

/** One page of a child kind's keys under a company. */
export async function childKeys(
  db: Db,
  c: CompanyChild,
  company: { tenantId: string; companyId: string },
  page: { count: number; cursor?: string | null },
): Promise<{ keys: Key[]; cursor: string | null }> {
  const entity = entityOf(db, c);
  // Reads on the table itself can be consistent (a purge must see a write that raced the tombstone); a GSI's cannot.
  const consistent = !entity.schema.indexes[c.index].index;
  const result = await entity.query[c.index]({ tenantId: company.tenantId, companyId: company.companyId }).go({
    count: page.count,
    cursor: page.cursor ?? undefined,
    attributes: c.key,
    consistent,
  });
  return { keys: result.data, cursor: result.cursor ?? null };
}

/** One page of a child kind's whole items under a company (what a merge copies to the target). */
export async function childItems(
  db: Db,
  c: CompanyChild,
  company: { tenantId: string; companyId: string },
  page: { count: number },
): Promise<Record<string, unknown>[]> {
  const entity = entityOf(db, c);
  const consistent = !entity.schema.indexes[c.index].index;
  const result = await entity.query[c.index]({ tenantId: company.tenantId, companyId: company.companyId }).go({
    count: page.count,
    consistent,
  });
  return result.data;
}

/** A transaction item deleting one child (for the company's own transaction). */
export const deleteChildItem = (
  entities: Parameters<Parameters<Db['transaction']['write']>[0]>[0],
  c: CompanyChild,
  key: Key,
) => (entities as any)[c.entity].delete(key).commit() as object;

export interface DeleteOptions {
  /** Tries in all for keys DynamoDB leaves unprocessed (default 6). */
  attempts?: number;
  /** Wait before the first retry, doubled each time (default 50 ms). */
  backoffMs?: number;
}

/** Deletes keys in batches (BatchWriteItem), retrying with backoff what DynamoDB leaves unprocessed. */
export async function deleteChildren(db: Db, c: CompanyChild, keys: Key[], options: DeleteOptions = {}): Promise<void> {
  const attempts = options.attempts ?? 6;
  const backoffMs = options.backoffMs ?? 50;
  let pending = keys;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > attempts) {
      throw new Error(`${pending.length} ${c.entity} item(s) were still unprocessed after ${attempts} tries`);
    }
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 2)));
    const { unprocessed } = await entityOf(db, c).delete(pending).go({ concurrent: 4 });
    pending = unprocessed;
  }
}
