import * as z from 'zod';
import { defineContract, idParams, noContent, page, READ, WRITE } from '../shared/contract.js';
import { STAGES } from '../shared/enums.js';
import {
  createCompanySchema,
  duplicateCheckSchema,
  duplicateMatch,
  listCompaniesSchema,
  updateCompanySchema,
} from './schema.js';

export const addressView = z
  .object({
    type: z.string().optional(),
    line1: z.string().optional(),
    line2: z.string().optional(),
    city: z.string().optional(),
    region: z.string().optional(),
    postcode: z.string().optional(),
    country: z.string().optional(),
  })
  .meta({ id: 'Address' });

/** A company as the API returns it. */
export const companyView = z
  .object({
    companyId: z.string(),
    name: z.string(),
    domain: z.string().optional(),
    companyNumber: z.string().optional(),
    stage: z.enum(STAGES),
    industry: z.string().optional(),
    addresses: z.array(addressView),
    tags: z.array(z.string()),
    ownerId: z.string().optional(),
    knownFacts: z.array(z.string()),
    leadScore: z.number().optional(),
    healthScore: z.number().optional(),
    lastAnalysisRunId: z.string().optional(),
    lastAnalysedAt: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Company' });
export type CompanyView = z.output<typeof companyView>;

const company = idParams('companyId');

export const stageCountView = z
  .object({ stage: z.enum(STAGES), count: z.number(), more: z.boolean() })
  .meta({ id: 'StageCount' });

/** Companies: leads to customers. */
export const companiesApi = defineContract('companies', {
  list: {
    method: 'GET',
    path: '/v1/companies',
    auth: 'tenant',
    roles: READ,
    summary: 'Companies A→Z, optionally one stage, a name prefix or an owner',
    query: listCompaniesSchema,
    response: page(companyView),
  },
  stageCounts: {
    method: 'GET',
    path: '/v1/companies/stage-counts',
    auth: 'tenant',
    roles: READ,
    summary: 'How many companies are at each stage (up to 1,000 each; `more` when there are more)',
    response: z.object({ stages: z.array(stageCountView) }),
  },
  create: {
    method: 'POST',
    path: '/v1/companies',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Create a company',
    body: createCompanySchema,
    response: companyView,
    status: 201,
  },
  duplicates: {
    method: 'POST',
    path: '/v1/companies/duplicates-check',
    auth: 'tenant',
    // For whoever is entering a company: the roles that may create one.
    roles: WRITE,
    summary:
      'Companies that may be the one being entered: the same domain, company number, or name (ignoring case, accents and the legal form)',
    body: duplicateCheckSchema,
    response: z.object({ items: z.array(duplicateMatch) }),
  },
  get: {
    method: 'GET',
    path: '/v1/companies/{companyId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One company',
    params: company,
    response: companyView,
  },
  update: {
    method: 'PATCH',
    path: '/v1/companies/{companyId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Change some of a company’s fields; `null` clears an optional one',
    params: company,
    body: updateCompanySchema,
    response: companyView,
    versioned: true,
  },
  remove: {
    method: 'DELETE',
    path: '/v1/companies/{companyId}',
    auth: 'tenant',
    roles: WRITE,
    summary:
      'Delete a company: gone at once with its contacts; the rest of its data is purged shortly after, the deletion stays on its timeline',
    params: company,
    response: noContent,
    status: 204,
  },
});
