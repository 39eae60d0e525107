import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { asFunctionRole } from '../data/tenant-scope.js';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { traceInvocations } from '../shared/observability.js';
import { sendToQueue } from '../shared/queue.js';
import { resumeCompanyPurges, type CompanyDeps } from './tombstone.js';

const deps: CompanyDeps = { ...defaultDeps, sendMessages: (id, bodies) => sendToQueue(id, bodies) };

/** Scheduled (manifest.schedules): queues again a company purge whose message was never sent or was lost. */
async function sweep(_event: ScheduledEvent): Promise<{ queued: number }> {
  const queued = await resumeCompanyPurges(deps);
  if (queued > 0) logger.info('company purges queued again', { queued });
  return { queued };
}

export const handler = middy<ScheduledEvent, { queued: number }>()
  .use(injectLambdaContext(logger))
  .use(traceInvocations())
  // Reads every tenant's pending purges: the function's own role, on purpose (tenant-scope.ts).
  .handler((event: ScheduledEvent) => asFunctionRole('the scheduled company purge sweep', () => sweep(event)));
