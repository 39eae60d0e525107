import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { asFunctionRole } from '../data/tenant-scope.js';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { sendEmail } from '../shared/mailer.js';
import { traceInvocations } from '../shared/observability.js';
import { fireReminder, type ReminderOutcome } from './reminders.js';

const payload = z.object({ tenantId: z.string().min(1), taskId: z.string().min(1), dueAt: z.string().min(1) });

/** Invoked by a task's one-time schedule (EventBridge Scheduler; the local scheduler) at its due time. */
async function remind(event: unknown): Promise<{ outcome: ReminderOutcome | 'invalid' }> {
  const parsed = payload.safeParse(event);
  if (!parsed.success) {
    logger.error('reminder payload not understood', { event });
    return { outcome: 'invalid' };
  }
  const outcome = await fireReminder(parsed.data, { ...defaultDeps, sendEmail });
  logger.info('task reminder', { taskId: parsed.data.taskId, outcome });
  return { outcome };
}

export const handler = middy<unknown, { outcome: ReminderOutcome | 'invalid' }>()
  .use(injectLambdaContext(logger))
  .use(traceInvocations())
  // The schedule names its tenant; the task read and the marker write are that tenant's keys only.
  .handler((event: unknown) => asFunctionRole('a task reminder from its schedule', () => remind(event)));
