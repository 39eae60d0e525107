import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cancellableDelays, readBody, sendJson } from './http.js';

/**
 * A local stand-in for the Companies House Public Data API speaking its wire format: HTTP Basic
 * auth with the key as user name, snake_case JSON shaped like recorded responses, 404 bodies as
 * the service sends them, X-Ratelimit-* headers and a real 600-per-5-minutes limit per key. The
 * companies are fabricated (see FIXTURES) but every field is one the real API returns.
 *
 *   GET /search/companies?q=&items_per_page=&start_index=
 *   GET /company/{number}
 *   GET /company/{number}/officers?items_per_page=&start_index=
 *   GET /company/{number}/filing-history?items_per_page=&start_index=&category=
 *
 * Control in-process through the returned object, or over HTTP from another process (vitest
 * workers, when the global setup owns the server); see `fakeCompaniesHouseControl`:
 *   POST /__fake/script   a FakeChBehaviour or an array of them (appended, one-shot, in order)
 *   GET  /__fake/requests JSON array of RecordedChRequest (API calls only)
 *   POST /__fake/reset    clears the script, the recorded requests and the rate-limit log
 */

/** One scripted reply for the next API request (or the next one whose path starts with `path`). */
export interface FakeChBehaviour {
  /** Answer with this status (429, 500, 503, 401…) instead of the fixture. */
  status?: number;
  /** Sent as `Retry-After` (seconds or an HTTP date). */
  retryAfter?: number | string;
  /** Wait this long before answering (longer than the client timeout simulates a hang). */
  delayMs?: number;
  /** Replace the body (e.g. a malformed shape); with no `status`, sent as a 200. */
  body?: unknown;
  /** Only a request whose path starts with this consumes the behaviour. */
  path?: string;
}

export interface RecordedChRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Whether the Basic credentials carried the accepted key. */
  authorized: boolean;
  status: number;
}

export interface FakeCompaniesHouse {
  /** Base URL for COMPANIES_HOUSE_BASE_URL (no trailing slash). */
  url: string;
  port: number;
  /** The one API key the fake accepts. */
  key: string;
  script(...behaviours: FakeChBehaviour[]): void;
  requests(): RecordedChRequest[];
  reset(): void;
  stop(): Promise<void>;
}

/** The key the fake accepts unless told otherwise (shaped like a real one: a UUID). */
export const FAKE_COMPANIES_HOUSE_KEY = '6f0c3b1e-8a4d-4c2e-9b7f-2d5e1a9c4b80';

/** Company numbers of the fixtures. */
export const CH_COMPANY = {
  /** BRIGHTWIRE IT SERVICES LIMITED: active ltd; 3 directors (one resigned) and a secretary; 27 filings. */
  active: '09876543',
  /** KESTREL PRINT & DESIGN LTD: dissolved by voluntary strike-off. */
  dissolved: '07123456',
  /** BRIGHTWIRE ELECTRICAL CONTRACTORS LIMITED: in liquidation, accounts overdue. */
  liquidation: '11223344',
  /** BRIGHTWIRE SOLUTIONS (SCOTLAND) LTD: active, with a corporate secretary. */
  scottish: 'SC612345',
  /** Not on the register: every company endpoint answers 404. */
  unknown: '99999999',
} as const;

/** Officer ids (from `links.officer.appointments`) of the fixtures. */
export const CH_OFFICER = {
  /** HARGREAVES, Eleanor Jane: director of `active` since 2015-11-03. */
  eleanor: 'pQ2rX8mZt4vK9nB1cL7yW3dH5sE',
  /** OKAFOR, Daniel Chukwuemeka: director of `active` since 2019-06-01. */
  daniel: 'Zk5hT1qV8wN3eR6yU0iO2pA4sDf',
  /** PATEL, Ravi: director of `active`, resigned 2021-03-31. */
  ravi: 'Lm9bV2cX7zQ4wE1rT6yU3iO8pAs',
  /** HARGREAVES, Thomas Edward: secretary of `active`. */
  thomas: 'Gh3jK8lZ1xC6vB4nM9qW2eR7tYu',
  /** FENWICK, Marcus David: director of `dissolved`. */
  marcus: 'Rt6yU1iO4pA9sD2fG7hJ3kL8zXc',
  /** BLACKADDER COMPANY SECRETARIES LIMITED: corporate secretary of `scottish`. */
  corporateSecretary: 'Vb8nM3qW6eR1tY4uI9oP2aS7dFg',
} as const;

