import { defaultDeps } from '../shared/deps.js';
import { createApi, Reply } from '../shared/http.js';
import { sendToQueue } from '../shared/queue.js';
import { exportsApi } from './contract.js';
import * as exports from './service.js';

const deps: exports.ExportDeps = { ...defaultDeps, sendExport: (body) => sendToQueue('exports', [body]) };

export const handler = createApi(exportsApi, {
  start: async ({ ctx, body }) => {
    const { view, queued } = await exports.startExport(ctx, body, deps);
    return queued ? view : new Reply(view, {}, 200);
  },
  get: ({ ctx, params }) => exports.getExport(ctx, params.exportId, deps),
});
