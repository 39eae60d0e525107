import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { asFunctionRole } from '../data/tenant-scope.js';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { sendEmail } from '../shared/mailer.js';
import { traceInvocations } from '../shared/observability.js';
import { sendAllDigests } from './digest.js';

/** Scheduled (manifest.schedules): the daily task digests whose users' mornings have come. */
async function digest(_event: ScheduledEvent): Promise<{ sent: number }> {
  const sent = await sendAllDigests({ ...defaultDeps, sendEmail });
  if (sent > 0) logger.info('task digests sent', { sent });
  return { sent };
}

export const handler = middy<ScheduledEvent, { sent: number }>()
  .use(injectLambdaContext(logger))
  .use(traceInvocations())
  // Reads every tenant's users and tasks: the function's own role, on purpose (tenant-scope.ts).
  .handler((event: ScheduledEvent) => asFunctionRole('the scheduled task digest', () => digest(event)));
