import { createHash } from 'node:crypto';
import * as z from 'zod';
import { optionalEnv } from '../../lib/manifest.js';
import type { CompaniesHouseFacts } from '../ai/facts.js';
import { parseRetryAfter, realSleep } from '../ai/resilience.js';

/** The public Companies House Public Data API. */
export const DEFAULT_COMPANIES_HOUSE_BASE_URL = 'https://api.company-information.service.gov.uk';

/** Companies House allows 600 requests per 5 minutes per key. */
export const COMPANIES_HOUSE_RATE_LIMIT = { limit: 600, windowMs: 5 * 60_000 } as const;

const DEFAULT_TIMEOUT_MS = 10_000;
/** Longest we hold a request for a free slot (ours or the server's Retry-After) before failing it. */
const DEFAULT_MAX_WAIT_MS = 10_000;
/** A 429 without Retry-After or X-Ratelimit-Reset: assume the window's worth. */
const DEFAULT_SERVER_BACKOFF_MS = 60_000;

/** Base of every Companies House failure; `status` is the HTTP status when there was one. */
export class CompaniesHouseError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 401/403: the key is wrong, revoked or not allowed to call this API. */
export class CompaniesHouseAuthError extends CompaniesHouseError {
  constructor(status: number) {
    super(`Companies House rejected the API key (HTTP ${status})`, status);
  }
}

/** No request may be sent for `retryAfterSeconds`: our limiter is full or the server answered 429. */
export class RateLimitedError extends CompaniesHouseError {
  constructor(
    readonly retryAfterSeconds: number,
    readonly source: 'limiter' | 'server',
  ) {
    super(
      source === 'limiter'
        ? `Companies House allows ${COMPANIES_HOUSE_RATE_LIMIT.limit} requests per 5 minutes per key and this key has used them: try again in ${retryAfterSeconds} s`
        : `Companies House is rate limiting this key: try again in ${retryAfterSeconds} s`,
      source === 'server' ? 429 : undefined,
    );
  }
}

/** Network failure, timeout, 5xx, or a response that does not have the documented shape. */
export class CompaniesHouseUnavailableError extends CompaniesHouseError {}

/** The company number is not on the register (used where a missing company cannot be `null`). */
export class CompaniesHouseNotFoundError extends CompaniesHouseError {
  constructor(readonly companyNumber: string) {
    super(`Companies House has no company numbered ${companyNumber}`, 404);
  }
}

export interface SlidingWindowOptions {
  limit: number;
  windowMs: number;
  /** Milliseconds; injected so tests control time. */
  now?: () => number;
}

/**
 * A sliding-window log per key: at most `limit` requests in any `windowMs`. Pure bookkeeping over
 * an injected clock; a slot may be reserved in the future, so concurrent callers queue fairly.
 * It only sees this process (one Lambda container); the server's 429 is the backstop across them.
 */
export class SlidingWindowLimiter {
  private readonly slots = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: SlidingWindowOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until `key` may send (0: now), without taking a slot. */
  delayFor(key: string): number {
    const now = this.now();
    return this.nextSlot(key, now) - now;
  }

  /**
   * Takes the next slot for `key` if it starts within `maxWaitMs`, returning how long to wait
   * for it (0: send now); otherwise takes nothing and throws RateLimitedError.
   */
  reserve(key: string, maxWaitMs = 0): number {
    const now = this.now();
    const at = this.nextSlot(key, now);
    const wait = at - now;
    if (wait > maxWaitMs) {
      const byServer = (this.blocked.get(key) ?? 0) >= at;
      throw new RateLimitedError(Math.max(1, Math.ceil(wait / 1000)), byServer ? 'server' : 'limiter');
    }
    this.slots.get(key)!.push(at);
    return wait;
  }

  /** Reserves a slot and sleeps until it starts. */
  async acquire(
    key: string,
    options: { maxWaitMs?: number; sleep?: (ms: number) => Promise<void> } = {},
  ): Promise<number> {
    const wait = this.reserve(key, options.maxWaitMs ?? 0);
    if (wait > 0) await (options.sleep ?? realSleep)(wait);
    return wait;
  }

  /** The server said stop: no slot for `key` starts in the next `ms`. */
  blockFor(key: string, ms: number): void {
    const until = this.now() + ms;
    this.blocked.set(key, Math.max(until, this.blocked.get(key) ?? 0));
  }

  /** Requests counted in the window ending now (including reserved future slots). */
  used(key: string): number {
    this.prune(key, this.now());
    return this.slots.get(key)?.length ?? 0;
  }

  private prune(key: string, now: number): number[] {
    const log = this.slots.get(key) ?? [];
    const cutoff = now - this.options.windowMs;
    let drop = 0;
    while (drop < log.length && log[drop]! <= cutoff) drop++;
    if (drop > 0) log.splice(0, drop);
    this.slots.set(key, log);
    const until = this.blocked.get(key);
    if (until !== undefined && until <= now) this.blocked.delete(key);
    return log;
  }

