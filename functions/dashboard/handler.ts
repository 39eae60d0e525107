import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { dashboardApi } from './contract.js';
import { getDashboard } from './service.js';

export const handler = createApi(dashboardApi, {
  get: ({ ctx, query }) => getDashboard(ctx, query, defaultDeps),
});
