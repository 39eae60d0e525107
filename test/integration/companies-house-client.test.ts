import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCompaniesHouseClient,
  type CompaniesHouseClientOptions,
} from '../../functions/enrichment/companies-house-client.js';
import {
  CompaniesHouseAuthError,
  CompaniesHouseNotFoundError,
  CompaniesHouseUnavailableError,
} from '../../functions/enrichment/companies-house-errors.js';
import { fetchCompaniesHouseFacts, officerIdOf } from '../../functions/enrichment/companies-house-format.js';
import {
  COMPANIES_HOUSE_RATE_LIMIT,
  RateLimitedError,
  SlidingWindowLimiter,
} from '../../functions/enrichment/companies-house-rate-limit.js';
import {
  CH_COMPANY,
  CH_OFFICER,
  fakeCompaniesHouseControl,
  startFakeCompaniesHouse,
  type FakeCompaniesHouse,
} from '../support/fakes/companies-house.js';

let fake: FakeCompaniesHouse;
beforeAll(async () => {
  fake = await startFakeCompaniesHouse();
});
afterAll(async () => {
  await fake?.stop();
});
beforeEach(() => fake.reset());

/** A client on its own limiter and clock; `sleep` records and advances that clock instead of waiting. */
function clientFor(options: Partial<CompaniesHouseClientOptions> = {}) {
  const clock = { now: 0 };
  const sleeps: number[] = [];
  const limiter = new SlidingWindowLimiter({ ...COMPANIES_HOUSE_RATE_LIMIT, now: () => clock.now });
  const client = createCompaniesHouseClient({
    apiKey: fake.key,
    baseUrl: fake.url,
    limiter,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
    ...options,
  });
  return { client, sleeps, limiter };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  if (!outcome) throw new Error('expected the call to fail');
  return outcome;
}

