import { getCompany } from '../companies/service.js';
import type { ContactView } from '../contacts/contract.js';
import { createContact } from '../contacts/service.js';
import type { Company } from '../data/company.js';
import { resolveApiKey } from '../settings/keys.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { takeProviderToken } from '../shared/token-bucket.js';
import { ConflictError, DomainRuleError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { Page } from '../shared/pagination.js';
import {
  createCompaniesHouseClient,
  isCompanyNumber,
  normaliseCompanyNumber,
  type CompaniesHouseApi,
  type CompaniesHouseClientOptions,
  type Officer,
} from './companies-house-client.js';
import { CompaniesHouseAuthError, CompaniesHouseError } from './companies-house-errors.js';
import {
  formatAddress,
  formatOfficerName,
  officerIdOf,
  readableDate,
  splitOfficerName,
} from './companies-house-format.js';
import { RateLimitedError } from './companies-house-rate-limit.js';
import { TooManyRequestsError, UpstreamUnavailableError } from './errors.js';
import type { CompanySearchView, DirectorsView, DirectorView } from './contract.js';
import type { AddDirectorInput, SearchCompaniesHouseQuery } from './schema.js';

/** What enrichment needs beyond the usual deps: a Companies House client for a tenant. */
export interface EnrichmentDeps extends Deps {
  /** A client on the key that applies to this tenant (the platform's); undefined when none is set. */
  companiesHouseFor(tenantId: string): Promise<CompaniesHouseApi | undefined>;
}

/** Adds the real Companies House client on the resolved platform key. */
export function withCompaniesHouse(
  deps: Deps,
  options: Omit<CompaniesHouseClientOptions, 'apiKey'> = {},
): EnrichmentDeps {
  return {
    ...deps,
    async companiesHouseFor(tenantId) {
      const key = await resolveApiKey(tenantId, 'companiesHouse', deps);
      if (!key) return undefined;
      // A request answers 429 at once when the tenant's share is spent: someone is waiting.
      const beforeEachRequest = () => takeProviderToken(tenantId, 'companiesHouse');
      return createCompaniesHouseClient({ ...options, apiKey: key.key, beforeEachRequest });
    },
  };
}

export const NOT_CONFIGURED =
  'Companies House is not configured: a platform admin sets its API key in the admin console';

/** Officers lists come 100 at a time; a company with more than this many is very rare. */
const MAX_OFFICER_PAGES = 5;
const OFFICERS_PER_PAGE = 100;
/** Companies House stops paging search results well before this. */
const MAX_SEARCH_START = 10_000;

const DIRECTOR_ROLE = /director|member|managing-officer/;
const SECRETARY_ROLE = /secretary/;

/** Turns a Companies House client failure into the problem the caller sees. */
function asProblem(error: unknown): unknown {
  if (error instanceof RateLimitedError) {
    return new TooManyRequestsError(
      `${error.message}. Companies House limits every key, so this is shared by all workspaces`,
      error.retryAfterSeconds,
    );
  }
  if (error instanceof CompaniesHouseAuthError) {
    return new DomainRuleError(
      'Companies House rejected the API key: a platform admin must replace it in the admin console',
    );
  }
  if (error instanceof CompaniesHouseError) return new UpstreamUnavailableError('Companies House', error.message);
  return error;
}

async function companiesHouse<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asProblem(error);
  }
}

async function clientFor(ctx: TenantContext, deps: EnrichmentDeps): Promise<CompaniesHouseApi> {
  const client = await deps.companiesHouseFor(ctx.tenantId);
  if (!client) throw new DomainRuleError(NOT_CONFIGURED);
  return client;
}

const unknownNumber = (company: Company, number: string) =>
  new DomainRuleError(`Companies House has no company numbered ${number}: check the number on ${company.name}`, [
    { path: 'companyNumber', message: 'Not on the Companies House register' },
  ]);