type Json = Record<string, any>;

interface Fixture {
  profile: Json;
  officers: Json[];
  /** Newest first, as the API lists them. */
  filings: Json[];
}

const CH_DOC_API = 'https://frontend-doc-api.company-information.service.gov.uk';

function transactionId(number: string, date: string, type: string): string {
  return Buffer.from(`${number}${date.replace(/-/g, '')}${type}`)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 26);
}

function filing(
  number: string,
  date: string,
  type: string,
  category: string,
  description: string,
  values?: Json,
  extra: Json = {},
): Json {
  const id = transactionId(number, date, type);
  return {
    ...(values?.made_up_date ? { action_date: values.made_up_date } : {}),
    barcode: `X${id.slice(0, 7).toUpperCase()}`,
    category,
    date,
    description,
    ...(values ? { description_values: values } : {}),
    links: {
      self: `/company/${number}/filing-history/${id}`,
      document_metadata: `${CH_DOC_API}/document/${id.toLowerCase()}`,
    },
    pages: extra.pages ?? (category === 'accounts' ? 9 : 3),
    paper_filed: false,
    transaction_id: id,
    type,
    ...extra,
  };
}

function officer(number: string, officerId: string, appointmentId: string, fields: Json): Json {
  return {
    ...fields,
    etag: `${appointmentId.toLowerCase()}0f3a`,
    links: {
      self: `/company/${number}/appointments/${appointmentId}`,
      officer: { appointments: `/officers/${officerId}/appointments` },
    },
  };
}

const leedsOffice = {
  premises: 'Unit 4',
  address_line_1: 'Aire Street Works',
  locality: 'Leeds',
  region: 'West Yorkshire',
  postal_code: 'LS1 4PR',
  country: 'England',
};

