import * as z from 'zod';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { sendToQueue } from '../shared/queue.js';
import { queueConsumer } from '../shared/queue-consumer.js';
import { purgeStep, queuePurge, type CompanyDeps } from './tombstone.js';

const deps: CompanyDeps = { ...defaultDeps, sendMessages: (id, bodies) => sendToQueue(id, bodies) };

const purgeMessage = z.object({ tenantId: z.string().min(1), companyId: z.string().min(1) });

/** One company's purge step per message. */
export const handler = queueConsumer({
  queue: 'company purge',
  message: purgeMessage,
  handle: async (key) => {
    const outcome = await purgeStep(key, deps);
    if (outcome === 'not-deleted') logger.warn('purge message for a company that is not deleted', key);
    // The next step is its own message, so no delivery runs longer than one bounded step; if it cannot
    // be queued this one is retried (a repeated step deletes nothing twice).
    if (outcome === 'more') await queuePurge(key, deps);
    return true;
  },
});
