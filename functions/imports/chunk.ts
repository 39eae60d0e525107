import { assertCommitted, TransactionCancelledError } from '../data/transaction.js';
import type { Deps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { importFiles, type ImportFiles } from './files.js';
import { finishIfComplete } from './finish.js';
import type { ImportChunkMessage, RowError } from './schema.js';
import { createdBefore, createRows } from './create-rows.js';
import { dealsCreatedBefore } from './deal-rows.js';
import { chunkLookups, planRow, type Outcome } from './write-row.js';

/**
 * Rows of a chunk planned side by side: a company row is answered from the chunk's lookups; a
 * contact row is a company lookup (shared by the rows naming it) and an email Query; a deal row
 * is a company lookup and its create (one company's deals in turn).
 */
const ROW_CONCURRENCY = 16;

/** Tries at counting a chunk while others count theirs on the same import. */
const COUNT_TRIES = 8;

/** The chunk was counted by another delivery while this one wrote it. */
class AlreadyCountedError extends Error {}

/**
 * Writes one chunk of an import, then counts it: the chunk's counted marker and its counts go to
 * the import in one transaction conditional on the marker's absence, so a chunk delivered twice
 * (even at once) is counted once, and its rows, written under their own ids, exist once. The
 * delivery that counts the last chunk finishes the import.
 */
export async function importChunk(
  message: ImportChunkMessage,
  deps: Deps,
  files: ImportFiles = importFiles(message.tenantId),
): Promise<void> {
  const { tenantId, importId, chunk } = message;
  const [{ data: counted }, { data: job }] = await Promise.all([
    deps.db.entities.importChunk.get({ tenantId, importId, chunk }).go({ consistent: true }),
    deps.db.entities.importJob.get({ tenantId, importId }).go({ consistent: true }),
  ]);
  // No such chunk (a stray or forged message): nothing to write, nothing to retry.
  if (counted || !job || chunk >= job.chunks) return;
  const t0 = Date.now();
  const file = await files.readChunk(importId, chunk);
  // Rows an earlier delivery created need no lookups: their records exist under their own ids.
  const done = await (job.kind === 'deals' ? dealsCreatedBefore : createdBefore)(job, file.rows, deps);
  const lookups = await chunkLookups(
    job,
    file.rows.filter((r) => !done.has(r.row)),
    deps,
  );
  const planned: Awaited<ReturnType<typeof planRow>>[] = new Array(file.rows.length);
  let next = 0;
  const worker = async () => {
    while (next < file.rows.length) {
      const i = next++;
      const row = file.rows[i]!;
      planned[i] = done.has(row.row) ? 'created' : await planRow(job, row, file.columns, lookups, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ROW_CONCURRENCY, file.rows.length) }, worker));
  const t1 = Date.now();
  await createRows(
    job,
    planned.flatMap((p) => (typeof p === 'object' && 'create' in p ? [p.create] : [])),
    deps,
  );
  const outcomes: Outcome[] = planned.map((p) => (typeof p === 'object' && 'create' in p ? 'created' : p));

  const errors: RowError[] = outcomes.flatMap((o) => (typeof o === 'object' ? [o.error] : []));
  const tally = (what: Outcome) => outcomes.filter((o) => o === what).length;
  const counts = {
    created: tally('created'),
    updated: tally('updated'),
    skipped: tally('skipped'),
    failed: errors.length,
  };
  const t2 = Date.now();
  const now = deps.now();
  const count = async () =>
    assertCommitted(
      await deps.db.transaction
        .write(({ importChunk, importJob }) => [
          importChunk.create({ tenantId, importId, chunk, errors, countedAt: now }).commit(),
          importJob
            .update({ tenantId, importId })
            .add({ ...counts, processed: file.rows.length, chunksDone: 1 })
            .set({ updatedAt: now })
            .commit(),
        ])
        .go(),
      () => new AlreadyCountedError(),
    );
  for (let attempt = 1; ; attempt++) {
    try {
      await count();
      break;
    } catch (error) {
      if (error instanceof AlreadyCountedError) return;
      // Chunks finishing together contend for the import item: wait a little and count again,
      // rather than have the whole chunk redelivered and looked up again.
      if (!(error instanceof TransactionCancelledError) || attempt >= COUNT_TRIES) throw error;
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));
    }
  }
  const ms = { planMs: t1 - t0, writeMs: t2 - t1, countMs: Date.now() - t2 };
  logger.info('import chunk counted', { importId, chunk, ...counts, ...ms });
  const { data: after } = await deps.db.entities.importJob.get({ tenantId, importId }).go({ consistent: true });
  if (after) await finishIfComplete(after, files, deps);
}
