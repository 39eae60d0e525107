import * as z from 'zod';
import { contactView } from '../contacts/contract.js';
import { defineContract, idParams, page, WRITE } from '../shared/contract.js';
import { searchCompaniesHouseSchema } from './schema.js';

/** A company on the Companies House register, as a search finds it. */
export const companySearchView = z.object({
  companyNumber: z.string(),
  name: z.string(),
  /** As Companies House writes it (`active`, `dissolved`, `liquidation`…), or `unknown`. */
  status: z.string(),
  type: z.string().optional(),
  incorporatedOn: z.string().optional(),
  dissolvedOn: z.string().optional(),
  address: z.string().optional(),
});
export type CompanySearchView = z.output<typeof companySearchView>;

/** One officer of a company on the Companies House register. */
export const directorView = z
  .object({
    officerId: z.string(),
    name: z.string(),
    /** As Companies House writes it: `director`, `secretary`, `llp-designated-member`, `corporate-secretary`… */
    role: z.string(),
    appointedOn: z.string().optional(),
    resignedOn: z.string().optional(),
    occupation: z.string().optional(),
    nationality: z.string().optional(),
    countryOfResidence: z.string().optional(),
    active: z.boolean(),
  })
  .meta({ id: 'Director' });
export type DirectorView = z.output<typeof directorView>;

/** Every officer of a company (current first), under its normalised Companies House number. */
export const directorsView = z.object({
  companyNumber: z.string(),
  items: z.array(directorView),
  cursor: z.null(),
});
export type DirectorsView = z.output<typeof directorsView>;

/**
 * Who may call Companies House: every call spends the platform key's shared quota (and the
 * tenant's share of it, functions/shared/limits.ts), so viewers, who cannot act on what they
 * find, may not.
 */
const SPENDS_COMPANIES_HOUSE = WRITE;

/** Companies House: searching the register, a company's officers, and adding one as a contact. */
export const enrichmentApi = defineContract('enrichment', {
  search: {
    method: 'GET',
    path: '/v1/companies-house/search',
    auth: 'tenant',
    roles: SPENDS_COMPANIES_HOUSE,
    summary: 'Search the Companies House register by name or number',
    query: searchCompaniesHouseSchema,
    response: page(companySearchView),
  },
  directors: {
    method: 'GET',
    path: '/v1/companies/{companyId}/directors',
    auth: 'tenant',
    roles: SPENDS_COMPANIES_HOUSE,
    summary: 'A company’s officers from Companies House: active directors first, then other roles, then resigned',
    params: idParams('companyId'),
    response: directorsView,
  },
  addAsContact: {
    method: 'POST',
    path: '/v1/companies/{companyId}/directors/{officerId}/contact',
    auth: 'tenant',
    roles: SPENDS_COMPANIES_HOUSE,
    summary: 'Add one of a company’s Companies House officers as a contact of the company',
    params: idParams('companyId', 'officerId'),
    response: contactView,
    status: 201,
  },
});
