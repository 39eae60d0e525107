import { createCompaniesHouseClient } from '../enrichment/companies-house-client.js';
import { COMPANIES_HOUSE_LIMITS } from '../shared/budgets.js';
import { fetchCompaniesHouseFacts } from '../enrichment/companies-house-format.js';
import { resolveApiKey } from '../settings/keys.js';
import { logger } from '../shared/logger.js';
import type { CompaniesHouseLookup } from './facts.js';

/**
 * The company's public record when a Companies House key is configured. An outage or an
 * unknown number leaves it out rather than failing the analysis: the rest still stands.
 */
const lookupWith =
  (limits: { timeoutMs: number; maxWaitMs: number }): CompaniesHouseLookup =>
  async (tenantId, companyNumber, deps) => {
    const key = await resolveApiKey(tenantId, 'companiesHouse', deps);
    if (!key) return undefined;
    try {
      return await fetchCompaniesHouseFacts(createCompaniesHouseClient({ ...limits, apiKey: key.key }), companyNumber);
    } catch (error) {
      logger.warn('Companies House facts unavailable', { companyNumber, error: (error as Error).name });
      return undefined;
    }
  };

/** For analysis steps and bulk runs: a longer timeout, and a Retry-After within reach is waited out. */
export const companiesHouseLookup = lookupWith(COMPANIES_HOUSE_LIMITS.background);

/** For a request someone is waiting on (a prompt test run): short, one try. */
export const interactiveCompaniesHouseLookup = lookupWith(COMPANIES_HOUSE_LIMITS.interactive);