/** The company (404 unless the caller's) and its normalised Companies House number (422 if missing or malformed). */
async function companyWithNumber(
  ctx: TenantContext,
  companyId: string,
  deps: Deps,
): Promise<{ company: Company; number: string }> {
  const company = await getCompany(ctx, companyId, deps);
  if (!company.companyNumber) {
    throw new DomainRuleError(`${company.name} has no Companies House number: add it to the company first`, [
      { path: 'companyNumber', message: 'Required' },
    ]);
  }
  const number = normaliseCompanyNumber(company.companyNumber);
  if (!isCompanyNumber(number)) {
    throw new DomainRuleError(
      `${company.companyNumber} is not a Companies House number (8 characters, like 09876543 or SC123456): correct it on ${company.name}`,
      [{ path: 'companyNumber', message: 'Not a Companies House number' }],
    );
  }
  return { company, number };
}

/** Every officer of a company, current and resigned; 422 when the number is not on the register. */
async function officersOf(client: CompaniesHouseApi, company: Company, number: string): Promise<Officer[]> {
  return companiesHouse(async () => {
    const first = await client.listOfficers(number, { itemsPerPage: OFFICERS_PER_PAGE, startIndex: 0 });
    if (!first) {
      // Companies House also answers 404 for a company that has no officers on file.
      if (await client.getCompanyProfile(number)) return [];
      throw unknownNumber(company, number);
    }
    const items = [...first.items];
    const total = first.total_results ?? items.length;
    for (let page = 1; page < MAX_OFFICER_PAGES && items.length < total; page++) {
      const next = await client.listOfficers(number, { itemsPerPage: OFFICERS_PER_PAGE, startIndex: items.length });
      if (!next || next.items.length === 0) break;
      items.push(...next.items);
    }
    return items;
  });
}

const roleRank = (role: string) => (DIRECTOR_ROLE.test(role) ? 0 : SECRETARY_ROLE.test(role) ? 2 : 1);

/** Active before resigned; directors before other roles; longest-serving first, then most recently resigned. */
function compareDirectors(a: DirectorView, b: DirectorView): number {
  if (a.active !== b.active) return a.active ? -1 : 1;
  const rank = roleRank(a.role) - roleRank(b.role);
  if (rank !== 0) return rank;
  const date = a.active
    ? (a.appointedOn ?? '').localeCompare(b.appointedOn ?? '')
    : (b.resignedOn ?? '').localeCompare(a.resignedOn ?? '');
  return date !== 0 ? date : a.name.localeCompare(b.name);
}

/** An occupation in the register's capitals reads better in title case. */
function readableOccupation(occupation: string | null | undefined): string | undefined {
  const text = occupation?.trim();
  if (!text || /^(none|n\/a|-)$/i.test(text)) return undefined;
  return text === text.toUpperCase() ? text.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : text;
}

function toDirectorView(officer: Officer, officerId: string): DirectorView {
  return {
    officerId,
    name: formatOfficerName(officer.name, officer.officer_role),
    role: officer.officer_role,
    appointedOn: officer.appointed_on ?? officer.appointed_before ?? undefined,
    resignedOn: officer.resigned_on ?? undefined,
    occupation: readableOccupation(officer.occupation),
    nationality: officer.nationality ?? undefined,
    countryOfResidence: officer.country_of_residence ?? undefined,
    active: !officer.resigned_on,
  };
}

/** `director` → `Director`, `llp-designated-member` → `LLP designated member`, `secretary` → `Company secretary`. */
function roleLabel(role: string): string {
  if (role === 'secretary' || role === 'corporate-secretary') return 'Company secretary';
  const words = role
    .replace(/^corporate-/, '')
    .replace(/-/g, ' ')
    .replace(/\bllp\b/, 'LLP');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function encodeSearchCursor(start: number): string {
  return Buffer.from(JSON.stringify({ start }), 'utf8').toString('base64url');
}

function decodeSearchCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const start = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { start?: unknown }).start;
    if (typeof start === 'number' && Number.isInteger(start) && start >= 0 && start <= MAX_SEARCH_START) return start;
  } catch {
    // fall through to the 400
  }
  throw new ValidationError('The cursor is not valid for this list', [{ path: 'cursor', message: 'Invalid cursor' }]);
}

