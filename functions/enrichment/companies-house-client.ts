import { createHash } from 'node:crypto';
import * as z from 'zod';
import { optionalEnv } from '../../lib/manifest-runtime.js';
import { parseRetryAfter, realSleep } from '../ai/resilience.js';
import {
  CompaniesHouseAuthError,
  CompaniesHouseError,
  CompaniesHouseUnavailableError,
} from './companies-house-errors.js';
import { COMPANIES_HOUSE_RATE_LIMIT, RateLimitedError, SlidingWindowLimiter } from './companies-house-rate-limit.js';

/** The public Companies House Public Data API. */
export const DEFAULT_COMPANIES_HOUSE_BASE_URL = 'https://api.company-information.service.gov.uk';

const DEFAULT_TIMEOUT_MS = 10_000;
/** Longest we hold a request for a free slot (ours or the server's Retry-After) before failing it. */
const DEFAULT_MAX_WAIT_MS = 10_000;
/** A 429 without Retry-After or X-Ratelimit-Reset: assume the window's worth. */
const DEFAULT_SERVER_BACKOFF_MS = 60_000;

/** One limiter per Lambda container, shared by every client; keyed by a hash of key and endpoint. */
const sharedLimiter = new SlidingWindowLimiter(COMPANIES_HOUSE_RATE_LIMIT);

// ---- Response shapes (lenient: unknown fields pass, optional fields may be absent or null) ----

const str = z.string().nullish();
const bool = z.boolean().nullish();

const addressSchema = z.looseObject({
  care_of: str,
  po_box: str,
  premises: str,
  address_line_1: str,
  address_line_2: str,
  locality: str,
  region: str,
  postal_code: str,
  country: str,
});
export type CompaniesHouseAddress = z.infer<typeof addressSchema>;

const searchItemSchema = z.looseObject({
  title: z.string(),
  company_number: z.string(),
  company_status: str,
  company_type: str,
  date_of_creation: str,
  date_of_cessation: str,
  address_snippet: str,
  address: addressSchema.nullish(),
  description: str,
  kind: str,
});
const searchResultSchema = z.looseObject({
  items: z
    .array(searchItemSchema)
    .nullish()
    .transform((v) => v ?? []),
  items_per_page: z.number().nullish(),
  start_index: z.number().nullish(),
  total_results: z.number().nullish(),
  page_number: z.number().nullish(),
  kind: str,
});
export type CompanySearchItem = z.infer<typeof searchItemSchema>;
export type CompanySearchResult = z.infer<typeof searchResultSchema>;

const profileSchema = z.looseObject({
  company_name: z.string(),
  company_number: z.string(),
  company_status: str,
  company_status_detail: str,
  type: str,
  jurisdiction: str,
  date_of_creation: str,
  date_of_cessation: str,
  sic_codes: z.array(z.string()).nullish(),
  registered_office_address: addressSchema.nullish(),
  accounts: z
    .looseObject({
      overdue: bool,
      next_due: str,
      next_made_up_to: str,
      last_accounts: z.looseObject({ made_up_to: str, type: str, period_end_on: str }).nullish(),
      next_accounts: z.looseObject({ due_on: str, overdue: bool }).nullish(),
    })
    .nullish(),
  confirmation_statement: z.looseObject({ overdue: bool, next_due: str, last_made_up_to: str }).nullish(),
  has_insolvency_history: bool,
  has_charges: bool,
  has_been_liquidated: bool,
  can_file: bool,
});
export type CompanyProfile = z.infer<typeof profileSchema>;

