import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { pipelinesApi } from './contract.js';
import * as pipelines from './service.js';

export const handler = createApi(pipelinesApi, {
  list: ({ ctx, query }) => pipelines.listPipelines(ctx, query, defaultDeps),
  create: ({ ctx, body }) => pipelines.createPipeline(ctx, body, defaultDeps),
  get: ({ ctx, params }) => pipelines.getPipeline(ctx, params.pipelineId, defaultDeps),
  update: ({ ctx, params, body, version }) =>
    pipelines.updatePipeline(ctx, params.pipelineId, body, version, defaultDeps),
});