  /** The earliest time a new request keeps every window at or under the limit. */
  private nextSlot(key: string, now: number): number {
    const log = this.prune(key, now);
    let at = Math.max(now, this.blocked.get(key) ?? now);
    // Slots are issued in time order, so the limit-th newest one decides when a place frees up.
    if (log.length >= this.options.limit)
      at = Math.max(at, log[log.length - this.options.limit]! + this.options.windowMs);
    return at;
  }
}

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

// ---- The client ----

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

// ---- Readable forms ----

const CORPORATE_ROLE = /^corporate-/;

function titleCaseWord(word: string): string {
  if (!word) return word;
  const lower = word.toLowerCase();
  const cased = lower.charAt(0).toUpperCase() + lower.slice(1);
  return /^Mc[a-z]/.test(cased) ? `Mc${cased.charAt(2).toUpperCase()}${cased.slice(3)}` : cased;
}

/** `O'BRIEN-SMITH` → `O'Brien-Smith`; mixed-case input is left as the register has it. */
function titleCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  return text.replace(/[^\s'’-]+/g, (w) => titleCaseWord(w));
}

/** Splits a register name `SURNAME, Forenames[, Title]` into its parts; undefined for corporate or unsplittable names. */
export function splitOfficerName(
  name: string,
  role = 'director',
): { forenames: string; surname: string; title?: string } | undefined {
  if (CORPORATE_ROLE.test(role)) return undefined;
  const [surname, forenames, ...rest] = name.split(',').map((s) => s.trim());
  if (!surname || !forenames) return undefined;
  const title = rest.filter(Boolean).join(' ');
  return { surname: titleCase(surname), forenames: titleCase(forenames), title: title || undefined };
}

/** `SMITH, John Alan` → `John Alan Smith`; corporate officers keep their registered name. */
export function formatOfficerName(name: string, role = 'director'): string {
  const parts = splitOfficerName(name, role);
  if (!parts) return name.trim();
  return [parts.title, parts.forenames, parts.surname].filter(Boolean).join(' ');
}

/** The officer id from `links.officer.appointments` (`/officers/{id}/appointments`). */
export function officerIdOf(officer: Officer): string | undefined {
  const link = officer.links?.officer?.appointments ?? '';
  return /\/officers\/([^/?#]+)\/appointments/.exec(link)?.[1];
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2024-03-31` → `31 March 2024`; anything else is returned as given. */
export function readableDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : DATE_FORMAT.format(date);
}

/** Templates for common filings, in the spirit of Companies House's own api-enumerations. */
const FILING_TEMPLATES: Record<string, string> = {
  'accounts-with-made-up-date': 'Accounts made up to {made_up_date}',
  'confirmation-statement-with-no-updates': 'Confirmation statement made on {made_up_date} with no updates',
  'confirmation-statement-with-updates': 'Confirmation statement made on {made_up_date} with updates',
  'confirmation-statement': 'Confirmation statement made on {made_up_date}',
  'annual-return-company-with-made-up-date-full-list-shareholders':
    'Annual return made up to {made_up_date} with a full list of shareholders',
  'annual-return-company-with-made-up-date': 'Annual return made up to {made_up_date}',
  'incorporation-company': 'Incorporation',
  'appointment-of-director-company-with-name-date': 'Appointment of {officer_name} as a director on {appointment_date}',
  'appointment-of-director-company-with-name': 'Appointment of {officer_name} as a director',
  'appointment-of-secretary-company-with-name-date':
    'Appointment of {officer_name} as a secretary on {appointment_date}',
  'appointment-of-corporate-director-company-with-name-date':
    'Appointment of {officer_name} as a director on {appointment_date}',
  'termination-director-company-with-name-termination-date':
    'Termination of appointment of {officer_name} as a director on {termination_date}',
  'termination-director-company-with-name': 'Termination of appointment of {officer_name} as a director',
  'termination-secretary-company-with-name-termination-date':
    'Termination of appointment of {officer_name} as a secretary on {termination_date}',
  'change-person-director-company-with-change-date': "Director's details changed for {officer_name} on {change_date}",
  'change-registered-office-address-company-with-date-old-address-new-address':
    'Registered office address changed from {old_address} to {new_address} on {change_date}',
  'mortgage-create-with-deed-with-charge-number-charge-creation-date':
    'Registration of charge {charge_number}, created on {charge_creation_date}',
  'mortgage-satisfy-charge-full': 'Satisfaction of charge {charge_number} in full',
  'notification-of-a-person-with-significant-control':
    'Notification of {psc_name} as a person with significant control on {notification_date}',
  'cessation-of-a-person-with-significant-control':
    'Cessation of {psc_name} as a person with significant control on {cessation_date}',
  'capital-allotment-shares': 'Statement of capital following an allotment of shares on {date}',
  'change-account-reference-date-company-previous-shortened':
    'Previous accounting period shortened from {made_up_date} to {new_date}',
  'change-account-reference-date-company-previous-extended':
    'Previous accounting period extended from {made_up_date} to {new_date}',
  'change-account-reference-date-company-current-shortened':
    'Current accounting period shortened from {made_up_date} to {new_date}',
  'change-account-reference-date-company-current-extended':
    'Current accounting period extended from {made_up_date} to {new_date}',
  'dissolution-application-strike-off-company': 'Application to strike the company off the register',
  'gazette-notice-voluntary': 'First Gazette notice for voluntary strike-off',
  'gazette-dissolved-voluntary': 'Final Gazette dissolved via voluntary strike-off',
  'gazette-notice-compulsory': 'First Gazette notice for compulsory strike-off',
  'gazette-dissolved-compulsory': 'Final Gazette dissolved via compulsory strike-off',
  'gazette-dissolved-liquidation': 'Final Gazette dissolved following liquidation',
  'liquidation-voluntary-appointment-of-liquidator': 'Appointment of a voluntary liquidator',
  'liquidation-voluntary-statement-of-affairs': 'Statement of affairs',
};

function fill(template: string, values: Record<string, unknown>): string | undefined {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (typeof value !== 'string' || !value.trim()) {
      missing = true;
      return '';
    }
    return readableDate(value.trim());
  });
  return missing ? undefined : text;
}

/** `some-filing-slug` → `Some filing slug`. */
const deslug = (slug: string) => {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * Readable text for a filing: a template when the slug is known and its values are present,
 * `Accounts (<type>) made up to <date>` for every accounts type, the register's own text for
 * legacy filings, else the de-slugged description.
 */
export function describeFiling(filing: Pick<Filing, 'description' | 'description_values' | 'type'>): string {
  const slug = filing.description ?? '';
  const values = filing.description_values ?? {};
  const template = FILING_TEMPLATES[slug];
  const filled = template && fill(template, values);
  if (filled) return filled;
  const accounts = /^accounts-with-accounts-type-(.+)$/.exec(slug);
  if (accounts) {
    const base = `Accounts (${accounts[1]!.replace(/-/g, ' ')})`;
    return fill(`${base} made up to {made_up_date}`, values) ?? base;
  }
  if (typeof values.description === 'string' && values.description.trim()) return values.description.trim();
  return slug ? deslug(slug) : (filing.type ?? 'Filing');
}

/** One line for an address object, in register order. */
export function formatAddress(address: CompaniesHouseAddress | null | undefined): string | undefined {
  if (!address) return undefined;
  const first = [address.premises, address.address_line_1].filter(Boolean).join(' ');
  const parts = [
    address.care_of && `c/o ${address.care_of}`,
    address.po_box && `PO Box ${address.po_box}`,
    first,
    address.address_line_2,
    address.locality,
    address.region,
    address.postal_code,
    address.country,
  ];
  const text = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(', ');
  return text || undefined;
}

/** Profile, officers and the newest 20 filings of one company, as the AI facts carry them. */
export async function fetchCompaniesHouseFacts(
  client: CompaniesHouseApi,
  companyNumber: string,
): Promise<CompaniesHouseFacts> {
  const number = normaliseCompanyNumber(companyNumber);
  const [profile, officers, filings] = await Promise.all([
    client.getCompanyProfile(number),
    client.listOfficers(number),
    client.getFilingHistory(number, { itemsPerPage: 20 }),
  ]);
  if (!profile) throw new CompaniesHouseNotFoundError(number);
  const accounts = profile.accounts;
  return {
    companyNumber: profile.company_number,
    name: profile.company_name,
    status: profile.company_status ?? 'unknown',
    type: profile.type ?? undefined,
    incorporatedOn: profile.date_of_creation ?? undefined,
    sicCodes: profile.sic_codes ?? [],
    registeredAddress: formatAddress(profile.registered_office_address),
    accountsOverdue: Boolean(accounts?.overdue ?? accounts?.next_accounts?.overdue),
    confirmationStatementOverdue: Boolean(profile.confirmation_statement?.overdue),
    hasInsolvencyHistory: Boolean(profile.has_insolvency_history),
    hasCharges: Boolean(profile.has_charges),
    lastAccountsMadeUpTo: accounts?.last_accounts?.made_up_to ?? undefined,
    officers: (officers?.items ?? []).map((o) => ({
      name: formatOfficerName(o.name, o.officer_role),
      role: o.officer_role,
      appointedOn: o.appointed_on ?? o.appointed_before ?? undefined,
      resignedOn: o.resigned_on ?? undefined,
      occupation: o.occupation ?? undefined,
    })),
    filings: [...(filings?.items ?? [])]
      .sort((a, b) => b.date.localeCompare(a.date))
      .slice(0, 20)
      .map((f) => ({
        date: f.date,
        category: f.category ?? 'other',
        description: describeFiling(f),
        type: f.type ?? undefined,
      })),
  };
}
