import { defaultDeps as deps } from '../shared/deps.js';
import { createApi, created, ok, type TenantOperation } from '../shared/http.js';
import { parseInput } from '../shared/validation.js';
import { activityPageSchema, logActivitySchema } from './schema.js';
import { listActivities, listTimeline, logActivity } from './service.js';

const list: TenantOperation = async (req) =>
  ok(await listActivities(req.ctx, req.params.companyId!, parseInput(activityPageSchema, req.query, 'query'), deps));

const log: TenantOperation = async (req) =>
  created(await logActivity(req.ctx, req.params.companyId!, parseInput(logActivitySchema, req.body), deps));

const timeline: TenantOperation = async (req) =>
  ok(await listTimeline(req.ctx, req.params.companyId!, parseInput(activityPageSchema, req.query, 'query'), deps));

export const handler = createApi('activities', {
  'GET /v1/companies/{companyId}/activities': list,
  'POST /v1/companies/{companyId}/activities': log,
  'GET /v1/companies/{companyId}/timeline': timeline,
});
