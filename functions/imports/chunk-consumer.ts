import { defaultDeps } from '../shared/deps.js';
import { queueConsumer } from '../shared/queue-consumer.js';
import { importChunk } from './chunk.js';
import { importChunkMessage } from './schema.js';

/** One chunk of an import per message; a failed chunk is delivered again and writes only what is missing. */
export const handler = queueConsumer({
  queue: 'import chunks',
  message: importChunkMessage,
  handle: async (message) => {
    await importChunk(message, defaultDeps);
    return true;
  },
});
