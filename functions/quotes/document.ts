import { primaryEmail } from '../contacts/email.js';
import type { Company } from '../data/company.js';
import type { Contact } from '../data/contact.js';
import type {
  DocumentAcceptance,
  DocumentBranding,
  DocumentLine,
  DocumentSection,
  DocumentTotals,
  QuoteDocument,
} from '../quote-pdf/document.js';
import type { StoredContent } from './compare.js';
import type { PricedLine, QuoteTotals } from './pricing.js';

/** What a quote was (or is) when its PDF is drawn: a sent revision's snapshot, or the quote itself. */
export interface QuoteSnapshot {
  number: string;
  title: string;
  status: string;
  currency: string;
  validUntil?: string | undefined;
  terms?: string | undefined;
  notes?: string | undefined;
  content: StoredContent;
}

const documentLine = (l: PricedLine): DocumentLine => ({
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  discount: l.discount,
  net: l.net,
  taxRateBps: l.taxRateBps,
  tax: l.tax,
  optional: Boolean(l.optional),
  selected: l.counts,
});

/** Lines grouped by their `section`, in the order sections first appear; lines without one first. */
export function sectionsOf(lines: readonly PricedLine[]): DocumentSection[] {
  const order: (string | undefined)[] = [];
  const bySection = new Map<string | undefined, DocumentLine[]>();
  for (const line of lines) {
    const key = line.section || undefined;
    if (!bySection.has(key)) {
      bySection.set(key, []);
      order.push(key);
    }
    bySection.get(key)!.push(documentLine(line));
  }
  order.sort((a, b) => (a === undefined ? -1 : b === undefined ? 1 : 0));
  return order.map((title) => ({ ...(title ? { title } : {}), lines: bySection.get(title)! }));
}

const totalsOf = (t: QuoteTotals): DocumentTotals => t;

const addressLines = (company: Pick<Company, 'addresses'>): string[] => {
  const a = company.addresses?.[0];
  if (!a) return [];
  return [a.line1, a.line2, [a.city, a.postcode].filter(Boolean).join(' '), a.region, a.country].filter(
    (s): s is string => Boolean(s),
  );
};

/** The PDF's view of a quote: every figure as priced, nothing added up here. */
export function quoteDocument(input: {
  branding: DocumentBranding;
  snapshot: QuoteSnapshot;
  revision: number;
  issuedAt: string;
  company: Pick<Company, 'name' | 'addresses'>;
  contact?: Pick<Contact, 'firstName' | 'lastName' | 'emails'> | undefined;
  acceptance?: DocumentAcceptance | undefined;
}): QuoteDocument {
  const { snapshot, contact } = input;
  const content = snapshot.content;
  const email = primaryEmail(contact);
  return {
    branding: input.branding,
    quote: {
      number: snapshot.number,
      version: input.revision,
      title: snapshot.title,
      status: snapshot.status,
      issuedAt: input.issuedAt,
      currency: snapshot.currency,
      ...(snapshot.validUntil ? { validUntil: snapshot.validUntil } : {}),
      ...(snapshot.terms ? { terms: snapshot.terms } : {}),
      ...(snapshot.notes ? { notes: snapshot.notes } : {}),
      company: { name: input.company.name, addressLines: addressLines(input.company) },
      ...(contact
        ? { contact: { name: `${contact.firstName} ${contact.lastName}`, ...(email ? { email } : {}) } }
        : {}),
    },
    body: content.tiers
      ? {
          kind: 'tiers',
          tiers: content.tiers.map((t) => ({
            name: t.name,
            sections: sectionsOf(t.lines),
            totals: totalsOf(t.totals),
          })),
        }
      : { kind: 'sections', sections: sectionsOf(content.lines), totals: totalsOf(content.totals) },
    ...(input.acceptance ? { acceptance: input.acceptance } : {}),
  };
}
