import type { CompaniesHouseFacts, CompanyFacts } from '../ai/facts.js';
import type { Company } from '../data/company.js';
import type { Deps } from '../shared/deps.js';

const MAX_ACTIVITIES = 50;
const MAX_CONTACTS = 100;
const MAX_BODY = 1000;

/** Looks up a company's public record; undefined when no key is configured or nothing is found. */
export type CompaniesHouseLookup = (
  tenantId: string,
  companyNumber: string,
  deps: Deps,
) => Promise<CompaniesHouseFacts | undefined>;

const formatAddress = (a: NonNullable<Company['addresses']>[number]) =>
  [a.line1, a.city, a.postcode, a.country].filter(Boolean).join(', ');

/** Everything known about a company right now: record, contacts, newest activities, public record. */
export async function gatherFacts(
  company: Company,
  deps: Deps,
  companiesHouse?: CompaniesHouseLookup,
): Promise<CompanyFacts> {
  const key = { tenantId: company.tenantId, companyId: company.companyId };
  const [contacts, activities, publicRecord] = await Promise.all([
    deps.db.entities.contact.query.byCompany(key).go({ count: MAX_CONTACTS }),
    deps.db.entities.activity.query.byCompany(key).go({ order: 'desc', count: MAX_ACTIVITIES }),
    company.companyNumber && companiesHouse ? companiesHouse(company.tenantId, company.companyNumber, deps) : undefined,
  ]);
  return {
    asOf: deps.now(),
    company: {
      name: company.name,
      stage: company.stage,
      industry: company.industry,
      domain: company.domain,
      companyNumber: company.companyNumber,
      tags: company.tags ?? [],
      knownFacts: company.knownFacts ?? [],
      locations: (company.addresses ?? []).map(formatAddress).filter(Boolean),
      createdAt: company.createdAt,
    },
    contacts: contacts.data.map((c) => ({
      name: `${c.firstName} ${c.lastName}`.trim(),
      jobTitle: c.jobTitle,
      role: c.role,
      hasEmail: (c.emails ?? []).length > 0,
      hasPhone: (c.phones ?? []).length > 0,
    })),
    activities: activities.data.map((a) => ({
      type: a.type,
      subject: a.subject,
      body: a.body && a.body.length > MAX_BODY ? `${a.body.slice(0, MAX_BODY)}…` : a.body,
      occurredAt: a.occurredAt,
    })),
    companiesHouse: publicRecord,
  };
}
