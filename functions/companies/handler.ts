import { createApi, created, expectedVersion, noContent, ok, type TenantOperation } from '../shared/http.js';
import { defaultDeps as deps } from '../shared/deps.js';
import { parseInput } from '../shared/validation.js';
import { createCompanySchema, listCompaniesSchema, updateCompanySchema } from './schema.js';
import * as companies from './service.js';

const list: TenantOperation = async (req) =>
  ok(await companies.listCompanies(req.ctx, parseInput(listCompaniesSchema, req.query, 'query'), deps));

const create: TenantOperation = async (req) =>
  created(await companies.createCompany(req.ctx, parseInput(createCompanySchema, req.body), deps));

const get: TenantOperation = async (req) =>
  ok(companies.toCompanyView(await companies.getCompany(req.ctx, req.params.companyId!, deps)));

const update: TenantOperation = async (req) => {
  const patch = parseInput(updateCompanySchema, req.body);
  return ok(await companies.updateCompany(req.ctx, req.params.companyId!, patch, expectedVersion(req), deps));
};

const remove: TenantOperation = async (req) => {
  await companies.deleteCompany(req.ctx, req.params.companyId!, deps);
  return noContent();
};

export const handler = createApi('companies', {
  'GET /v1/companies': list,
  'POST /v1/companies': create,
  'GET /v1/companies/{companyId}': get,
  'PATCH /v1/companies/{companyId}': update,
  'DELETE /v1/companies/{companyId}': remove,
});
