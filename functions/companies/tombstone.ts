/**
 * Deleting a company by tombstone: one transaction takes the company out of every read and
 * records the deletion; its children are then purged through the company-purge queue, a bounded
 * batch per message, driven by COMPANY_CHILDREN. Writers of children condition on the company
 * (companyLive), so nothing lands under a company once its tombstone has.
 */
import type { QueueId } from '../../lib/manifest-runtime.js';
import { childKeys, COMPANY_CHILDREN, deleteChildren, type DeleteOptions } from '../data/company-children.js';
import type { Deps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';

export interface CompanyKey {
  tenantId: string;
  companyId: string;
}

/** What deleting a company needs beyond the table: queueing its purge. */
export interface CompanyDeps extends Deps {
  /** Sends messages to a manifest queue; returns how many were accepted (throws QueueSendError naming any refused). */
  sendMessages(id: QueueId, bodies: unknown[]): Promise<number>;
}

type WriteEntities = Parameters<Parameters<Deps['db']['transaction']['write']>[0]>[0];

/**
 * A transaction item that holds only while the company exists (its tombstone replaces it): put
 * it beside any write of a company's child so a write racing the deletion cannot orphan data.
 */
export const companyLive = (entities: Pick<WriteEntities, 'company'>, key: CompanyKey) =>
  entities.company
    .check({ tenantId: key.tenantId, companyId: key.companyId })
    .where((attr, { exists }) => exists(attr.companyId))
    .commit();

/**
 * Children of each kind deleted per purge message. Five kinds at 100 each is at most 20
 * BatchWriteItem calls (25 keys each) and 5 queries: a few seconds of the consumer's budget.
 */
export const PURGE_BATCH = 100;

/** A purge message not re-queued for this long is taken as lost and queued again by the sweep. */
export const PURGE_STALE_MS = 15 * 60_000;

/** Queues the next step of a company's purge and notes when, so the sweep leaves a live purge alone. */
export async function queuePurge(key: CompanyKey, deps: CompanyDeps): Promise<void> {
  await deps.sendMessages('company-purge', [key]);
  await deps.db.entities.companyPurge
    .patch(key)
    .set({ queuedAt: deps.now() })
    .go()
    .catch((error: unknown) => logger.warn('could not note a queued purge', { error: error as Error }));
}

export type PurgeOutcome = 'more' | 'done' | 'not-deleted';

/**
 * One bounded step of a company's purge: up to PURGE_BATCH children of each kind, retrying what
 * DynamoDB leaves unprocessed (an error after the last try fails the message, which SQS retries,
 * then dead-letters). Returns 'more' when children remain (the caller queues the next step) and
 * 'done' once the last is gone, when the purge record goes and the tombstone says so. Only a
 * tombstoned company is ever purged: a message for a live or unknown one does nothing.
 */
export async function purgeStep(key: CompanyKey, deps: Deps, options: DeleteOptions = {}): Promise<PurgeOutcome> {
  const [{ data: tombstone }, { data: company }] = await Promise.all([
    deps.db.entities.companyTombstone.get(key).go({ consistent: true }),
    deps.db.entities.company.get(key).go({ consistent: true }),
  ]);
  if (!tombstone || company) return 'not-deleted';
  if (tombstone.purgedAt) return 'done';
  let more = false;
  for (const child of COMPANY_CHILDREN) {
    const page = await childKeys(deps.db, child, key, { count: PURGE_BATCH });
    // The deletion's own timeline entry stays as the record of it.
    const keys = page.keys.filter(
      (k) => !(child.entity === 'timelineEntry' && k.entryId === tombstone.deletionEntryId),
    );
    if (keys.length > 0) await deleteChildren(deps.db, child, keys, options);
    if (page.cursor) more = true;
  }
  if (more) return 'more';
  const now = deps.now();
  await deps.db.transaction
    .write(({ companyPurge, companyTombstone }) => [
      companyPurge.delete(key).commit(),
      companyTombstone.patch(key).set({ purgedAt: now }).commit(),
    ])
    .go();
  return 'done';
}

/**
 * Queues again every purge that was recorded but whose message is missing: never sent (the send
 * failed after the tombstone committed), or lost (the local queues live in memory). The local
 * cloud calls it at start-up with `olderThanMs: 0`; a schedule calls it with the default, which
 * leaves purges that queued a step recently alone. Returns how many were queued.
 */
export async function resumeCompanyPurges(deps: CompanyDeps, options: { olderThanMs?: number } = {}): Promise<number> {
  const cutoff = Date.parse(deps.now()) - (options.olderThanMs ?? PURGE_STALE_MS);
  const { data: tenants } = await deps.db.entities.tenant.query.all({}).go({ pages: 'all', attributes: ['tenantId'] });
  let queued = 0;
  for (const { tenantId } of tenants) {
    // Bounded per tenant per sweep (the next sweep takes the rest).
    const { data: pending } = await deps.db.entities.companyPurge.query
      .byTenant({ tenantId: tenantId! })
      .go({ count: 100 });
    for (const purge of pending) {
      if (Date.parse(purge.queuedAt ?? purge.requestedAt) > cutoff) continue;
      await queuePurge({ tenantId: purge.tenantId, companyId: purge.companyId }, deps);
      queued++;
    }
  }
  return queued;
}
