/** The states a run moves through outside the AI steps: failing, releasing its lock, and the errors that steer retries. */
import type { AnalysisRun } from '../data/analysis-run.js';
import { isConditionFailure } from '../data/transaction.js';
import type { Deps } from '../shared/deps.js';

/** Identifies a run in workflow payloads and queue messages. */
export interface RunKey {
  tenantId: string;
  companyId: string;
  runId: string;
}

/** Worth retrying: a conflict with a concurrent write or a throttled table. The workflow retries these. */
export class TransientError extends Error {
  override name = 'TransientError';
}

/** The run cannot go on for a reason retrying will not fix; `reason` is shown to the user. */
export class RunFailedError extends Error {
  override name = 'RunFailedError';
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A run that can no longer change. */
export const finished = (run: AnalysisRun) => run.status === 'succeeded' || run.status === 'failed';

/** Lets the next manual analysis of the company start; only the run holding the lock releases it. */
export async function releaseLock(key: RunKey, deps: Deps): Promise<void> {
  try {
    await deps.db.entities.analysisLock
      .delete({ tenantId: key.tenantId, companyId: key.companyId })
      .where((attr, op) => op.eq(attr.runId, key.runId))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** The user-facing reason for a failure, from the error's name and message (never a stack trace). */
export function reasonFor(name: string, message: string): { code: string; reason: string } {
  switch (name) {
    case 'BudgetExceededError':
      return { code: 'budget-exceeded', reason: message };
    case 'AiUnavailableError':
      return {
        code: 'ai-unavailable',
        reason: `The AI provider did not answer after several tries (${message}). Try again in a few minutes.`,
      };
    case 'AiOutputInvalidError':
      return {
        code: 'ai-output-invalid',
        reason: `The AI answered in an unexpected shape: ${message}. Re-run, or check the prompt's output instructions.`,
      };
    case 'AiRejectedError':
      return {
        code: 'ai-rejected',
        reason: `The AI provider refused the request: ${message}. Check the API key and the prompt's model in settings.`,
      };
    case 'RunFailedError':
      return { code: 'failed', reason: message };
    case 'TenantRateLimitedError':
      return {
        code: 'rate-limited',
        reason: 'Your workspace kept using its whole share of the AI or Companies House limits. Try again later.',
      };
    case 'TransientError':
      return { code: 'conflict', reason: 'The company kept changing while the analysis was saved. Run it again.' };
    case 'States.Timeout':
    case 'Sandbox.Timedout':
      return { code: 'timeout', reason: 'The analysis took too long. Try again.' };
    default:
      return {
        code: 'internal',
        reason: 'Something went wrong on our side while analysing. Try again; if it keeps failing, tell support.',
      };
  }
}

/**
 * Marks a run failed with a readable reason, counting it on its batch (and taking it out of the
 * outbox) in the same transaction;
 * a run already finished is left alone (and not counted twice).
 */
export async function failRun(key: RunKey, failure: { code: string; reason: string }, deps: Deps): Promise<void> {
  const now = deps.now();
  const { data: run } = await deps.db.entities.analysisRun.get(key).go();
  if (!run || finished(run)) return;
  const result = await deps.db.transaction
    .write(({ analysisRun: r, analysisBatch: b, analysisOutbox: o }) => [
      r
        .patch(key)
        .set({ status: 'failed', error: failure, finishedAt: now, updatedAt: now })
        .where((attr, op) => `${op.ne(attr.status, 'succeeded')} AND ${op.ne(attr.status, 'failed')}`)
        .commit(),
      ...(run.batchId
        ? [
            b
              .patch({ tenantId: key.tenantId, batchId: run.batchId })
              .add({ failed: 1 })
              .set({ updatedAt: now })
              .commit(),
            o.delete({ tenantId: key.tenantId, batchId: run.batchId, runId: key.runId }).commit(),
          ]
        : []),
    ])
    .go();
  // Cancelled means someone finished the run meanwhile: nothing to mark.
  if (result.canceled && !result.data.some((item) => item.code === 'ConditionalCheckFailed')) {
    throw new TransientError('The run could not be marked failed; retrying');
  }
  await releaseLock(key, deps);
}
