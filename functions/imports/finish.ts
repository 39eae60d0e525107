import type { ImportJob } from '../data/import-job.js';
import { isConditionFailure } from '../data/transaction.js';
import type { Deps } from '../shared/deps.js';
import { toCsv } from '../shared/csv.js';
import { NotFoundError } from '../shared/errors.js';
import type { ImportFiles } from './files.js';
import type { RowError } from './schema.js';

/** Every problem of an import, by row: the schema's (found at the start) and the writes'. */
async function allErrors(job: ImportJob, files: ImportFiles, deps: Deps): Promise<RowError[]> {
  const checked = await files.readCheckErrors(job.importId).catch((e: unknown) => {
    if (e instanceof NotFoundError) return [];
    throw e;
  });
  const { data: chunks } = await deps.db.entities.importChunk.query
    .byImport({ tenantId: job.tenantId, importId: job.importId })
    .go({ pages: 'all', consistent: true });
  return [...checked, ...chunks.flatMap((c) => c.errors ?? [])].sort((a, b) => a.row - b.row);
}

/**
 * Once every chunk is counted: the error report (when any row failed) and the import marked
 * done. Two deliveries finishing at once write the same report; the status changes once.
 */
export async function finishIfComplete(job: ImportJob, files: ImportFiles, deps: Deps): Promise<void> {
  if (job.status === 'done' || job.chunksDone < job.chunks) return;
  const errors = job.failed > 0 ? await allErrors(job, files, deps) : [];
  let errorReportKey: string | undefined;
  if (errors.length > 0) {
    const csv = toCsv(
      ['row', 'column', 'field', 'message'],
      errors.map((e) => [e.row, e.column, e.field, e.message]),
    );
    await files.putReport(job.importId, csv);
    errorReportKey = files.reportKey(job.importId);
  }
  const now = deps.now();
  try {
    await deps.db.entities.importJob
      .patch({ tenantId: job.tenantId, importId: job.importId })
      .set({ status: 'done', finishedAt: now, updatedAt: now, ...(errorReportKey ? { errorReportKey } : {}) })
      .where(({ status }, { eq }) => eq(status, 'running'))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