const officerSchema = z.looseObject({
  name: z.string(),
  officer_role: z.string(),
  appointed_on: str,
  appointed_before: str,
  resigned_on: str,
  occupation: str,
  nationality: str,
  country_of_residence: str,
  date_of_birth: z.looseObject({ month: z.number().nullish(), year: z.number().nullish() }).nullish(),
  address: addressSchema.nullish(),
  links: z
    .looseObject({
      self: str,
      officer: z.looseObject({ appointments: str }).nullish(),
    })
    .nullish(),
});
const officerListSchema = z.looseObject({
  items: z
    .array(officerSchema)
    .nullish()
    .transform((v) => v ?? []),
  active_count: z.number().nullish(),
  resigned_count: z.number().nullish(),
  inactive_count: z.number().nullish(),
  total_results: z.number().nullish(),
  items_per_page: z.number().nullish(),
  start_index: z.number().nullish(),
});
export type Officer = z.infer<typeof officerSchema>;
export type OfficerList = z.infer<typeof officerListSchema>;

const filingSchema = z.looseObject({
  date: z.string(),
  category: str,
  subcategory: z.union([z.string(), z.array(z.string())]).nullish(),
  description: str,
  type: str,
  description_values: z.record(z.string(), z.unknown()).nullish(),
  transaction_id: str,
  action_date: str,
  pages: z.number().nullish(),
});
const filingHistorySchema = z.looseObject({
  items: z
    .array(filingSchema)
    .nullish()
    .transform((v) => v ?? []),
  total_count: z.number().nullish(),
  items_per_page: z.number().nullish(),
  start_index: z.number().nullish(),
  filing_history_status: str,
});
export type Filing = z.infer<typeof filingSchema>;
export type FilingHistory = z.infer<typeof filingHistorySchema>;

/** The four Companies House reads Quoteflow uses; `null` means the company number is unknown (404). */
export interface CompaniesHouseApi {
  searchCompanies(q: string, options?: { itemsPerPage?: number; startIndex?: number }): Promise<CompanySearchResult>;
  getCompanyProfile(companyNumber: string): Promise<CompanyProfile | null>;
  listOfficers(
    companyNumber: string,
    options?: { itemsPerPage?: number; startIndex?: number },
  ): Promise<OfficerList | null>;
  getFilingHistory(
    companyNumber: string,
    options?: { itemsPerPage?: number; startIndex?: number },
  ): Promise<FilingHistory | null>;
}

export interface CompaniesHouseClientOptions {
  apiKey: string;
  /** Defaults to COMPANIES_HOUSE_BASE_URL, then the public API. */
  baseUrl?: string;
  /** Per request. */
  timeoutMs?: number;
  /** Longest wait for a free slot, ours or the server's Retry-After, before failing with RateLimitedError. */
  maxWaitMs?: number;
  /** Defaults to the container-wide limiter. */
  limiter?: SlidingWindowLimiter;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Runs before every request sent, retries included: the caller's own limit (a tenant's share of the key). */
  beforeEachRequest?: () => Promise<void>;
}

/** COMPANIES_HOUSE_BASE_URL when set (fake servers, a proxy), else the public API. */
export function companiesHouseBaseUrl(): string {
  return process.env[optionalEnv.companiesHouseBaseUrl] || DEFAULT_COMPANIES_HOUSE_BASE_URL;
}

/** Canonical form of a company number: upper case, no spaces, zero-padded (`9876543` → `09876543`, `sc1234` → `SC001234`). */
export function normaliseCompanyNumber(input: string): string {
  const raw = input.replace(/\s+/g, '').toUpperCase();
  if (/^\d{1,8}$/.test(raw)) return raw.padStart(8, '0');
  const prefixed = /^([A-Z]{2})(\d{1,6})$/.exec(raw);
  return prefixed ? `${prefixed[1]}${prefixed[2]!.padStart(6, '0')}` : raw;
}

/** Whether a (normalised) company number has the register's shape: 8 letters or digits (`09876543`, `SC612345`, `R0000411`). */
export const isCompanyNumber = (value: string): boolean => /^[A-Z0-9]{8}$/.test(value);

