import { COMPANIES_HOUSE_LIMITS } from '../shared/budgets.js';
import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { enrichmentApi } from './contract.js';
import * as enrichment from './service.js';

// Someone is waiting on every route here: short Companies House requests (budget in lib/manifest.ts).
const deps = enrichment.withCompaniesHouse(defaultDeps, COMPANIES_HOUSE_LIMITS.interactive);

export const handler = createApi(enrichmentApi, {
  search: ({ ctx, query }) => enrichment.searchCompaniesHouse(ctx, query, deps),
  directors: ({ ctx, params }) => enrichment.listDirectors(ctx, params.companyId, deps),
  addAsContact: ({ ctx, params }) => enrichment.addDirectorAsContact(ctx, params, deps),
});
