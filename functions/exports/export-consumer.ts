import { defaultDeps } from '../shared/deps.js';
import { queueConsumer } from '../shared/queue-consumer.js';
import { exportMessage } from './schema.js';
import { runExport } from './service.js';

/** One export per message: a large list's CSV or a workspace archive. */
export const handler = queueConsumer({
  queue: 'exports',
  message: exportMessage,
  handle: async ({ tenantId, exportId }) => {
    await runExport(tenantId, exportId, defaultDeps);
    return true;
  },
});
