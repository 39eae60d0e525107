import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { asFunctionRole } from '../data/tenant-scope.js';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { traceInvocations } from '../shared/observability.js';
import { drainOutbox } from './outbox.js';
import { awsPorts } from './ports.js';

const deps = { ...defaultDeps, ...awsPorts };

/**
 * A message can be in flight for its three deliveries of up to the bulk queue's visibility
 * timeout each (6 × 360 s = 36 min), after waiting behind a 5,000-company batch: one younger than
 * this is most likely waiting in SQS, not lost. A resent one that was only slow is harmless: a run
 * never redoes a step that landed.
 */
export const DRAIN_MIN_AGE_MS = 2 * 60 * 60_000;

/** Scheduled (manifest.schedules): resends bulk work whose send was lost. */
async function drain(_event: ScheduledEvent): Promise<{ drained: number }> {
  const drained = await drainOutbox(deps, { minAgeMs: DRAIN_MIN_AGE_MS });
  if (drained > 0) logger.info('outbox drained', { drained });
  return { drained };
}

export const handler = middy<ScheduledEvent, { drained: number }>()
  .use(injectLambdaContext(logger))
  .use(traceInvocations())
  // Reads every tenant's outbox: the function's own role, chosen here on purpose (tenant-scope.ts).
  .handler((event: ScheduledEvent) => asFunctionRole('the scheduled outbox drain', () => drain(event)));
