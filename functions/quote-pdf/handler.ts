import { quotePdfMessage } from '../quotes/pdf-message.js';
import { defaultDeps } from '../shared/deps.js';
import { queueConsumer } from '../shared/queue-consumer.js';
import { renderStoredQuotePdf } from './quote-pdfs.js';

/** One quote PDF per message: a sent revision, its accepted copy, or a draft's preview. */
export const handler = queueConsumer({
  queue: 'quote-pdfs',
  message: quotePdfMessage,
  handle: async (message) => {
    await renderStoredQuotePdf(message, defaultDeps);
    return true;
  },
});