function activeFixture(): Fixture {
  const n = CH_COMPANY.active;
  const accounts = (date: string, madeUp: string, kind: string) =>
    filing(n, date, 'AA', 'accounts', `accounts-with-accounts-type-${kind}`, { made_up_date: madeUp });
  const cs = (date: string, madeUp: string, updates = false) =>
    filing(
      n,
      date,
      'CS01',
      'confirmation-statement',
      updates ? 'confirmation-statement-with-updates' : 'confirmation-statement-with-no-updates',
      { made_up_date: madeUp },
    );
  return {
    profile: {
      accounts: {
        accounting_reference_date: { day: '31', month: '03' },
        last_accounts: {
          made_up_to: '2024-03-31',
          period_end_on: '2024-03-31',
          period_start_on: '2023-04-01',
          type: 'full',
        },
        next_accounts: {
          due_on: '2025-12-31',
          overdue: false,
          period_end_on: '2025-03-31',
          period_start_on: '2024-04-01',
        },
        next_due: '2025-12-31',
        next_made_up_to: '2025-03-31',
        overdue: false,
      },
      can_file: true,
      company_name: 'BRIGHTWIRE IT SERVICES LIMITED',
      company_number: n,
      company_status: 'active',
      confirmation_statement: {
        last_made_up_to: '2025-06-10',
        next_due: '2026-06-24',
        next_made_up_to: '2026-06-10',
        overdue: false,
      },
      date_of_creation: '2015-11-03',
      etag: 'b1f6a7c2e0d94f3b8a5c6e7d8f9a0b1c2d3e4f5a',
      has_been_liquidated: false,
      has_charges: true,
      has_insolvency_history: false,
      has_super_secure_pscs: false,
      jurisdiction: 'england-wales',
      last_full_members_list_date: '2016-11-03',
      links: {
        self: `/company/${n}`,
        filing_history: `/company/${n}/filing-history`,
        officers: `/company/${n}/officers`,
        charges: `/company/${n}/charges`,
        persons_with_significant_control: `/company/${n}/persons-with-significant-control`,
      },
      registered_office_address: leedsOffice,
      registered_office_is_in_dispute: false,
      sic_codes: ['62020', '62090'],
      type: 'ltd',
      undeliverable_registered_office_address: false,
    },
    officers: [
      officer(n, CH_OFFICER.daniel, 'Qw7eR2tY9uI4oP1aS6dF3gH8jK0', {
        address: { ...leedsOffice },
        appointed_on: '2019-06-01',
        country_of_residence: 'England',
        date_of_birth: { month: 9, year: 1986 },
        name: 'OKAFOR, Daniel Chukwuemeka',
        nationality: 'British',
        occupation: 'Technical Director',
        officer_role: 'director',
      }),
      officer(n, CH_OFFICER.thomas, 'Er4tY9uI2oP7aS1dF6gH3jK8lZ5', {
        address: { ...leedsOffice },
        appointed_on: '2016-01-11',
        name: 'HARGREAVES, Thomas Edward',
        officer_role: 'secretary',
      }),
      officer(n, CH_OFFICER.eleanor, 'Ty1uI6oP3aS8dF2gH7jK4lZ9xC0', {
        address: { ...leedsOffice },
        appointed_on: '2015-11-03',
        country_of_residence: 'England',
        date_of_birth: { month: 4, year: 1979 },
        name: 'HARGREAVES, Eleanor Jane',
        nationality: 'British',
        occupation: 'Managing Director',
        officer_role: 'director',
      }),
      officer(n, CH_OFFICER.ravi, 'Ui8oP5aS2dF9gH4jK1lZ6xC3vB7', {
        address: { ...leedsOffice },
        appointed_on: '2015-11-03',
        country_of_residence: 'United Kingdom',
        date_of_birth: { month: 12, year: 1974 },
        name: 'PATEL, Ravi',
        nationality: 'British',
        occupation: 'SALES DIRECTOR',
        officer_role: 'director',
        resigned_on: '2021-03-31',
      }),
    ],
    filings: [
      cs('2025-06-20', '2025-06-10'),
      accounts('2024-12-18', '2024-03-31', 'full'),
      cs('2024-06-14', '2024-06-10', true),
      filing(
        n,
        '2024-02-09',
        'CH01',
        'officers',
        'change-person-director-company-with-change-date',
        {
          officer_name: 'Mrs Eleanor Jane Hargreaves',
          change_date: '2024-02-01',
        },
        { subcategory: 'change' },
      ),
      accounts('2023-12-01', '2023-03-31', 'total-exemption-full'),
      cs('2023-06-13', '2023-06-10'),
      accounts('2022-12-14', '2022-03-31', 'total-exemption-full'),
      cs('2022-06-15', '2022-06-10'),
      accounts('2021-12-20', '2021-03-31', 'total-exemption-full'),
      cs('2021-06-11', '2021-06-10'),
      filing(
        n,
        '2021-04-07',
        'TM01',
        'officers',
        'termination-director-company-with-name-termination-date',
        {
          officer_name: 'Mr Ravi Patel',
          termination_date: '2021-03-31',
        },
        { subcategory: 'termination', pages: 1 },
      ),
      accounts('2020-12-30', '2020-03-31', 'total-exemption-full'),
      cs('2020-06-12', '2020-06-10'),
      accounts('2019-12-18', '2019-03-31', 'total-exemption-full'),
      cs('2019-06-11', '2019-06-10'),
      filing(
        n,
        '2019-06-05',
        'AP01',
        'officers',
        'appointment-of-director-company-with-name-date',
        {
          officer_name: 'Mr Daniel Chukwuemeka Okafor',
          appointment_date: '2019-06-01',
        },
        { subcategory: 'appointments', pages: 2 },
      ),
      accounts('2018-12-20', '2018-03-31', 'total-exemption-full'),
      filing(
        n,
        '2018-09-12',
        'MR01',
        'mortgage',
        'mortgage-create-with-deed-with-charge-number-charge-creation-date',
        {
          charge_number: '098765430001',
          charge_creation_date: '2018-09-05',
        },
        { subcategory: 'create', pages: 21 },
      ),
      cs('2018-06-14', '2018-06-10'),
      accounts('2017-12-19', '2017-03-31', 'total-exemption-small'),
      cs('2017-06-12', '2017-06-10', true),
      filing(
        n,
        '2017-02-20',
        'AD01',
        'address',
        'change-registered-office-address-company-with-date-old-address-new-address',
        {
          change_date: '2017-02-20',
          old_address: '27 Wellington Street, Leeds, LS1 4DL',
          new_address: 'Unit 4 Aire Street Works, Leeds, West Yorkshire, LS1 4PR',
        },
        { pages: 1 },
      ),
      accounts('2016-12-15', '2016-03-31', 'total-exemption-small'),
      cs('2016-11-14', '2016-11-03', true),
      filing(
        n,
        '2016-11-30',
        'AA01',
        'accounts',
        'change-account-reference-date-company-previous-shortened',
        {
          made_up_date: '2016-11-30',
          new_date: '2016-03-31',
        },
        { pages: 1 },
      ),
      filing(
        n,
        '2016-01-11',
        'AP03',
        'officers',
        'appointment-of-secretary-company-with-name-date',
        {
          officer_name: 'Mr Thomas Edward Hargreaves',
          appointment_date: '2016-01-11',
        },
        { subcategory: 'appointments', pages: 2 },
      ),
      filing(
        n,
        '2015-11-03',
        'NEWINC',
        'incorporation',
        'incorporation-company',
        {
          capital: [{ figure: '100', currency: 'GBP', date: '2015-11-03' }],
        },
        { pages: 12 },
      ),
    ].sort((a, b) => b.date.localeCompare(a.date)),
  };
}

