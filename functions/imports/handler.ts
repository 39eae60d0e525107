import { defaultDeps } from '../shared/deps.js';
import { createApi, Reply } from '../shared/http.js';
import { sendToQueue } from '../shared/queue.js';
import { importsApi } from './contract.js';
import * as imports from './service.js';

const deps: imports.ImportDeps = { ...defaultDeps, sendChunks: (bodies) => sendToQueue('import-chunks', bodies) };

export const handler = createApi(importsApi, {
  start: async ({ ctx, body }) => {
    const result = await imports.startImport(ctx, body, deps);
    // A dry run changes nothing and answers at once: 200, not the 202 of a queued import.
    return 'dryRun' in result ? new Reply(result, {}, 200) : result;
  },
  upload: ({ ctx }) => imports.createUpload(ctx, deps),
  get: ({ ctx, params }) => imports.getImport(ctx, params.importId, deps),
});
