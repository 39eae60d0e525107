import { primaryEmail } from '../contacts/email.js';
import type { Company } from '../data/company.js';
import type { Contact } from '../data/contact.js';
import type { Deal } from '../data/deal.js';
import type { Quote } from '../data/quote.js';
import type { SearchToken } from '../data/search-token.js';
import type { Db } from '../data/service.js';
import { companyNumberToken, domainTokens, emailTokens, phoneTokens, words } from './normalise.js';

type WriteEntities = Parameters<Parameters<Db['transaction']['write']>[0]>[0];

/**
 * Tokens per record are capped so a record's write, its timeline entry, its company check and
 * an update's deletes of old tokens plus puts of new ones stay inside DynamoDB's 100-item
 * transaction (2 + 2 × 40 = 82). Name words come first, so a huge record loses tail tokens only.
 */
export const MAX_TOKENS_PER_RECORD = 40;
const NAME = 2;
const OTHER = 1;

export type Searchable = Pick<SearchToken, 'kind' | 'recordId' | 'title' | 'subtitle' | 'companyId' | 'updatedAt'> & {
  tenantId: string;
  texts: { weight: number; tokens: string[] }[];
};

export const companySearchable = (c: Company): Searchable => ({
  tenantId: c.tenantId,
  kind: 'company',
  recordId: c.companyId,
  title: c.name,
  ...(c.domain ? { subtitle: c.domain } : {}),
  updatedAt: c.updatedAt,
  texts: [
    { weight: NAME, tokens: words(c.name) },
    { weight: OTHER, tokens: c.domain ? domainTokens(c.domain) : [] },
    // Whole, so a company number finds its company (and the duplicate check can ask for it).
    { weight: OTHER, tokens: c.companyNumber ? [companyNumberToken(c.companyNumber)] : [] },
  ],
});

export const contactSearchable = (c: Contact): Searchable => {
  const email = primaryEmail(c);
  return {
    tenantId: c.tenantId,
    kind: 'contact',
    recordId: c.contactId,
    title: `${c.firstName} ${c.lastName}`,
    companyId: c.companyId,
    ...(c.jobTitle || email ? { subtitle: c.jobTitle ?? email } : {}),
    updatedAt: c.updatedAt,
    texts: [
      { weight: NAME, tokens: words(`${c.firstName} ${c.lastName}`) },
      { weight: OTHER, tokens: (c.emails ?? []).flatMap((e) => emailTokens(e.address)) },
      { weight: OTHER, tokens: (c.phones ?? []).flatMap((p) => phoneTokens(p.number)) },
    ],
  };
};

/** A deal is found by the words of its name; its company's name (as it was at the write) is the subtitle. */
export const dealSearchable = (d: Deal, companyName: string): Searchable => ({
  tenantId: d.tenantId,
  kind: 'deal',
  recordId: d.dealId,
  title: d.name,
  subtitle: companyName,
  updatedAt: d.updatedAt,
  texts: [{ weight: NAME, tokens: words(d.name) }],
});

/** A quote is found by its number (Q-2026-0001: "q", "2026", "0001") and the words of its title. */
export const quoteSearchable = (q: Quote, companyName: string): Searchable => ({
  tenantId: q.tenantId,
  kind: 'quote',
  recordId: q.quoteId,
  title: `${q.number} ${q.title}`,
  subtitle: companyName,
  companyId: q.companyId,
  updatedAt: q.updatedAt,
  texts: [
    { weight: NAME, tokens: words(q.number) },
    { weight: NAME, tokens: words(q.title) },
  ],
});

/** The token items of a record: one per distinct token, at its best weight, at most the cap. */
export function tokenItems(s: Searchable): SearchToken[] {
  const best = new Map<string, number>();
  for (const { weight, tokens } of s.texts)
    for (const token of tokens) if ((best.get(token) ?? 0) < weight) best.set(token, weight);
  const { texts: _texts, ...common } = s;
  return [...best]
    .slice(0, MAX_TOKENS_PER_RECORD)
    .map(([token, weight]) => ({ ...common, token, weight }) as SearchToken);
}

const key = (t: SearchToken) => ({ tenantId: t.tenantId, token: t.token, kind: t.kind, recordId: t.recordId });

/**
 * The transaction items that move a record's tokens from `before` to `after` (either absent for
 * a create or a delete): gone tokens deleted, current ones put (their title may have changed).
 */
export function tokenWrites(entities: WriteEntities, before?: Searchable, after?: Searchable): object[] {
  const next = after ? tokenItems(after) : [];
  const kept = new Set(next.map((t) => t.token));
  const gone = before ? tokenItems(before).filter((t) => !kept.has(t.token)) : [];
  return [
    ...gone.map((t) => entities.searchToken.delete(key(t)).commit()),
    ...next.map((t) => entities.searchToken.put(t).commit()),
  ];
}