function dissolvedFixture(): Fixture {
  const n = CH_COMPANY.dissolved;
  const office = {
    address_line_1: '14 Grainger Street',
    locality: 'Newcastle upon Tyne',
    postal_code: 'NE1 5JG',
    country: 'England',
  };
  return {
    profile: {
      accounts: {
        accounting_reference_date: { day: '31', month: '01' },
        last_accounts: {
          made_up_to: '2021-01-31',
          period_end_on: '2021-01-31',
          period_start_on: '2020-02-01',
          type: 'micro-entity',
        },
        next_accounts: {
          due_on: '2022-10-31',
          overdue: false,
          period_end_on: '2022-01-31',
          period_start_on: '2021-02-01',
        },
        next_due: '2022-10-31',
        next_made_up_to: '2022-01-31',
        overdue: false,
      },
      can_file: false,
      company_name: 'KESTREL PRINT & DESIGN LTD',
      company_number: n,
      company_status: 'dissolved',
      confirmation_statement: {
        last_made_up_to: '2021-01-14',
        next_due: '2022-01-28',
        next_made_up_to: '2022-01-14',
        overdue: false,
      },
      date_of_cessation: '2022-08-16',
      date_of_creation: '2010-01-14',
      etag: '0e4d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d',
      has_charges: false,
      has_insolvency_history: false,
      jurisdiction: 'england-wales',
      links: {
        self: `/company/${n}`,
        filing_history: `/company/${n}/filing-history`,
        officers: `/company/${n}/officers`,
      },
      registered_office_address: office,
      registered_office_is_in_dispute: false,
      sic_codes: ['18129', '74100'],
      type: 'ltd',
      undeliverable_registered_office_address: false,
    },
    officers: [
      officer(n, CH_OFFICER.marcus, 'Op3aS8dF1gH6jK2lZ7xC4vB9nM5', {
        address: office,
        appointed_on: '2010-01-14',
        country_of_residence: 'England',
        date_of_birth: { month: 2, year: 1968 },
        name: 'FENWICK, Marcus David',
        nationality: 'British',
        occupation: 'Printer',
        officer_role: 'director',
      }),
      officer(n, 'Jk7lZ2xC9vB4nM1qW6eR3tY8uI0', 'As5dF0gH7jK3lZ8xC1vB6nM2qW9', {
        address: office,
        appointed_on: '2012-05-01',
        country_of_residence: 'England',
        date_of_birth: { month: 7, year: 1971 },
        name: 'FENWICK, Claire Louise',
        nationality: 'British',
        occupation: 'Graphic Designer',
        officer_role: 'director',
        resigned_on: '2020-09-30',
      }),
    ],
    filings: [
      filing(n, '2022-08-16', 'GAZ2(A)', 'gazette', 'gazette-dissolved-voluntary', undefined, { pages: 1 }),
      filing(n, '2022-05-31', 'GAZ1(A)', 'gazette', 'gazette-notice-voluntary', undefined, { pages: 1 }),
      filing(n, '2022-05-20', 'DS01', 'dissolution', 'dissolution-application-strike-off-company', undefined, {
        pages: 1,
      }),
      filing(n, '2021-09-02', 'AA', 'accounts', 'accounts-with-accounts-type-micro-entity', {
        made_up_date: '2021-01-31',
      }),
      filing(n, '2021-01-20', 'CS01', 'confirmation-statement', 'confirmation-statement-with-no-updates', {
        made_up_date: '2021-01-14',
      }),
      filing(
        n,
        '2020-10-05',
        'TM01',
        'officers',
        'termination-director-company-with-name-termination-date',
        {
          officer_name: 'Mrs Claire Louise Fenwick',
          termination_date: '2020-09-30',
        },
        { subcategory: 'termination', pages: 1 },
      ),
      filing(n, '2010-01-14', 'NEWINC', 'incorporation', 'incorporation-company', undefined, { pages: 14 }),
      // An old paper filing: the register's own text, no slug it can template.
      filing(
        n,
        '2011-02-11',
        '363a',
        'annual-return',
        'legacy',
        { description: 'Return made up to 14/01/11; full list of members' },
        { paper_filed: true },
      ),
    ].sort((a, b) => b.date.localeCompare(a.date)),
  };
}

