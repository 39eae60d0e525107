/**
 * Draining the bulk analysis outbox: work recorded in the table but never settled is queued
 * again. The local cloud drains at start-up (its queues live in memory and lose everything on a
 * restart); the cloud drains every five minutes (functions/analysis/outbox-drain.ts, scheduled in
 * lib/manifest.ts) for sends that failed after their entry was written.
 */
import type { Deps } from '../shared/deps.js';
import type { AnalysisPorts } from './ports.js';
import { finished } from './run-state.js';
import type { AnalysisBatch } from '../data/analysis-run.js';
import type { Stage } from '../shared/enums.js';
import type { BulkMessage, FanoutMessage } from './schema.js';
import { writeOutbox } from './fanout.js';

/** Tenants read per page of the all-tenants index. */
const TENANT_PAGE = 100;
/** Batches looked at per tenant, newest first: older ones are settled or stale. */
const BATCHES_PER_TENANT = 20;
/** Outbox entries resent per drain, across all tenants; the next drain carries on. */
export const MAX_DRAINED = 500;

export interface DrainOptions {
  /**
   * Only entries sent longer ago than this are resent: a message still waiting in SQS is not
   * lost. 0 at local start-up, where the queues are empty.
   */
  minAgeMs: number;
}

/**
 * Queues again every unsettled outbox entry older than `minAgeMs` of a batch still running, at
 * most MAX_DRAINED per call; an entry whose run has finished is removed instead. Returns how many
 * were queued.
 */
export async function drainOutbox(deps: Deps & AnalysisPorts, options: DrainOptions): Promise<number> {
  const cutoff = Date.parse(deps.now()) - options.minAgeMs;
  let drained = 0;
  let cursor: string | null = null;
  do {
    const tenants: { data: { tenantId?: string }[]; cursor: string | null } = await deps.db.entities.tenant.query
      .all({})
      // Whole items: ElectroDB builds the cursor from the last item's keys.
      .go({ count: TENANT_PAGE, cursor });
    cursor = tenants.cursor;
    for (const { tenantId } of tenants.data) {
      if (drained >= MAX_DRAINED) return drained;
      drained += await drainTenant(tenantId!, cutoff, MAX_DRAINED - drained, deps);
    }
  } while (cursor);
  return drained;
}

/** Queues again the fan-out page a batch stopped at (its message was lost, or never sent). */
async function resumeFanout(batch: AnalysisBatch, deps: Deps & AnalysisPorts): Promise<number> {
  const page: FanoutMessage = {
    tenantId: batch.tenantId,
    batchId: batch.batchId,
    stage: batch.stage as Stage,
    cursor: batch.fanoutCursor ?? null,
    offset: batch.fanoutOffset ?? 0,
    requestedBy: batch.requestedBy,
    requestedByName: batch.requestedByName,
  };
  await deps.db.entities.analysisBatch
    .patch({ tenantId: batch.tenantId, batchId: batch.batchId })
    .set({ updatedAt: deps.now() })
    .go();
  return deps.sendMessages('batch-fanout', [page]);
}

async function drainTenant(tenantId: string, cutoff: number, room: number, deps: Deps & AnalysisPorts) {
  const { data: batches } = await deps.db.entities.analysisBatch.query
    .byTenant({ tenantId })
    .go({ order: 'desc', count: BATCHES_PER_TENANT });
  let drained = 0;
  for (const batch of batches.filter((b) => (b.succeeded ?? 0) + (b.failed ?? 0) < b.total)) {
    if (drained >= room) break;
    if (!batch.fannedOut && Date.parse(batch.updatedAt) <= cutoff) drained += await resumeFanout(batch, deps);
    const { data: entries } = await deps.db.entities.analysisOutbox.query
      .byBatch({ tenantId, batchId: batch.batchId })
      .go({ count: room - drained });
    const due = entries.filter((e) => !e.queuedAt || Date.parse(e.queuedAt) <= cutoff);
    const resend: BulkMessage[] = [];
    for (const { queuedAt: _q, ...entry } of due) {
      const { data: run } = await deps.db.entities.analysisRun
        .get({ tenantId, companyId: entry.companyId, runId: entry.runId })
        .go();
      if (run && finished(run)) {
        await deps.db.entities.analysisOutbox.delete({ tenantId, batchId: entry.batchId, runId: entry.runId }).go();
      } else resend.push(entry);
    }
    if (resend.length === 0) continue;
    // Stamped again before sending, so the next drain leaves them alone while they are in flight.
    await writeOutbox(resend, deps);
    await deps.db.entities.analysisBatch
      .patch({ tenantId, batchId: batch.batchId })
      .set({ updatedAt: deps.now() })
      .go();
    drained += await deps.sendMessages('analysis-bulk', resend);
  }
  return drained;
}
