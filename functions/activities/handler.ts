import * as z from 'zod';
import { defaultDeps as deps } from '../shared/deps.js';
import { createApi, ok, type TenantOperation } from '../shared/http.js';
import { pageQuery, parseInput } from '../shared/validation.js';
import { listTimeline } from './service.js';

const timelineQuery = z.strictObject(pageQuery);

const timeline: TenantOperation = async (req) =>
  ok(await listTimeline(req.ctx, req.params.companyId!, parseInput(timelineQuery, req.query, 'query'), deps));

export const handler = createApi('activities', {
  'GET /v1/companies/{companyId}/timeline': timeline,
});
