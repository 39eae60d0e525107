/**
 * The fan-out of a bulk analysis, one bounded page per `batch-fanout` message: the request that
 * starts a batch only counts the stage and queues the first page, so it answers 202 at once
 * whatever the stage's size, and no invocation reads or writes more than one page.
 */
import { recordUsage } from '../ai/usage.js';
import type { AnalysisRun } from '../data/analysis-run.js';
import { isConditionFailure } from '../data/transaction.js';
import { createRunIfCompanyLive } from './company-guard.js';
import type { Deps } from '../shared/deps.js';
import type { AnalysisPorts } from './ports.js';
import { finished } from './run-state.js';
import type { BulkMessage, FanoutMessage } from './schema.js';

/**
 * Companies per fan-out message: one stage query page, 100 conditional run writes (25 at a time),
 * 4 outbox batch writes and 10 SQS batch sends, a few seconds in all (the consumer's budget is in
 * lib/manifest.ts).
 */
export const FANOUT_PAGE = 100;

/** Run writes in flight at once within a page. */
const WRITE_CONCURRENCY = 25;

/** DynamoDB's BatchWriteItem takes 25 items; ElectroDB splits bigger puts, retries are ours. */
const OUTBOX_RETRIES = 5;

/**
 * The one run of `companyId` in `batchId`. Deterministic, so a redelivered page finds the runs it
 * already wrote instead of creating a second one; it starts with the batch's ULID, so the
 * company's history still sorts by time.
 */
export const bulkRunId = (batchId: string, companyId: string): string => `${batchId}-${companyId}`;

/** A bulk run as it is first written, by the fan-out or by the consumer of its message. */
export const queuedBulkRun = (message: BulkMessage, now: string): AnalysisRun => ({
  tenantId: message.tenantId,
  companyId: message.companyId,
  runId: message.runId,
  batchId: message.batchId,
  status: 'queued',
  step: 'gather',
  trigger: 'bulk',
  requestedBy: message.requestedBy,
  requestedByName: message.requestedByName,
  createdAt: now,
  updatedAt: now,
});

/** Runs `fn` over `items`, at most `limit` at a time. */
async function inChunks<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  return out;
}

/** Records messages before they are queued, retrying what DynamoDB leaves unprocessed. */
export async function writeOutbox(messages: readonly BulkMessage[], deps: Deps): Promise<void> {
  let pending = messages.map((m) => ({ ...m, queuedAt: deps.now() }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === OUTBOX_RETRIES) throw new Error(`${pending.length} bulk analysis message(s) could not be recorded`);
    const { unprocessed } = await deps.db.entities.analysisOutbox.put(pending).go();
    pending = pending.filter((m) => unprocessed.some((u) => u.runId === m.runId));
  }
}

/**
 * Creates the run unless it exists, only while its company exists. Returns whether it still needs
 * its work message: true when created now, when an earlier delivery created it but it has not
 * finished, or when the company was deleted as its page was written (the bulk consumer then
 * counts it as failed on the batch, once however often it is delivered, so the batch settles).
 */
async function ensureRun(run: AnalysisRun, deps: Deps): Promise<{ created: boolean; pending: boolean }> {
  const outcome = await createRunIfCompanyLive(run, deps);
  if (outcome === 'created') return { created: true, pending: true };
  if (outcome === 'company-deleted') return { created: false, pending: true };
  const { data } = await deps.db.entities.analysisRun
    .get({ tenantId: run.tenantId, companyId: run.companyId, runId: run.runId })
    .go();
  return { created: false, pending: !!data && !finished(data) };
}

/**
 * Fans out one page: a run and an outbox entry per company, its work message, then the next
 * page. Safe to deliver twice: runs are keyed by batch and company, the batch's `fanoutOffset`
 * only moves forward from this page's offset, and only the delivery that moved it (or a retry
 * that finds it exactly there) queues the next page.
 */
export async function fanoutPage(message: FanoutMessage, deps: Deps & AnalysisPorts): Promise<void> {
  const { tenantId, batchId } = message;
  const { data: batch } = await deps.db.entities.analysisBatch.get({ tenantId, batchId }).go();
  if (!batch || batch.fannedOut) return;
  const offset = batch.fanoutOffset ?? 0;
  // A page already behind the batch: a duplicate of a page whose successor has run.
  if (offset > message.offset) return;

  // Never more than the batch counted when it started (the stage may have grown since).
  const room = Math.max(0, batch.total - message.offset);
  const page =
    room === 0
      ? { data: [], cursor: null }
      : await deps.db.entities.company.query
          .byStage({ tenantId, stage: message.stage })
          // Whole items: the cursor ElectroDB builds from the last item needs its index keys.
          .go({ count: Math.min(FANOUT_PAGE, room), cursor: message.cursor });
  const now = deps.now();
  const runs = page.data.map(({ companyId }) =>
    queuedBulkRun(
      {
        tenantId,
        batchId,
        companyId,
        runId: bulkRunId(batchId, companyId),
        requestedBy: message.requestedBy,
        requestedByName: message.requestedByName,
      },
      now,
    ),
  );
  const ensured = await inChunks(runs, WRITE_CONCURRENCY, (run) => ensureRun(run, deps));
  const work: BulkMessage[] = runs
    .filter((_, i) => ensured[i]!.pending)
    .map((run) => ({
      tenantId,
      batchId,
      companyId: run.companyId,
      runId: run.runId,
      requestedBy: message.requestedBy,
      requestedByName: message.requestedByName,
    }));
  await writeOutbox(work, deps);
  await deps.sendMessages('analysis-bulk', work);
  const created = ensured.filter((e) => e.created).length;
  if (created > 0) await recordUsage(tenantId, { runs: created }, deps);

  const nextOffset = message.offset + runs.length;
  const last = !page.cursor || nextOffset >= batch.total;
  const moved = await advanceFanout(message, nextOffset, last ? undefined : page.cursor!, deps);
  if (last || !moved) return;
  const next: FanoutMessage = { ...message, cursor: page.cursor, offset: nextOffset };
  await deps.sendMessages('batch-fanout', [next]);
}

/**
 * Moves the batch's fan-out from `message.offset` to `nextOffset` and the page at `nextCursor`
 * (the last page, without one, fixes the total at the runs created). False when another delivery of a later page already moved it on.
 */
async function advanceFanout(
  message: FanoutMessage,
  nextOffset: number,
  nextCursor: string | undefined,
  deps: Deps,
): Promise<boolean> {
  const key = { tenantId: message.tenantId, batchId: message.batchId };
  const moved = nextCursor ? { fanoutCursor: nextCursor } : { fannedOut: true, total: nextOffset };
  try {
    await deps.db.entities.analysisBatch
      .patch(key)
      .set({ fanoutOffset: nextOffset, updatedAt: deps.now(), ...moved })
      .where((attr, op) => `(${op.eq(attr.fanoutOffset, message.offset)} OR ${op.eq(attr.fanoutOffset, nextOffset)})`)
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