describe('Companies House client against the fake', () => {
  it('searches with Basic auth (key as user, empty password) and returns the documented item shape', async () => {
    const { client } = clientFor();
    const result = await client.searchCompanies('brightwire', { itemsPerPage: 20, startIndex: 0 });
    expect(result.total_results).toBe(3);
    expect(result.items.map((i) => i.company_number)).toEqual([
      CH_COMPANY.liquidation,
      CH_COMPANY.active,
      CH_COMPANY.scottish,
    ]);
    const active = result.items.find((i) => i.company_number === CH_COMPANY.active)!;
    expect(active).toMatchObject({
      title: 'BRIGHTWIRE IT SERVICES LIMITED',
      company_status: 'active',
      company_type: 'ltd',
      date_of_creation: '2015-11-03',
      address_snippet: 'Unit 4 Aire Street Works, Leeds, West Yorkshire, LS1 4PR',
      address: { locality: 'Leeds', postal_code: 'LS1 4PR' },
    });

    const [request] = fake.requests();
    expect(request).toMatchObject({
      method: 'GET',
      path: '/search/companies',
      query: { q: 'brightwire', items_per_page: '20', start_index: '0' },
      authorized: true,
    });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${fake.key}:`).toString('base64')}`);
  });

  it('pages search results with items_per_page and start_index', async () => {
    const { client } = clientFor();
    const first = await client.searchCompanies('brightwire', { itemsPerPage: 2 });
    const second = await client.searchCompanies('brightwire', { itemsPerPage: 2, startIndex: 2 });
    expect(first.items).toHaveLength(2);
    expect(second.items.map((i) => i.company_number)).toEqual([CH_COMPANY.scottish]);
    expect((await client.searchCompanies('no such company anywhere')).items).toEqual([]);
  });

  it('reads a profile with accounts, confirmation statement and flags; normalises the number', async () => {
    const { client } = clientFor();
    const profile = await client.getCompanyProfile('9876543');
    expect(profile).toMatchObject({
      company_name: 'BRIGHTWIRE IT SERVICES LIMITED',
      company_number: CH_COMPANY.active,
      company_status: 'active',
      type: 'ltd',
      sic_codes: ['62020', '62090'],
      registered_office_address: { postal_code: 'LS1 4PR' },
      accounts: { overdue: false, last_accounts: { made_up_to: '2024-03-31' }, next_due: '2025-12-31' },
      confirmation_statement: { overdue: false },
      has_insolvency_history: false,
      has_charges: true,
    });
    expect(fake.requests()[0]!.path).toBe(`/company/${CH_COMPANY.active}`);

    const dissolved = await client.getCompanyProfile(CH_COMPANY.dissolved);
    expect(dissolved).toMatchObject({ company_status: 'dissolved', date_of_cessation: '2022-08-16' });
  });

  it('lists officers with roles, dates, counts and the officer appointments link', async () => {
    const { client } = clientFor();
    const officers = (await client.listOfficers(CH_COMPANY.active))!;
    expect(officers).toMatchObject({ active_count: 3, resigned_count: 1, total_results: 4 });
    expect(officers.items.map((o) => o.officer_role).sort()).toEqual(['director', 'director', 'director', 'secretary']);
    const ravi = officers.items.find((o) => officerIdOf(o) === CH_OFFICER.ravi)!;
    expect(ravi).toMatchObject({
      name: 'PATEL, Ravi',
      appointed_on: '2015-11-03',
      resigned_on: '2021-03-31',
      date_of_birth: { month: 12, year: 1974 },
    });
    expect(ravi.links?.officer?.appointments).toBe(`/officers/${CH_OFFICER.ravi}/appointments`);
    expect(fake.requests()[0]!.query).toMatchObject({ items_per_page: '100', start_index: '0' });
  });

  it('reads filing history newest first with description values and transaction ids', async () => {
    const { client } = clientFor();
    const history = (await client.getFilingHistory(CH_COMPANY.active, { itemsPerPage: 20 }))!;
    expect(history.total_count).toBe(27);
    expect(history.items).toHaveLength(20);
    expect(history.items[1]).toMatchObject({
      date: '2024-12-18',
      category: 'accounts',
      type: 'AA',
      description: 'accounts-with-accounts-type-full',
      description_values: { made_up_date: '2024-03-31' },
    });
    expect(history.items.every((f) => typeof f.transaction_id === 'string' && f.transaction_id.length > 10)).toBe(true);
    const dates = history.items.map((f) => f.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('answers null for an unknown company number (404) on every company endpoint', async () => {
    const { client } = clientFor();
    expect(await client.getCompanyProfile(CH_COMPANY.unknown)).toBeNull();
    expect(await client.listOfficers(CH_COMPANY.unknown)).toBeNull();
    expect(await client.getFilingHistory(CH_COMPANY.unknown)).toBeNull();
    expect(fake.requests().map((r) => r.status)).toEqual([404, 404, 404]);
  });

  it('fails clearly when the key is wrong', async () => {
    const { client } = clientFor({ apiKey: 'not-the-key' });
    const error = await failure(client.getCompanyProfile(CH_COMPANY.active));
    expect(error).toBeInstanceOf(CompaniesHouseAuthError);
    expect(error.message).toMatch(/^Companies House rejected the API key/);
    expect(fake.requests()[0]).toMatchObject({ authorized: false, status: 401 });
  });

  it('retries once after a short Retry-After and then succeeds', async () => {
    const { client, sleeps } = clientFor();
    fake.script({ status: 429, retryAfter: 2 });
    const profile = await client.getCompanyProfile(CH_COMPANY.active);
    expect(profile?.company_name).toBe('BRIGHTWIRE IT SERVICES LIMITED');
    expect(sleeps).toEqual([2_000]);
    expect(fake.requests().map((r) => r.status)).toEqual([429, 200]);
  });

  it('fails with retryAfterSeconds when Retry-After is too long to wait, and holds back later calls on that key', async () => {
    const { client, sleeps } = clientFor();
    fake.script({ status: 429, retryAfter: 120 });
    const error = await failure(client.getCompanyProfile(CH_COMPANY.active));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(120);
    expect((error as RateLimitedError).source).toBe('server');
    expect(sleeps).toEqual([]);

    const again = await failure(client.listOfficers(CH_COMPANY.active));
    expect(again).toBeInstanceOf(RateLimitedError);
    expect(fake.requests()).toHaveLength(1); // the second call never reached the server
  });

  it('gives up after a second 429', async () => {
    const { client, sleeps } = clientFor();
    fake.script({ status: 429, retryAfter: 1 }, { status: 429, retryAfter: 1 });
    const error = await failure(client.getCompanyProfile(CH_COMPANY.active));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(sleeps).toEqual([1_000]);
    expect(fake.requests().map((r) => r.status)).toEqual([429, 429]);
  });

  it('uses X-Ratelimit-Reset when the 429 has no Retry-After (the fake enforces the real per-key limit)', async () => {
    const strict = await startFakeCompaniesHouse({ rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const { client } = clientFor({ baseUrl: strict.url, apiKey: strict.key });
      for (let i = 0; i < 3; i++) await client.getCompanyProfile(CH_COMPANY.active);
      strict.script({ status: 429 });
      const error = await failure(client.getCompanyProfile(CH_COMPANY.active));
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThan(50);
      expect((error as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(61);
    } finally {
      await strict.stop();
    }
  });

  it('never sends more than the limiter allows', async () => {
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 60_000 });
    const { client } = clientFor({ limiter, maxWaitMs: 0 });
    await client.getCompanyProfile(CH_COMPANY.active);
    await client.getCompanyProfile(CH_COMPANY.dissolved);
    const error = await failure(client.getCompanyProfile(CH_COMPANY.liquidation));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).source).toBe('limiter');
    expect(fake.requests()).toHaveLength(2);
  });

  it('reports 5xx, timeouts and malformed bodies as unavailable', async () => {
    const { client } = clientFor({ timeoutMs: 200 });
    fake.script({ status: 503 });
    expect(await failure(client.getCompanyProfile(CH_COMPANY.active))).toBeInstanceOf(CompaniesHouseUnavailableError);

    fake.script({ delayMs: 1_000 });
    const timeout = await failure(client.getCompanyProfile(CH_COMPANY.active));
    expect(timeout).toBeInstanceOf(CompaniesHouseUnavailableError);
    expect(timeout.message).toMatch(/did not answer GET \/company\/09876543 within 200 ms/);

    fake.script({ body: { company_number: 42 } });
    const malformed = await failure(client.getCompanyProfile(CH_COMPANY.active));
    expect(malformed).toBeInstanceOf(CompaniesHouseUnavailableError);
    expect(malformed.message).toMatch(/unexpected response/);
  });

  it('can be scripted over HTTP, as a test worker does when the global setup owns the fake', async () => {
    const control = fakeCompaniesHouseControl(fake.url);
    await control.script({ status: 429, retryAfter: 1, path: '/company/' });
    const { client, sleeps } = clientFor();
    await client.searchCompanies('kestrel'); // not /company/: the behaviour waits
    await client.getCompanyProfile(CH_COMPANY.dissolved);
    expect(sleeps).toEqual([1_000]);
    expect((await control.requests()).map((r) => `${r.status} ${r.path}`)).toEqual([
      '200 /search/companies',
      `429 /company/${CH_COMPANY.dissolved}`,
      `200 /company/${CH_COMPANY.dissolved}`,
    ]);
    await control.reset();
    expect(await control.requests()).toEqual([]);
  });
});

describe('fetchCompaniesHouseFacts', () => {
  it('gathers profile, readable officers and the newest 20 filings in readable words', async () => {
    const { client } = clientFor();
    const facts = await fetchCompaniesHouseFacts(client, CH_COMPANY.active);
    expect(facts).toMatchObject({
      companyNumber: CH_COMPANY.active,
      name: 'BRIGHTWIRE IT SERVICES LIMITED',
      status: 'active',
      type: 'ltd',
      incorporatedOn: '2015-11-03',
      sicCodes: ['62020', '62090'],
      registeredAddress: 'Unit 4 Aire Street Works, Leeds, West Yorkshire, LS1 4PR, England',
      accountsOverdue: false,
      confirmationStatementOverdue: false,
      hasInsolvencyHistory: false,
      hasCharges: true,
      lastAccountsMadeUpTo: '2024-03-31',
    });
    expect(facts.officers).toContainEqual({
      name: 'Eleanor Jane Hargreaves',
      role: 'director',
      appointedOn: '2015-11-03',
      resignedOn: undefined,
      occupation: 'Managing Director',
    });
    expect(facts.officers).toContainEqual(expect.objectContaining({ name: 'Ravi Patel', resignedOn: '2021-03-31' }));
    expect(facts.officers).toContainEqual(
      expect.objectContaining({ name: 'Thomas Edward Hargreaves', role: 'secretary' }),
    );
    expect(facts.filings).toHaveLength(20);
    expect(facts.filings[0]).toEqual({
      date: '2025-06-20',
      category: 'confirmation-statement',
      description: 'Confirmation statement made on 10 June 2025 with no updates',
      type: 'CS01',
    });
    expect(facts.filings[1]!.description).toBe('Accounts (full) made up to 31 March 2024');
    expect(facts.filings.map((f) => f.description)).toContain(
      'Appointment of Mr Daniel Chukwuemeka Okafor as a director on 1 June 2019',
    );
    expect(facts.filings.map((f) => f.description)).toContain(
      'Termination of appointment of Mr Ravi Patel as a director on 31 March 2021',
    );
    expect(fake.requests().find((r) => r.path.endsWith('/filing-history'))!.query.items_per_page).toBe('20');
  });

  it('reports a dissolved and an insolvent company as they are', async () => {
    const { client } = clientFor();
    const dissolved = await fetchCompaniesHouseFacts(client, CH_COMPANY.dissolved);
    expect(dissolved.status).toBe('dissolved');
    expect(dissolved.filings[0]).toMatchObject({
      date: '2022-08-16',
      description: 'Final Gazette dissolved via voluntary strike-off',
    });
    expect(dissolved.filings.map((f) => f.description)).toContain('Return made up to 14/01/11; full list of members');

    const insolvent = await fetchCompaniesHouseFacts(client, CH_COMPANY.liquidation);
    expect(insolvent).toMatchObject({
      status: 'liquidation',
      accountsOverdue: true,
      confirmationStatementOverdue: true,
      hasInsolvencyHistory: true,
    });
    expect(insolvent.officers[0]!.name).toBe("Sean O'Brien-McKay");
  });

  it('fails with CompaniesHouseNotFoundError for a number not on the register', async () => {
    const { client } = clientFor();
    const error = await failure(fetchCompaniesHouseFacts(client, CH_COMPANY.unknown));
    expect(error).toBeInstanceOf(CompaniesHouseNotFoundError);
    expect(error.message).toBe(`Companies House has no company numbered ${CH_COMPANY.unknown}`);
  });
});
