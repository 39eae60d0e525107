import { defaultDeps } from '../shared/deps.js';
import { queueConsumer } from '../shared/queue-consumer.js';
import { fanoutPage } from './fanout.js';
import { awsPorts } from './ports.js';
import { fanoutMessage } from './schema.js';

const deps = { ...defaultDeps, ...awsPorts };

/** One page of a bulk analysis per message (the queue's batch size is 1); every step of a page is safe to repeat. */
export const handler = queueConsumer({
  queue: 'bulk analysis fan-out',
  message: fanoutMessage,
  handle: async (message) => {
    await fanoutPage(message, deps);
    return true;
  },
});
