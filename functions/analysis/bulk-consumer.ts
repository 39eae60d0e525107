import { queues } from '../../lib/manifest-runtime.js';
import { AiUnavailableError } from '../ai/provider.js';
import { isConditionFailure } from '../data/transaction.js';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { sendToQueue } from '../shared/queue.js';
import { TenantRateLimitedError } from '../shared/token-bucket.js';
import { companiesHouseLookup } from './companies-house-lookup.js';
import { createRunIfCompanyLive, settleForDeletedCompany } from './company-guard.js';
import { queuedBulkRun } from './fanout.js';
import { runAllSteps, type PipelineDeps } from './pipeline.js';
import { failRun, finished, reasonFor, TransientError, type RunKey } from './run-state.js';
import { bulkMessage, type BulkMessage } from './schema.js';
import { queueConsumer } from '../shared/queue-consumer.js';

const deps: PipelineDeps = { ...defaultDeps, companiesHouse: companiesHouseLookup };
const MAX_RECEIVES = queues.find((q) => q.id === 'analysis-bulk')!.maxReceiveCount;

/**
 * Worth another delivery: the provider was down, a write raced, or the tenant's share of a provider
 * is spent for now; anything else will fail the same way again.
 */
const isTransient = (error: unknown) =>
  error instanceof AiUnavailableError || error instanceof TransientError || error instanceof TenantRateLimitedError;

/** SQS delays a message at most 15 minutes. */
const MAX_DELAY_SECONDS = 900;

/**
 * The tenant's share of a provider is spent: the message goes back to the queue, delayed until a
 * token is due, as a new message, so waiting for the limit never uses up the tries that end in
 * the DLQ. Returns false (redeliver as usual) if it could not be sent back.
 */
async function deferForLimit(message: BulkMessage, key: RunKey, error: TenantRateLimitedError): Promise<boolean> {
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, error.retryAfterSeconds);
  try {
    await sendToQueue('analysis-bulk', [message], { delaySeconds });
  } catch (sendError) {
    logger.warn('could not defer a rate-limited bulk message', { runId: message.runId, error: sendError as Error });
    return false;
  }
  const until = new Date(Date.parse(deps.now()) + delaySeconds * 1000).toISOString();
  await deps.db.entities.analysisRun
    .patch(key)
    .set({ deferredUntil: until, updatedAt: deps.now() })
    .go()
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
  logger.info('bulk analysis deferred for the tenant limit', { runId: message.runId, limit: error.limit, until });
  return true;
}

/** Creates the run on first delivery (unless the company is gone); redeliveries find it and carry on. */
async function ensureRun(message: BulkMessage) {
  return createRunIfCompanyLive(queuedBulkRun(message, deps.now()), deps);
}

/** A duplicate of settled work (a resent outbox entry): its outbox entry is cleared, nothing is redone. */
async function alreadyFinished(message: BulkMessage): Promise<boolean> {
  const { tenantId, companyId, runId, batchId } = message;
  const { data: run } = await deps.db.entities.analysisRun.get({ tenantId, companyId, runId }).go();
  if (!run || !finished(run)) return false;
  await deps.db.entities.analysisOutbox.delete({ tenantId, batchId, runId }).go();
  return true;
}

/** One company per message; failures are reported per message so one bad company never blocks the rest. */
export const handler = queueConsumer({
  queue: 'bulk analysis',
  message: bulkMessage,
  handle: async (message, record) => {
    const key = { tenantId: message.tenantId, companyId: message.companyId, runId: message.runId };
    const lastTry = Number(record.attributes.ApproximateReceiveCount) >= MAX_RECEIVES;
    try {
      if ((await ensureRun(message)) === 'company-deleted') {
        await settleForDeletedCompany(message, deps);
        return true;
      }
      if (await alreadyFinished(message)) return true;
      // The steps count the run on its batch, and take it out of the outbox, in the transaction
      // that finishes it.
      await runAllSteps(key, deps);
      return true;
    } catch (error) {
      if (error instanceof TenantRateLimitedError && (await deferForLimit(message, key, error))) return true;
      const e = error instanceof Error ? error : new Error(String(error));
      if (isTransient(e) && !lastTry) return false;
      await failRun(key, reasonFor(e.name, e.message), deps);
      logger.warn('bulk analysis failed', { runId: message.runId, error: e.name });
      // Given up after retries: let it reach the DLQ so an operator can redrive it.
      return !isTransient(e);
    }
  },
});
