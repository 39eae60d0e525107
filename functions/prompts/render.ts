import type { CompanyFacts } from '../ai/facts.js';
import { roleReference } from '../catalog/facts.js';
import { minorDigits } from '../imports/deal-input.js';

const VARIABLE = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

/** The variable names a template uses, in order of first use. */
export const variablesIn = (template: string): string[] => [
  ...new Set([...template.matchAll(VARIABLE)].map((m) => m[1]!)),
];

/** Fills `{{name}}` placeholders; a variable without a value renders as "(not known)". */
export const renderTemplate = (template: string, values: Record<string, string>): string =>
  template.replace(VARIABLE, (_, name: string) => values[name] ?? '(not known)');

const day = (iso: string) => iso.slice(0, 10);
const daysBetween = (from: string, to: string) => Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const amountOf = (minor: number, currency: string) => {
  const digits = minorDigits(currency);
  return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
};

/** The catalog as the model reads it: one product or role a line, by the code a draft must name. */
function catalogText({ catalog }: CompanyFacts): string {
  if (!catalog) return '(no catalog)';
  const products = catalog.products.map(
    (p) =>
      `- ${p.code}: ${p.name}${p.category ? ` [${p.category}]` : ''}, ${amountOf(p.unitPrice, catalog.currency)} per ${p.unit}${p.description ? ` — ${clip(p.description, 200)}` : ''}`,
  );
  const roles = catalog.roles.map((r) => `- ${roleReference(r)}: ${amountOf(r.dayRate, catalog.currency)} a day`);
  return [
    `Products (${catalog.currency}, ex tax${catalog.truncated ? '; the first of many' : ''}):`,
    products.length ? products.join('\n') : '(none)',
    'Day rates:',
    roles.length ? roles.join('\n') : '(none)',
  ].join('\n');
}

/** Every template variable's value for a company, as readable text blocks. */
export function variablesFromFacts(facts: CompanyFacts): Record<string, string> {
  const { company } = facts;
  const profile = [
    `Name: ${company.name}`,
    `Stage: ${company.stage}`,
    company.industry && `Industry: ${company.industry}`,
    company.domain && `Website: ${company.domain}`,
    company.companyNumber && `Company number: ${company.companyNumber}`,
    company.locations.length > 0 && `Locations: ${company.locations.join('; ')}`,
    company.tags.length > 0 && `Tags: ${company.tags.join(', ')}`,
    `In the CRM since: ${day(company.createdAt)}`,
  ].filter(Boolean);
  const known = company.knownFacts.length > 0 ? company.knownFacts.map((f) => `- ${f}`).join('\n') : '(none recorded)';
  const contacts =
    facts.contacts.length > 0
      ? facts.contacts
          .map(
            (c) =>
              `- ${c.name}${c.jobTitle ? `, ${c.jobTitle}` : ''} (${c.role.replace('_', ' ')}${c.hasEmail ? ', has email' : ''}${c.hasPhone ? ', has phone' : ''})`,
          )
          .join('\n')
      : '(no contacts)';
  const activities =
    facts.activities.length > 0
      ? facts.activities
          .map(
            (a) =>
              `- ${day(a.occurredAt)} (${daysBetween(a.occurredAt, facts.asOf)} days ago) ${a.type}: ${a.subject}${a.body ? ` — ${clip(a.body, 300)}` : ''}`,
          )
          .join('\n')
      : '(no activities logged)';
  const ch = facts.companiesHouse;
  const companiesHouse = ch
    ? [
        `${ch.name} (${ch.companyNumber}), status ${ch.status}${ch.type ? `, ${ch.type}` : ''}`,
        ch.incorporatedOn && `Incorporated ${ch.incorporatedOn}`,
        ch.sicCodes.length > 0 && `SIC codes: ${ch.sicCodes.join(', ')}`,
        ch.registeredAddress && `Registered office: ${ch.registeredAddress}`,
        `Accounts overdue: ${ch.accountsOverdue ? 'yes' : 'no'}; confirmation statement overdue: ${ch.confirmationStatementOverdue ? 'yes' : 'no'}`,
        ch.lastAccountsMadeUpTo && `Last accounts made up to ${ch.lastAccountsMadeUpTo}`,
        `Insolvency history: ${ch.hasInsolvencyHistory ? 'yes' : 'no'}; charges: ${ch.hasCharges ? 'yes' : 'no'}`,
        `Officers: ${ch.officers.map((o) => `${o.name} (${o.role}${o.resignedOn ? `, resigned ${o.resignedOn}` : `, since ${o.appointedOn ?? '?'}`})`).join('; ') || 'none listed'}`,
        `Recent filings: ${
          ch.filings
            .slice(0, 8)
            .map((f) => `${f.date} ${f.description}`)
            .join('; ') || 'none'
        }`,
      ]
        .filter(Boolean)
        .join('\n')
    : '(no Companies House data)';
  return {
    company_name: company.name,
    company_stage: company.stage,
    company_industry: company.industry ?? '(not known)',
    company_profile: profile.join('\n'),
    known_facts: known,
    contacts,
    activities,
    companies_house: companiesHouse,
    requirements: facts.requirements?.trim() || '(none given)',
    catalog: catalogText(facts),
    tiers:
      facts.tiers === 1
        ? 'One option.'
        : facts.tiers === 3
          ? 'Three tiers: Good, Better and Best, from modest to complete.'
          : 'One option, or three tiers (Good, Better, Best) when the requirements leave room for choice.',
    today: day(facts.asOf),
  };
}
