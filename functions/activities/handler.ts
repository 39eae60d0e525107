import { defaultDeps as deps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { activitiesApi } from './contract.js';
import { deleteActivity, updateActivity } from './edit.js';
import { listActivities, listTimeline, logActivity } from './service.js';

export const handler = createApi(activitiesApi, {
  list: ({ ctx, params, query }) => listActivities(ctx, params.companyId, query, deps),
  log: ({ ctx, params, body }) => logActivity(ctx, params.companyId, body, deps),
  update: ({ ctx, params, body, version }) => updateActivity(ctx, params.activityId, body, version, deps),
  remove: ({ ctx, params }) => deleteActivity(ctx, params.activityId, deps),
  timeline: ({ ctx, params, query }) => listTimeline(ctx, params.companyId, query, deps),
});