function liquidationFixture(): Fixture {
  const n = CH_COMPANY.liquidation;
  const office = {
    care_of: 'Begbies Traynor (Central) LLP',
    address_line_1: '340 Deansgate',
    locality: 'Manchester',
    postal_code: 'M3 4LY',
  };
  return {
    profile: {
      accounts: {
        accounting_reference_date: { day: '30', month: '04' },
        last_accounts: {
          made_up_to: '2022-04-30',
          period_end_on: '2022-04-30',
          period_start_on: '2021-05-01',
          type: 'unaudited-abridged',
        },
        next_accounts: {
          due_on: '2024-01-31',
          overdue: true,
          period_end_on: '2023-04-30',
          period_start_on: '2022-05-01',
        },
        next_due: '2024-01-31',
        next_made_up_to: '2023-04-30',
        overdue: true,
      },
      can_file: true,
      company_name: 'BRIGHTWIRE ELECTRICAL CONTRACTORS LIMITED',
      company_number: n,
      company_status: 'liquidation',
      confirmation_statement: {
        last_made_up_to: '2023-03-01',
        next_due: '2024-03-15',
        next_made_up_to: '2024-03-01',
        overdue: true,
      },
      date_of_creation: '2018-03-01',
      etag: '7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b',
      has_charges: false,
      has_insolvency_history: true,
      jurisdiction: 'england-wales',
      links: {
        self: `/company/${n}`,
        filing_history: `/company/${n}/filing-history`,
        officers: `/company/${n}/officers`,
        insolvency: `/company/${n}/insolvency`,
      },
      registered_office_address: office,
      sic_codes: ['43210'],
      type: 'ltd',
    },
    officers: [
      officer(n, 'Wq2eR7tY4uI9oP6aS3dF8gH1jK5', 'Zx4cV9bN2mQ7wE4rT1yU6iO3pA8', {
        address: {
          address_line_1: '8 Oldham Street',
          locality: 'Manchester',
          postal_code: 'M1 1JQ',
          country: 'England',
        },
        appointed_on: '2018-03-01',
        country_of_residence: 'England',
        date_of_birth: { month: 11, year: 1982 },
        name: "O'BRIEN-MCKAY, Sean",
        nationality: 'Irish',
        occupation: 'ELECTRICIAN',
        officer_role: 'director',
      }),
    ],
    filings: [
      filing(n, '2023-11-21', '600', 'insolvency', 'liquidation-voluntary-appointment-of-liquidator', undefined, {
        pages: 2,
      }),
      filing(n, '2023-11-21', 'LIQ02', 'insolvency', 'liquidation-voluntary-statement-of-affairs', undefined, {
        pages: 8,
      }),
      filing(n, '2023-11-21', 'RESOLUTIONS', 'resolution', 'resolution', { description: 'Resolutions' }, { pages: 1 }),
      filing(n, '2023-03-08', 'CS01', 'confirmation-statement', 'confirmation-statement-with-no-updates', {
        made_up_date: '2023-03-01',
      }),
      filing(n, '2023-01-27', 'AA', 'accounts', 'accounts-with-accounts-type-unaudited-abridged', {
        made_up_date: '2022-04-30',
      }),
      filing(n, '2018-03-01', 'NEWINC', 'incorporation', 'incorporation-company', undefined, { pages: 11 }),
    ],
  };
}

