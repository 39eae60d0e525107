import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CompaniesHouseApi } from '../../functions/enrichment/companies-house-client.js';
import type * as EnrichmentService from '../../functions/enrichment/service.js';
import type { TenantContext } from '../../functions/shared/auth-context.js';
import { newCompany, newMember, newTenant, type Client } from '../support/api.js';
import {
  CH_COMPANY,
  CH_OFFICER,
  fakeCompaniesHouseControl,
  startFakeCompaniesHouse,
  type FakeCompaniesHouse,
} from '../support/fakes/companies-house.js';
import { tableDb } from '../support/table.js';

/** What an HttpError looks like from outside its module (the service is imported after the env is set). */
interface Problem {
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  headers?: Record<string, string>;
}

async function problem(promise: Promise<unknown>): Promise<Problem> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error as Problem,
  );
  if (!outcome) throw new Error('expected the call to fail');
  if (typeof outcome.status !== 'number') throw outcome;
  return outcome;
}

const NOT_CONFIGURED = 'Companies House is not configured: a platform admin sets its API key in the admin console';

/**
 * The services, called directly against the local table with a Companies House client on a fake
 * started here. The platform key is global state shared with other test files, so the "which key"
 * step is injected rather than written to the table.
 */
describe('enrichment services', () => {
  let fake: FakeCompaniesHouse;
  let service: typeof EnrichmentService;
  let deps: EnrichmentService.EnrichmentDeps;
  let client: CompaniesHouseApi | undefined;
  let connect: (apiKey: string) => CompaniesHouseApi;
  let owner: Client;
  let ctx: TenantContext;
  let other: TenantContext;

  beforeAll(async () => {
    fake = await startFakeCompaniesHouse();
    const db = await tableDb();
    service = await import('../../functions/enrichment/service.js');
    const { createCompaniesHouseClient } = await import('../../functions/enrichment/companies-house-client.js');
    const { SlidingWindowLimiter, COMPANIES_HOUSE_RATE_LIMIT } =
      await import('../../functions/enrichment/companies-house-rate-limit.js');
    const { newId } = await import('../../functions/shared/ids.js');
    connect = (apiKey: string) =>
      createCompaniesHouseClient({
        apiKey,
        baseUrl: fake.url,
        limiter: new SlidingWindowLimiter(COMPANIES_HOUSE_RATE_LIMIT),
        sleep: async () => undefined,
      });
    client = connect(fake.key);
    deps = { db, now: () => new Date().toISOString(), newId, companiesHouseFor: async () => client };

    const first = await newTenant('Enrichment');
    owner = first.owner;
    const me = (await owner.get('/v1/me')).body;
    ctx = {
      kind: 'tenant',
      tenantId: me.tenant.tenantId,
      userId: me.userId,
      role: 'owner',
      email: me.email,
      name: me.name,
    };
    const second = await newTenant('Enrichment other');
    const otherMe = (await second.owner.get('/v1/me')).body;
    other = {
      kind: 'tenant',
      tenantId: otherMe.tenant.tenantId,
      userId: otherMe.userId,
      role: 'owner',
      email: otherMe.email,
      name: otherMe.name,
    };
  });
  afterAll(async () => {
    await fake?.stop();
  });
  beforeEach(() => {
    fake.reset();
    client = connect(fake.key);
  });

  it('validates the search query: q is required, 2 to 100 characters', async () => {
    const { parseRequestPart } = await import('../../functions/shared/validation.js');
    const { searchCompaniesHouseSchema } = await import('../../functions/enrichment/schema.js');
    for (const query of [{}, { q: 'a' }, { q: ' b ' }, { q: 'x'.repeat(101) }]) {
      const error = await problem((async () => parseRequestPart(searchCompaniesHouseSchema, query, 'query'))());
      expect(error.status).toBe(400);
      expect(error.errors?.map((e) => e.path)).toEqual(['q']);
    }
    expect(parseRequestPart(searchCompaniesHouseSchema, { q: ' brightwire ' }, 'query')).toEqual({
      q: 'brightwire',
      limit: 25,
    });
  });

  it('searches the register and pages with an opaque cursor', async () => {
    const first = await service.searchCompaniesHouse(ctx, { q: 'brightwire', limit: 2 }, deps);
    expect(first.items).toEqual([
      {
        companyNumber: CH_COMPANY.liquidation,
        name: 'BRIGHTWIRE ELECTRICAL CONTRACTORS LIMITED',
        status: 'liquidation',
        type: 'ltd',
        incorporatedOn: '2018-03-01',
        address: 'C/O Begbies Traynor (Central) LLP, 340 Deansgate, Manchester, M3 4LY',
      },
      {
        companyNumber: CH_COMPANY.active,
        name: 'BRIGHTWIRE IT SERVICES LIMITED',
        status: 'active',
        type: 'ltd',
        incorporatedOn: '2015-11-03',
        address: 'Unit 4 Aire Street Works, Leeds, West Yorkshire, LS1 4PR',
      },
    ]);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await service.searchCompaniesHouse(ctx, { q: 'brightwire', limit: 2, cursor: first.cursor! }, deps);
    expect(second).toEqual({ items: [expect.objectContaining({ companyNumber: CH_COMPANY.scottish })], cursor: null });

    const dissolved = await service.searchCompaniesHouse(ctx, { q: 'kestrel', limit: 20 }, deps);
    expect(dissolved.items[0]).toMatchObject({ status: 'dissolved', dissolvedOn: '2022-08-16' });

    const bad = await problem(
      service.searchCompaniesHouse(ctx, { q: 'brightwire', limit: 2, cursor: 'not-a-cursor' }, deps),
    );
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0]?.path).toBe('cursor');
  });

  it('lists directors: active directors first, then the secretary, then resigned; names read naturally', async () => {
    const company = await newCompany(owner, { name: 'Brightwire IT', companyNumber: '9876543' });
    const view = await service.listDirectors(ctx, company.companyId, deps);
    expect(view.companyNumber).toBe(CH_COMPANY.active);
    expect(view.items.map((d) => [d.name, d.role, d.active])).toEqual([
      ['Eleanor Jane Hargreaves', 'director', true],
      ['Daniel Chukwuemeka Okafor', 'director', true],
      ['Thomas Edward Hargreaves', 'secretary', true],
      ['Ravi Patel', 'director', false],
    ]);
    expect(view.items[0]).toEqual({
      officerId: CH_OFFICER.eleanor,
      name: 'Eleanor Jane Hargreaves',
      role: 'director',
      appointedOn: '2015-11-03',
      resignedOn: undefined,
      occupation: 'Managing Director',
      nationality: 'British',
      countryOfResidence: 'England',
      active: true,
    });
    expect(view.items[3]).toMatchObject({
      officerId: CH_OFFICER.ravi,
      resignedOn: '2021-03-31',
      occupation: 'Sales Director',
    });
  });

  it("refuses with 404 for an unknown or another tenant's company, 422 without a number or with a number not on the register", async () => {
    const company = await newCompany(owner, { name: 'Numbered', companyNumber: CH_COMPANY.active });
    expect((await problem(service.listDirectors(other, company.companyId, deps))).status).toBe(404);
    expect((await problem(service.listDirectors(ctx, '01JUNKUNKNOWNCOMPANY00000', deps))).status).toBe(404);

    const unnumbered = await newCompany(owner, { name: 'No Number Ltd' });
    const missing = await problem(service.listDirectors(ctx, unnumbered.companyId, deps));
    expect(missing.status).toBe(422);
    expect(missing.detail).toBe('No Number Ltd has no Companies House number: add it to the company first');

    const unknown = await newCompany(owner, { name: 'Ghost Ltd', companyNumber: CH_COMPANY.unknown });
    const notOnRegister = await problem(service.listDirectors(ctx, unknown.companyId, deps));
    expect(notOnRegister.status).toBe(422);
    expect(notOnRegister.detail).toMatch(/Companies House has no company numbered 99999999/);

    const malformed = await newCompany(owner, { name: 'Typo Ltd', companyNumber: 'ABC-12' });
    expect((await problem(service.listDirectors(ctx, malformed.companyId, deps))).status).toBe(422);
    expect(fake.requests().filter((r) => r.path.includes('ABC'))).toEqual([]);
  });

  it('says clearly when no Companies House key is configured', async () => {
    const company = await newCompany(owner, { name: 'Keyless', companyNumber: CH_COMPANY.active });
    const keyless = { ...deps, companiesHouseFor: async () => undefined };
    const calls = [
      () => service.listDirectors(ctx, company.companyId, keyless),
      () => service.searchCompaniesHouse(ctx, { q: 'brightwire', limit: 20 }, keyless),
    ];
    for (const call of calls) {
      const error = await problem(call());
      expect(error.status).toBe(422);
      expect(error.detail).toBe(NOT_CONFIGURED);
    }
    expect(fake.requests()).toEqual([]);
  });

  it('maps a rejected key to 422, a spent rate limit to 429 with Retry-After, an outage to 502', async () => {
    const company = await newCompany(owner, { name: 'Flaky', companyNumber: CH_COMPANY.active });
    client = connect('revoked-key');
    const rejected = await problem(service.listDirectors(ctx, company.companyId, deps));
    expect(rejected.status).toBe(422);
    expect(rejected.detail).toMatch(/Companies House rejected the API key/);

    client = connect(fake.key);
    fake.script({ status: 429, retryAfter: 90 });
    const limited = await problem(service.listDirectors(ctx, company.companyId, deps));
    expect(limited.status).toBe(429);
    expect(limited.headers?.['retry-after']).toBe('90');

    client = connect(fake.key);
    fake.script({ status: 500 });
    expect((await problem(service.listDirectors(ctx, company.companyId, deps))).status).toBe(502);
  });

  it('adds a director as a decision-maker contact once; a second time is a conflict', async () => {
    const company = await newCompany(owner, { name: 'Brightwire Contacts', companyNumber: CH_COMPANY.active });
    const contact = await service.addDirectorAsContact(
      ctx,
      { companyId: company.companyId, officerId: CH_OFFICER.eleanor },
      deps,
    );
    expect(contact).toMatchObject({
      companyId: company.companyId,
      firstName: 'Eleanor',
      lastName: 'Hargreaves',
      jobTitle: 'Managing Director',
      role: 'decision_maker',
      emails: [],
      phones: [],
    });
    expect(contact.notes).toMatch(/^Director at Companies House since 3 November 2015\./);
    expect(contact.notes).toContain('Eleanor Jane Hargreaves');

    const listed = await owner.get(`/v1/companies/${company.companyId}/contacts`);
    expect(listed.body.items.map((c: { contactId: string }) => c.contactId)).toEqual([contact.contactId]);
    const timeline = await owner.get(`/v1/companies/${company.companyId}/timeline`);
    expect(JSON.stringify(timeline.body)).toContain('Eleanor Hargreaves');

    const again = await problem(
      service.addDirectorAsContact(ctx, { companyId: company.companyId, officerId: CH_OFFICER.eleanor }, deps),
    );
    expect(again.status).toBe(409);
    expect(again.detail).toBe('Eleanor Hargreaves is already a contact of Brightwire Contacts');
  });

  it('treats a same-named contact entered by hand as the same person (case-insensitive)', async () => {
    const company = await newCompany(owner, { name: 'Hand Entered', companyNumber: CH_COMPANY.active });
    await owner.post(`/v1/companies/${company.companyId}/contacts`, {
      firstName: 'daniel',
      lastName: 'OKAFOR',
      role: 'technical',
    });
    expect(
      (
        await problem(
          service.addDirectorAsContact(ctx, { companyId: company.companyId, officerId: CH_OFFICER.daniel }, deps),
        )
      ).status,
    ).toBe(409);
  });

  it('adds a resigned director and a secretary with fitting titles and notes', async () => {
    const company = await newCompany(owner, { name: 'Brightwire Alumni', companyNumber: CH_COMPANY.active });
    const ravi = await service.addDirectorAsContact(
      ctx,
      { companyId: company.companyId, officerId: CH_OFFICER.ravi },
      deps,
    );
    expect(ravi).toMatchObject({
      firstName: 'Ravi',
      lastName: 'Patel',
      jobTitle: 'Sales Director',
      role: 'decision_maker',
    });
    expect(ravi.notes).toBe('Director at Companies House since 3 November 2015; resigned 31 March 2021.');

    const thomas = await service.addDirectorAsContact(
      ctx,
      { companyId: company.companyId, officerId: CH_OFFICER.thomas },
      deps,
    );
    expect(thomas).toMatchObject({
      firstName: 'Thomas',
      lastName: 'Hargreaves',
      jobTitle: 'Company secretary',
      role: 'other',
    });
  });

  it('404 for an officer not listed on the company, 422 for a corporate officer, 404 for another tenant', async () => {
    const company = await newCompany(owner, { name: 'Brightwire Strangers', companyNumber: CH_COMPANY.active });
    const stranger = await problem(
      service.addDirectorAsContact(ctx, { companyId: company.companyId, officerId: CH_OFFICER.marcus }, deps),
    );
    expect(stranger.status).toBe(404);

    const scottish = await newCompany(owner, { name: 'Brightwire Scotland', companyNumber: CH_COMPANY.scottish });
    const corporate = await problem(
      service.addDirectorAsContact(
        ctx,
        { companyId: scottish.companyId, officerId: CH_OFFICER.corporateSecretary },
        deps,
      ),
    );
    expect(corporate.status).toBe(422);
    expect(corporate.detail).toMatch(/corporate officer/);

    expect(
      (
        await problem(
          service.addDirectorAsContact(other, { companyId: company.companyId, officerId: CH_OFFICER.eleanor }, deps),
        )
      ).status,
    ).toBe(404);
  });
});

