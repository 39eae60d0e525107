import { createApi, created, ok, type TenantOperation } from '../shared/http.js';
import { defaultDeps } from '../shared/deps.js';
import { emptyBody, parseInput } from '../shared/validation.js';
import { searchCompaniesHouseSchema } from './schema.js';
import * as enrichment from './service.js';

const deps = enrichment.withCompaniesHouse(defaultDeps);

const search: TenantOperation = async (req) =>
  ok(await enrichment.searchCompaniesHouse(req.ctx, parseInput(searchCompaniesHouseSchema, req.query, 'query'), deps));

const directors: TenantOperation = async (req) =>
  ok(await enrichment.listDirectors(req.ctx, req.params.companyId!, deps));

const addAsContact: TenantOperation = async (req) => {
  parseInput(emptyBody, req.body);
  return created(
    await enrichment.addDirectorAsContact(
      req.ctx,
      { companyId: req.params.companyId!, officerId: req.params.officerId! },
      deps,
    ),
  );
};

export const handler = createApi('enrichment', {
  'GET /v1/companies-house/search': search,
  'GET /v1/companies/{companyId}/directors': directors,
  'POST /v1/companies/{companyId}/directors/{officerId}/contact': addAsContact,
});
