import type { CompaniesHouseFacts } from '../ai/facts.js';
import {
  normaliseCompanyNumber,
  type CompaniesHouseAddress,
  type CompaniesHouseApi,
  type Filing,
  type Officer,
} from './companies-house-client.js';
import { CompaniesHouseNotFoundError } from './companies-house-errors.js';

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