/**
 * Through the gateway, against the fake Companies House the global setup runs: it points the
 * handlers at it (COMPANIES_HOUSE_BASE_URL), sets it as the platform key and provides its origin
 * as `fakes.companiesHouse`. Without that wiring these skip.
 */
const fakeChOrigin = (inject as unknown as (key: string) => { companiesHouse?: string } | undefined)(
  'fakes',
)?.companiesHouse;

describe.skipIf(!fakeChOrigin)('enrichment routes', () => {
  let owner: Client;
  let viewer: Client;
  let company: { companyId: string };
  const control = fakeChOrigin ? fakeCompaniesHouseControl(fakeChOrigin) : undefined;

  beforeAll(async () => {
    ({ owner } = await newTenant('Enrichment routes'));
    viewer = (await newMember(owner, 'viewer')).client;
    company = await newCompany(owner, { name: 'Brightwire via API', companyNumber: CH_COMPANY.active });
  });

  it('searches; q is required and 2 to 100 characters', async () => {
    const res = await owner.get('/v1/companies-house/search?q=brightwire');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { companyNumber: string }) => i.companyNumber)).toContain(CH_COMPANY.active);
    expect(res.body).toHaveProperty('cursor');
    for (const query of ['', '?q=a', `?q=${'x'.repeat(101)}`]) {
      const bad = await owner.get(`/v1/companies-house/search${query}`);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['q']);
    }
  });

  it('shows directors, active first; viewers may not spend the Companies House quota', async () => {
    expect((await viewer.get(`/v1/companies/${company.companyId}/directors`)).status).toBe(403);
    expect((await viewer.get('/v1/companies-house/search?q=brightwire')).status).toBe(403);
    const res = await owner.get(`/v1/companies/${company.companyId}/directors`);
    expect(res.status).toBe(200);
    expect(res.body.companyNumber).toBe(CH_COMPANY.active);
    expect(res.body.items[0]).toMatchObject({
      officerId: CH_OFFICER.eleanor,
      name: 'Eleanor Jane Hargreaves',
      active: true,
    });
    expect(res.body.items.at(-1)).toMatchObject({ officerId: CH_OFFICER.ravi, active: false });
  });

  it('adds a director as a contact: 201, then 409; viewers may not; 404 for unknown officers', async () => {
    const created = await owner.post(`/v1/companies/${company.companyId}/directors/${CH_OFFICER.daniel}/contact`);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      firstName: 'Daniel',
      lastName: 'Okafor',
      jobTitle: 'Technical Director',
      role: 'decision_maker',
    });
    expect((await owner.post(`/v1/companies/${company.companyId}/directors/${CH_OFFICER.daniel}/contact`)).status).toBe(
      409,
    );
    expect(
      (await viewer.post(`/v1/companies/${company.companyId}/directors/${CH_OFFICER.eleanor}/contact`)).status,
    ).toBe(403);
    expect((await owner.post(`/v1/companies/${company.companyId}/directors/noSuchOfficer123/contact`)).status).toBe(
      404,
    );
  });

  it('422 for a company without a number; a short Companies House 429 is waited out', async () => {
    const bare = await newCompany(owner, { name: 'Bare Ltd' });
    const res = await owner.get(`/v1/companies/${bare.companyId}/directors`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/has no Companies House number/);

    // A long Retry-After would hold the shared platform key back for every other test, so only a short one here.
    await control!.script({ status: 429, retryAfter: 1, path: `/company/${CH_COMPANY.dissolved}/officers` });
    const kestrel = await newCompany(owner, { name: 'Kestrel', companyNumber: CH_COMPANY.dissolved });
    const res2 = await owner.get(`/v1/companies/${kestrel.companyId}/directors`);
    expect(res2.status).toBe(200);
    expect(res2.body.items.map((d: { name: string }) => d.name)).toEqual([
      'Marcus David Fenwick',
      'Claire Louise Fenwick',
    ]);
    const officerCalls = (await control!.requests()).filter(
      (r) => r.path === `/company/${CH_COMPANY.dissolved}/officers`,
    );
    expect(officerCalls.map((r) => r.status).slice(-2)).toEqual([429, 200]);
  });
});
