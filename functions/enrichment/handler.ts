import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { enrichmentApi } from './contract.js';
import * as enrichment from './service.js';

const deps = enrichment.withCompaniesHouse(defaultDeps);

export const handler = createApi(enrichmentApi, {
  search: ({ ctx, query }) => enrichment.searchCompaniesHouse(ctx, query, deps),
  directors: ({ ctx, params }) => enrichment.listDirectors(ctx, params.companyId, deps),
  addAsContact: ({ ctx, params }) => enrichment.addDirectorAsContact(ctx, params, deps),
});
