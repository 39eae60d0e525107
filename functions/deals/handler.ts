import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { dealsApi } from './contract.js';
import { forecast } from './forecast.js';
import { listCompanyDeals, listDeals } from './list.js';
import * as deals from './service.js';

export const handler = createApi(dealsApi, {
  list: ({ ctx, query }) => listDeals(ctx, query, defaultDeps),
  create: ({ ctx, body }) => deals.createDeal(ctx, body, defaultDeps),
  get: ({ ctx, params }) => deals.readDeal(ctx, params.dealId, defaultDeps),
  update: ({ ctx, params, body, version }) => deals.updateDeal(ctx, params.dealId, body, version, defaultDeps),
  remove: ({ ctx, params }) => deals.deleteDeal(ctx, params.dealId, defaultDeps),
  forCompany: ({ ctx, params, query }) => listCompanyDeals(ctx, params.companyId, query, defaultDeps),
  forecast: ({ ctx, query }) => forecast(ctx, query, defaultDeps),
});
