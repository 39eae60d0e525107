/** Bulk work meets a deleted company: no run is created under it, and the batch still settles. */
import { companyLive } from '../companies/tombstone.js';
import type { AnalysisRun } from '../data/analysis-run.js';
import type { Deps } from '../shared/deps.js';
import { TransientError } from './run-state.js';
import type { BulkMessage } from './schema.js';

/**
 * Creates a bulk run on its first delivery, only while its company exists (a message arriving
 * after the company's tombstone must not leave a run its purge has already passed). 'exists' on
 * a redelivery, whatever became of the company since: the run's own steps then fail it.
 */
export async function createRunIfCompanyLive(
  run: AnalysisRun,
  deps: Deps,
): Promise<'created' | 'exists' | 'company-deleted'> {
  const result = await deps.db.transaction
    .write(({ company, analysisRun }) => [companyLive({ company }, run), analysisRun.create(run).commit()])
    .go();
  if (!result.canceled) return 'created';
  const [companyCheck, runCreate] = result.data;
  if (runCreate?.code === 'ConditionalCheckFailed') return 'exists';
  if (companyCheck?.code === 'ConditionalCheckFailed') return 'company-deleted';
  throw new TransientError('The bulk run could not be created; retrying');
}

/**
 * Settles a bulk message whose company was deleted before its run began: counted as failed on
 * its batch and taken out of the outbox in one transaction, once however often it is delivered.
 */
export async function settleForDeletedCompany(message: BulkMessage, deps: Deps): Promise<void> {
  const result = await deps.db.transaction
    .write(({ analysisBatch, analysisOutbox }) => [
      analysisOutbox
        .delete({ tenantId: message.tenantId, batchId: message.batchId, runId: message.runId })
        .where((attr, { exists }) => exists(attr.runId))
        .commit(),
      analysisBatch
        .patch({ tenantId: message.tenantId, batchId: message.batchId })
        .add({ failed: 1 })
        .set({ updatedAt: deps.now() })
        .commit(),
    ])
    .go();
  // A failed condition means an earlier delivery settled it already.
  if (result.canceled && result.data[0]?.code !== 'ConditionalCheckFailed') {
    throw new TransientError('The bulk message could not be settled; retrying');
  }
}
