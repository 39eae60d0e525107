import { createApi, ok, type TenantOperation } from '../shared/http.js';
import { defaultDeps } from '../shared/deps.js';
import { emptyBody, parseInput } from '../shared/validation.js';
import { awsPorts } from './ports.js';
import { listRunsSchema, startBatchSchema } from './schema.js';
import * as analysis from './service.js';

const deps = { ...defaultDeps, ...awsPorts };

const start: TenantOperation = async (req) => {
  parseInput(emptyBody, req.body);
  return ok(await analysis.startAnalysis(req.ctx, req.params.companyId!, deps), 202);
};

const list: TenantOperation = async (req) =>
  ok(await analysis.listRuns(req.ctx, req.params.companyId!, parseInput(listRunsSchema, req.query, 'query'), deps));

const get: TenantOperation = async (req) =>
  ok(await analysis.getRun(req.ctx, req.params.companyId!, req.params.runId!, deps));

const startBatch: TenantOperation = async (req) =>
  ok(await analysis.startBatch(req.ctx, parseInput(startBatchSchema, req.body), deps), 202);

const listBatches: TenantOperation = async (req) =>
  ok(await analysis.listBatches(req.ctx, parseInput(listRunsSchema, req.query, 'query'), deps));

const getBatch: TenantOperation = async (req) => ok(await analysis.getBatch(req.ctx, req.params.batchId!, deps));

export const handler = createApi('analysis', {
  'POST /v1/companies/{companyId}/analysis': start,
  'GET /v1/companies/{companyId}/analysis': list,
  'GET /v1/companies/{companyId}/analysis/{runId}': get,
  'POST /v1/analysis-batches': startBatch,
  'GET /v1/analysis-batches': listBatches,
  'GET /v1/analysis-batches/{batchId}': getBatch,
});
