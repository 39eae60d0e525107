import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { analysisApi } from './contract.js';
import { awsPorts } from './ports.js';
import * as analysis from './service.js';

const deps = { ...defaultDeps, ...awsPorts };

export const handler = createApi(analysisApi, {
  start: ({ ctx, params }) => analysis.startAnalysis(ctx, params.companyId, deps),
  list: ({ ctx, params, query }) => analysis.listRuns(ctx, params.companyId, query, deps),
  get: ({ ctx, params }) => analysis.getRun(ctx, params.companyId, params.runId, deps),
  startBatch: ({ ctx, body }) => analysis.startBatch(ctx, body, deps),
  listBatches: ({ ctx, query }) => analysis.listBatches(ctx, query, deps),
  getBatch: ({ ctx, params }) => analysis.getBatch(ctx, params.batchId, deps),
});
