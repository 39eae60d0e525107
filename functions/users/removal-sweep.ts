import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { asFunctionRole } from '../data/tenant-scope.js';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { traceInvocations } from '../shared/observability.js';
import { cognitoIdentity } from './identity.js';
import { resumeUserRemovals } from './service.js';

/** Scheduled (manifest.schedules): deletes the sign-in of a removed user whose Cognito call failed. */
async function sweep(_event: ScheduledEvent): Promise<{ finished: number }> {
  const finished = await resumeUserRemovals({ ...defaultDeps, identity: cognitoIdentity });
  if (finished > 0) logger.info('user removals finished', { finished });
  return { finished };
}

export const handler = middy<ScheduledEvent, { finished: number }>()
  .use(injectLambdaContext(logger))
  .use(traceInvocations())
  // Reads every tenant's pending removals: the function's own role, on purpose (tenant-scope.ts).
  .handler((event: ScheduledEvent) => asFunctionRole('the scheduled user removal sweep', () => sweep(event)));