function scottishFixture(): Fixture {
  const n = CH_COMPANY.scottish;
  const office = {
    premises: '2nd Floor',
    address_line_1: '45 West George Street',
    locality: 'Glasgow',
    postal_code: 'G2 1BP',
    country: 'Scotland',
  };
  return {
    profile: {
      accounts: {
        accounting_reference_date: { day: '31', month: '12' },
        last_accounts: {
          made_up_to: '2024-12-31',
          period_end_on: '2024-12-31',
          period_start_on: '2024-01-01',
          type: 'small',
        },
        next_accounts: {
          due_on: '2026-09-30',
          overdue: false,
          period_end_on: '2025-12-31',
          period_start_on: '2025-01-01',
        },
        next_due: '2026-09-30',
        next_made_up_to: '2025-12-31',
        overdue: false,
      },
      can_file: true,
      company_name: 'BRIGHTWIRE SOLUTIONS (SCOTLAND) LTD',
      company_number: n,
      company_status: 'active',
      confirmation_statement: {
        last_made_up_to: '2025-10-17',
        next_due: '2026-10-31',
        next_made_up_to: '2026-10-17',
        overdue: false,
      },
      date_of_creation: '2018-10-18',
      etag: '3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b',
      has_charges: false,
      has_insolvency_history: false,
      jurisdiction: 'scotland',
      links: {
        self: `/company/${n}`,
        filing_history: `/company/${n}/filing-history`,
        officers: `/company/${n}/officers`,
      },
      registered_office_address: office,
      sic_codes: ['62012', '62020'],
      type: 'ltd',
    },
    officers: [
      officer(n, 'Nm6qW1eR8tY3uI0oP5aS2dF7gH4', 'Bv3nM8qW5eR2tY7uI4oP1aS6dF9', {
        address: office,
        appointed_on: '2018-10-18',
        country_of_residence: 'Scotland',
        date_of_birth: { month: 5, year: 1990 },
        name: 'MACLEOD, Iain',
        nationality: 'Scottish',
        occupation: 'Director',
        officer_role: 'director',
      }),
      officer(n, CH_OFFICER.corporateSecretary, 'Cx9vB6nM3qW0eR5tY2uI7oP4aS1', {
        address: {
          premises: '5',
          address_line_1: 'Atholl Crescent',
          locality: 'Edinburgh',
          postal_code: 'EH3 8EJ',
          country: 'Scotland',
        },
        appointed_on: '2018-10-18',
        identification: {
          identification_type: 'uk-limited-company',
          registration_number: 'SC245678',
          place_registered: 'Companies House Edinburgh',
        },
        name: 'BLACKADDER COMPANY SECRETARIES LIMITED',
        officer_role: 'corporate-secretary',
      }),
    ],
    filings: [
      filing(n, '2025-10-20', 'CS01', 'confirmation-statement', 'confirmation-statement-with-no-updates', {
        made_up_date: '2025-10-17',
      }),
      filing(n, '2025-06-12', 'AA', 'accounts', 'accounts-with-accounts-type-small', { made_up_date: '2024-12-31' }),
      filing(n, '2018-10-18', 'NEWINC', 'incorporation', 'incorporation-company', undefined, { pages: 27 }),
    ],
  };
}

/** Fresh copies so a test that mutates one cannot leak into another. */
export function chFixtures(): Record<string, Fixture> {
  return Object.fromEntries(
    [activeFixture(), dissolvedFixture(), liquidationFixture(), scottishFixture()].map((f) => [
      f.profile.company_number as string,
      f,
    ]),
  );
}