/** Searches the Companies House register by name or number. */
export async function searchCompaniesHouse(
  ctx: TenantContext,
  query: SearchCompaniesHouseQuery,
  deps: EnrichmentDeps,
): Promise<Page<CompanySearchView>> {
  const start = decodeSearchCursor(query.cursor);
  const client = await clientFor(ctx, deps);
  const result = await companiesHouse(() =>
    client.searchCompanies(query.q, { itemsPerPage: query.limit, startIndex: start }),
  );
  const items = result.items.map((item): CompanySearchView => ({
    companyNumber: item.company_number,
    name: item.title,
    status: item.company_status ?? 'unknown',
    type: item.company_type ?? undefined,
    incorporatedOn: item.date_of_creation ?? undefined,
    dissolvedOn: item.date_of_cessation ?? undefined,
    address: item.address_snippet ?? formatAddress(item.address),
  }));
  const next = start + result.items.length;
  const more = result.items.length > 0 && next < (result.total_results ?? 0) && next <= MAX_SEARCH_START;
  return { items, cursor: more ? encodeSearchCursor(next) : null };
}

/** A company's officers from Companies House: active directors first, then other roles, then resigned. */
export async function listDirectors(
  ctx: TenantContext,
  companyId: string,
  deps: EnrichmentDeps,
): Promise<DirectorsView> {
  const { company, number } = await companyWithNumber(ctx, companyId, deps);
  const client = await clientFor(ctx, deps);
  const officers = await officersOf(client, company, number);
  const items = officers.flatMap((o) => {
    const officerId = officerIdOf(o);
    return officerId ? [toDirectorView(o, officerId)] : [];
  });
  return { companyNumber: number, items: items.sort(compareDirectors), cursor: null };
}

/** Adds one of a company's Companies House officers as a contact of that company. */
export async function addDirectorAsContact(
  ctx: TenantContext,
  input: AddDirectorInput,
  deps: EnrichmentDeps,
): Promise<ContactView> {
  const { company, number } = await companyWithNumber(ctx, input.companyId, deps);
  const client = await clientFor(ctx, deps);
  const officer = (await officersOf(client, company, number)).find((o) => officerIdOf(o) === input.officerId);
  if (!officer) throw new NotFoundError('Officer');
  const parts = splitOfficerName(officer.name, officer.officer_role);
  if (!parts) {
    throw new DomainRuleError(
      `${officer.name} is a corporate officer (a company, not a person), so it cannot be added as a contact`,
    );
  }
  const firstName = parts.forenames.split(/\s+/)[0]!.slice(0, 100);
  const lastName = parts.surname.slice(0, 100);

  const existing = await deps.db.entities.contact.query
    .byCompany({ tenantId: ctx.tenantId, companyId: company.companyId })
    .go({ pages: 'all', attributes: ['firstName', 'lastName'] });
  const same = (a: string, b: string) => a.trim().toLocaleLowerCase('en-GB') === b.trim().toLocaleLowerCase('en-GB');
  if (existing.data.some((c) => same(c.firstName ?? '', firstName) && same(c.lastName ?? '', lastName))) {
    throw new ConflictError(`${firstName} ${lastName} is already a contact of ${company.name}`);
  }

  const role = roleLabel(officer.officer_role);
  const appointed = officer.appointed_on ?? officer.appointed_before;
  const notes = [
    appointed ? `${role} at Companies House since ${readableDate(appointed)}` : `${role} at Companies House`,
    officer.resigned_on ? `; resigned ${readableDate(officer.resigned_on)}` : '',
    '.',
    parts.forenames.includes(' ')
      ? ` Full name on the register: ${formatOfficerName(officer.name, officer.officer_role)}.`
      : '',
  ].join('');
  return createContact(
    ctx,
    company.companyId,
    {
      firstName,
      lastName,
      jobTitle: (
        readableOccupation(officer.occupation) ?? (DIRECTOR_ROLE.test(officer.officer_role) ? 'Director' : role)
      ).slice(0, 150),
      role: DIRECTOR_ROLE.test(officer.officer_role) ? 'decision_maker' : 'other',
      emails: [],
      phones: [],
      notes: notes.slice(0, 5000),
    },
    deps,
  );
}
