import { createCompaniesHouseClient } from '../enrichment/companies-house-client.js';
import { fetchCompaniesHouseFacts } from '../enrichment/companies-house-format.js';
import { resolveApiKey } from '../settings/keys.js';
import { logger } from '../shared/logger.js';
import type { CompaniesHouseLookup } from './facts.js';

/**
 * The company's public record when a Companies House key is configured. An outage or an
 * unknown number leaves it out rather than failing the analysis: the rest still stands.
 */
export const companiesHouseLookup: CompaniesHouseLookup = async (tenantId, companyNumber, deps) => {
  const key = await resolveApiKey(tenantId, 'companiesHouse', deps);
  if (!key) return undefined;
  try {
    return await fetchCompaniesHouseFacts(createCompaniesHouseClient({ apiKey: key.key }), companyNumber);
  } catch (error) {
    logger.warn('Companies House facts unavailable', { companyNumber, error: (error as Error).name });
    return undefined;
  }
};