/** Seconds until the window resets, from X-Ratelimit-Reset (Unix seconds), as Companies House sends it. */
function resetDelayMs(headers: Headers): number | undefined {
  const reset = Number(headers.get('x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
}

/** A real HTTP client for the Companies House Public Data API (HTTP Basic: key as user, empty password). */
export function createCompaniesHouseClient(options: CompaniesHouseClientOptions): CompaniesHouseApi {
  const baseUrl = (options.baseUrl ?? companiesHouseBaseUrl()).replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
  const limiter = options.limiter ?? sharedLimiter;
  const limiterKey = createHash('sha256').update(`${baseUrl}\n${options.apiKey}`).digest('hex');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const sleep = options.sleep ?? realSleep;
  const fetchImpl = options.fetch ?? fetch;

  async function send(url: string, what: string): Promise<Response> {
    try {
      return await fetchImpl(url, {
        headers: { authorization, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new CompaniesHouseUnavailableError(
          `Companies House did not answer ${what} within ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`,
        );
      }
      throw new CompaniesHouseUnavailableError(
        `Companies House could not be reached for ${what}: ${(error as Error).message}`,
      );
    }
  }

  async function get<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number | undefined>,
    schema: S,
    notFound: 'null' | 'error',
  ): Promise<z.infer<S> | null> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const url = `${baseUrl}${path}${params.size ? `?${params}` : ''}`;
    const what = `GET ${path}`;
    for (let attempt = 1; ; attempt++) {
      await options.beforeEachRequest?.();
      await limiter.acquire(limiterKey, { maxWaitMs, sleep });
      const res = await send(url, what);
      if (res.status === 429) {
        await res.body?.cancel();
        const retryAfterMs =
          parseRetryAfter(res.headers.get('retry-after')) ?? resetDelayMs(res.headers) ?? DEFAULT_SERVER_BACKOFF_MS;
        // Every request on this key in this container now waits, not just this one.
        limiter.blockFor(limiterKey, retryAfterMs);
        if (attempt === 1 && retryAfterMs <= maxWaitMs) continue;
        throw new RateLimitedError(Math.max(1, Math.ceil(retryAfterMs / 1000)), 'server');
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new CompaniesHouseAuthError(res.status);
      }
      if (res.status === 404 && notFound === 'null') {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        const detail = text ? `: ${text.slice(0, 200)}` : '';
        throw res.status >= 500
          ? new CompaniesHouseUnavailableError(`Companies House answered ${res.status} to ${what}${detail}`, res.status)
          : new CompaniesHouseError(`Companies House refused ${what} (HTTP ${res.status})${detail}`, res.status);
      }
      let json: unknown;
      try {
        json = await res.json();
      } catch {
        throw new CompaniesHouseUnavailableError(
          `Companies House sent a body that is not JSON for ${what}`,
          res.status,
        );
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CompaniesHouseUnavailableError(
          `Companies House sent an unexpected response for ${what} (${issue?.path.join('.') || 'body'}: ${issue?.message})`,
          res.status,
        );
      }
      return parsed.data;
    }
  }

  const companyPath = (companyNumber: string, suffix = '') =>
    `/company/${encodeURIComponent(normaliseCompanyNumber(companyNumber))}${suffix}`;

  return {
    async searchCompanies(q, { itemsPerPage = 20, startIndex = 0 } = {}) {
      const found = await get(
        '/search/companies',
        { q, items_per_page: itemsPerPage, start_index: startIndex },
        searchResultSchema,
        'null',
      );
      return found ?? { items: [], total_results: 0, items_per_page: itemsPerPage, start_index: startIndex };
    },
    getCompanyProfile: (companyNumber) => get(companyPath(companyNumber), {}, profileSchema, 'null'),
    listOfficers: (companyNumber, { itemsPerPage = 100, startIndex = 0 } = {}) =>
      get(
        companyPath(companyNumber, '/officers'),
        { items_per_page: itemsPerPage, start_index: startIndex },
        officerListSchema,
        'null',
      ),
    getFilingHistory: (companyNumber, { itemsPerPage = 25, startIndex = 0 } = {}) =>
      get(
        companyPath(companyNumber, '/filing-history'),
        { items_per_page: itemsPerPage, start_index: startIndex },
        filingHistorySchema,
        'null',
      ),
  };
}
