import { createCompaniesHouseClient } from '../enrichment/companies-house-client.js';
import { COMPANIES_HOUSE_LIMITS } from '../shared/budgets.js';
import { fetchCompaniesHouseFacts } from '../enrichment/companies-house-format.js';
import { resolveApiKey } from '../settings/keys.js';
import { logger } from '../shared/logger.js';
import { takeProviderToken, TenantRateLimitedError } from '../shared/token-bucket.js';
import type { CompaniesHouseLookup } from './facts.js';

/**
 * Background work waits this long for the tenant's next Companies House token (one every 2.5 s at
 * the real limit) before giving the step back to its retry; part of the step's time budget.
 */
export const CH_TOKEN_WAIT_MS = 5_000;

/**
 * The company's public record when a Companies House key is configured. An outage or an
 * unknown number leaves it out rather than failing the analysis: the rest still stands. A tenant
 * over its share of the key is different: the step is retried later (the workflow's Retry, the
 * bulk queue's redelivery), so the record is not silently missing.
 */
const lookupWith =
  (limits: { timeoutMs: number; maxWaitMs: number }, tokenWaitMs: number): CompaniesHouseLookup =>
  async (tenantId, companyNumber, deps) => {
    const key = await resolveApiKey(tenantId, 'companiesHouse', deps);
    if (!key) return undefined;
    const beforeEachRequest = () => takeProviderToken(tenantId, 'companiesHouse', { maxWaitMs: tokenWaitMs });
    try {
      return await fetchCompaniesHouseFacts(
        createCompaniesHouseClient({ ...limits, apiKey: key.key, beforeEachRequest }),
        companyNumber,
      );
    } catch (error) {
      if (error instanceof TenantRateLimitedError) throw error;
      logger.warn('Companies House facts unavailable', { companyNumber, error: (error as Error).name });
      return undefined;
    }
  };

/** For analysis steps and bulk runs: a longer timeout, and a Retry-After or a token within reach is waited out. */
export const companiesHouseLookup = lookupWith(COMPANIES_HOUSE_LIMITS.background, CH_TOKEN_WAIT_MS);

/** For a request someone is waiting on (a prompt test run): short, one try, no wait for a token. */
export const interactiveCompaniesHouseLookup = lookupWith(COMPANIES_HOUSE_LIMITS.interactive, 0);