function searchItem(profile: Json): Json {
  const address = profile.registered_office_address ?? {};
  const snippet = [
    address.care_of && `C/O ${address.care_of}`,
    [address.premises, address.address_line_1].filter(Boolean).join(' '),
    address.address_line_2,
    address.locality,
    address.region,
    address.postal_code,
  ]
    .filter(Boolean)
    .join(', ');
  const created = new Date(`${profile.date_of_creation}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const ceased = profile.date_of_cessation
    ? ` - Dissolved on ${new Date(`${profile.date_of_cessation}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`
    : '';
  return {
    address: { ...address },
    address_snippet: snippet,
    company_number: profile.company_number,
    company_status: profile.company_status,
    company_type: profile.type,
    date_of_creation: profile.date_of_creation,
    ...(profile.date_of_cessation ? { date_of_cessation: profile.date_of_cessation } : {}),
    description: `${profile.company_number} - Incorporated on ${created}${ceased}`,
    description_identifier: profile.date_of_cessation ? ['incorporated-on', 'dissolved-on'] : ['incorporated-on'],
    kind: 'searchresults#company',
    links: { self: `/company/${profile.company_number}` },
    matches: { snippet: [], title: [1, String(profile.company_name).length] },
    snippet: '',
    title: profile.company_name,
  };
}

const words = (text: string) =>
  text
    .toUpperCase()
    .split(/[^A-Z0-9&]+/)
    .filter(Boolean);

/** Every word of `q` starts some word of the name, or `q` is the company number. */
function matches(profile: Json, q: string): boolean {
  const query = words(q);
  if (query.length === 0) return false;
  if (q.replace(/\s+/g, '').toUpperCase() === profile.company_number) return true;
  const name = words(profile.company_name);
  return query.every((w) => name.some((n) => n.startsWith(w)));
}

function intParam(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : fallback;
}

/** The user name of a Basic Authorization header (the API key), if it is one. */
function basicUser(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

export interface FakeCompaniesHouseOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The accepted key; FAKE_COMPANIES_HOUSE_KEY by default. */
  key?: string;
  /** The server's own limit, as Companies House applies it per key (default 600 per 5 minutes). */
  rateLimit?: { limit: number; windowMs: number };
}

/** Starts the fake on 127.0.0.1. */
export async function startFakeCompaniesHouse(options: FakeCompaniesHouseOptions = {}): Promise<FakeCompaniesHouse> {
  const key = options.key ?? FAKE_COMPANIES_HOUSE_KEY;
  const rateLimit = options.rateLimit ?? { limit: 600, windowMs: 5 * 60_000 };
  const fixtures = chFixtures();
  let queue: FakeChBehaviour[] = [];
  let recorded: RecordedChRequest[] = [];
  let served: number[] = [];
  const { wait, cancelAll } = cancellableDelays();

  /** The rate-limit headers Companies House sends on every API response. */
  function limitHeaders(now: number): Record<string, string> {
    served = served.filter((t) => t > now - rateLimit.windowMs);
    const reset = served.length ? served[0]! + rateLimit.windowMs : now + rateLimit.windowMs;
    return {
      'x-ratelimit-limit': String(rateLimit.limit),
      'x-ratelimit-remain': String(Math.max(0, rateLimit.limit - served.length)),
      'x-ratelimit-reset': String(Math.ceil(reset / 1000)),
      'x-ratelimit-window': `${Math.round(rateLimit.windowMs / 60_000)}m`,
    };
  }

  function route(path: string, query: URLSearchParams): { status: number; body: unknown } {
    if (path === '/search/companies') {
      const q = query.get('q') ?? '';
      if (!q.trim())
        return {
          status: 400,
          body: {
            errors: [
              {
                error: 'query-param-missing',
                location: 'q',
                location_type: 'request-parameter',
                type: 'ch:validation',
              },
            ],
          },
        };
      const perPage = intParam(query.get('items_per_page') ?? undefined, 20, 100) || 20;
      const start = intParam(query.get('start_index') ?? undefined, 0, 10_000);
      const hits = Object.values(fixtures)
        .map((f) => f.profile)
        .filter((p) => matches(p, q))
        .sort((a, b) => String(a.company_name).localeCompare(String(b.company_name)));
      return {
        status: 200,
        body: {
          items: hits.slice(start, start + perPage).map(searchItem),
          items_per_page: perPage,
          kind: 'search#companies',
          page_number: Math.floor(start / perPage) + 1,
          start_index: start,
          total_results: hits.length,
        },
      };
    }
    const company = /^\/company\/([^/]+)(\/officers|\/filing-history)?\/?$/.exec(path);
    if (!company) return { status: 404, body: { errors: [{ error: 'not-found', type: 'ch:service' }] } };
    const number = decodeURIComponent(company[1]!).toUpperCase();
    const fixture = fixtures[number];
    const section = company[2];
    if (!fixture) {
      const error =
        section === '/officers'
          ? 'company-officers-not-found'
          : section === '/filing-history'
            ? 'filing-history-not-found'
            : 'company-profile-not-found';
      return { status: 404, body: { errors: [{ error, type: 'ch:service' }] } };
    }
    if (!section) return { status: 200, body: fixture.profile };
    const start = intParam(query.get('start_index') ?? undefined, 0, 10_000);
    if (section === '/officers') {
      const perPage = intParam(query.get('items_per_page') ?? undefined, 35, 100) || 35;
      const resigned = fixture.officers.filter((o) => o.resigned_on).length;
      return {
        status: 200,
        body: {
          active_count: fixture.officers.length - resigned,
          etag: `${number.toLowerCase()}officers`,
          inactive_count: 0,
          items: fixture.officers.slice(start, start + perPage),
          items_per_page: perPage,
          kind: 'officer-list',
          links: { self: `/company/${number}/officers` },
          resigned_count: resigned,
          start_index: start,
          total_results: fixture.officers.length,
        },
      };
    }
    const perPage = intParam(query.get('items_per_page') ?? undefined, 25, 100) || 25;
    const categories = (query.get('category') ?? '').split(',').filter(Boolean);
    const items = categories.length ? fixture.filings.filter((f) => categories.includes(f.category)) : fixture.filings;
    return {
      status: 200,
      body: {
        etag: `${number.toLowerCase()}filings`,
        filing_history_status: 'filing-history-available',
        items: items.slice(start, start + perPage),
        items_per_page: perPage,
        kind: 'filing-history',
        start_index: start,
        total_count: items.length,
      },
    };
  }

  async function answerApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<void> {
    const entry: RecordedChRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(query),
      headers: { ...req.headers },
      authorized: basicUser(req.headers.authorization) === key,
      status: 0,
    };
    recorded.push(entry);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      sendJson(res, status, body, headers);
    };
    const index = queue.findIndex((b) => !b.path || path.startsWith(b.path));
    const behaviour = index === -1 ? undefined : queue.splice(index, 1)[0]!;
    if (behaviour?.delayMs) await wait(behaviour.delayMs);
    if (!entry.authorized) return reply(401, { error: 'Invalid Authorization', type: 'ch:service' });
    const now = Date.now();
    const limits = limitHeaders(now);
    if (behaviour?.status) {
      const headers: Record<string, string> = { ...limits };
      if (behaviour.retryAfter !== undefined) headers['retry-after'] = String(behaviour.retryAfter);
      const body =
        behaviour.body ??
        (behaviour.status === 429
          ? { errors: [{ error: 'rate-limit-exceeded', type: 'ch:service' }] }
          : { errors: [{ error: `status-${behaviour.status}`, type: 'ch:service' }] });
      return reply(behaviour.status, body, headers);
    }
    if (served.length >= rateLimit.limit) {
      const retryAfter = Math.max(1, Number(limits['x-ratelimit-reset']) - Math.floor(now / 1000));
      return reply(
        429,
        { errors: [{ error: 'rate-limit-exceeded', type: 'ch:service' }] },
        { ...limits, 'retry-after': String(retryAfter) },
      );
    }
    if (req.method !== 'GET') return reply(405, { errors: [{ error: 'method-not-allowed', type: 'ch:service' }] });
    served.push(now);
    const answer = behaviour?.body !== undefined ? { status: 200, body: behaviour.body } : route(path, query);
    reply(answer.status, answer.body, limitHeaders(now));
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname;
      if (path.startsWith('/__fake/')) {
        const raw = await readBody(req);
        if (path === '/__fake/script' && req.method === 'POST') {
          const parsed: unknown = raw ? JSON.parse(raw) : [];
          queue.push(...((Array.isArray(parsed) ? parsed : [parsed]) as FakeChBehaviour[]));
          return sendJson(res, 200, { queued: queue.length });
        }
        if (path === '/__fake/requests' && req.method === 'GET') return sendJson(res, 200, recorded);
        if (path === '/__fake/reset' && req.method === 'POST') {
          queue = [];
          recorded = [];
          served = [];
          return sendJson(res, 200, { ok: true });
        }
        return sendJson(res, 404, { error: `No fake control ${req.method} ${path}` });
      }
      await readBody(req);
      await answerApi(req, res, path, url.searchParams);
    })().catch((error: unknown) =>
      sendJson(res, 500, { errors: [{ error: `fake failed: ${String(error)}`, type: 'ch:service' }] }),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    key,
    script: (...behaviours) => void queue.push(...behaviours),
    requests: () => structuredClone(recorded),
    reset: () => {
      queue = [];
      recorded = [];
      served = [];
    },
    stop: async () => {
      cancelAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Drives a fake started in another process (e.g. by the global setup) over its control routes. */
export function fakeCompaniesHouseControl(url: string) {
  const base = url.replace(/\/+$/, '');
  return {
    async script(...behaviours: FakeChBehaviour[]): Promise<void> {
      const res = await fetch(`${base}/__fake/script`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(behaviours),
      });
      if (!res.ok) throw new Error(`fake script failed: ${res.status}`);
    },
    async requests(): Promise<RecordedChRequest[]> {
      return (await fetch(`${base}/__fake/requests`)).json() as Promise<RecordedChRequest[]>;
    },
    async reset(): Promise<void> {
      await fetch(`${base}/__fake/reset`, { method: 'POST' });
    },
  };
}
