import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import type { SearchHit } from './contract.js';
import { queryWords } from './normalise.js';
import { rank, type Ranked, type WordMatches } from './rank.js';
import type { SearchQuery } from './schema.js';

/**
 * Token items read per query word, in one Query: a common prefix ("bri" among 50,000 companies)
 * costs the same as a rare one. 1,000 read in 50–150 ms on DynamoDB Local, 250 in 20–50 ms; a word
 * cut short is checked against the other words' candidates instead (rank.ts).
 */
const MAX_TOKENS_PER_WORD = 250;
const MAX_WORDS = 6;

/**
 * Records matching every word of `q` (each a prefix of one of the record's tokens), ranked as
 * rank.ts says. Each word is one begins() Query on the tenant's token partition; hits on records gone since (a company's
 * cascaded contacts keep their tokens) are dropped by a batch read of the candidates.
 */
export async function search(ctx: TenantContext, query: SearchQuery, deps: Deps): Promise<SearchHit[]> {
  const qWords = queryWords(query.q).slice(0, MAX_WORDS);
  const perWord = await Promise.all(qWords.map((w) => matches(ctx.tenantId, w, deps)));
  const ranked = rank(perWord, query.kinds ? new Set(query.kinds) : undefined);
  const live = await stillThere(ctx.tenantId, ranked.slice(0, query.limit * 2), deps);
  return live.slice(0, query.limit).map(({ token: t }) => ({
    kind: t.kind,
    id: t.recordId,
    title: t.title,
    ...(t.subtitle ? { subtitle: t.subtitle } : {}),
    ...(t.companyId ? { companyId: t.companyId } : {}),
  }));
}

async function matches(tenantId: string, word: string, deps: Deps): Promise<WordMatches> {
  const result = await deps.db.entities.searchToken.query
    .byToken({ tenantId })
    .begins({ token: word })
    .go({ count: MAX_TOKENS_PER_WORD, limit: MAX_TOKENS_PER_WORD });
  return { word, tokens: result.data, truncated: result.data.length >= MAX_TOKENS_PER_WORD };
}

/** The candidates whose records still exist (one BatchGet per kind). */
async function stillThere(tenantId: string, hits: Ranked[], deps: Deps): Promise<Ranked[]> {
  const ids = (kind: string) => hits.filter((h) => h.token.kind === kind).map((h) => h.token.recordId);
  const companyIds = ids('company');
  const contactIds = ids('contact');
  const dealIds = ids('deal');
  const quoteIds = ids('quote');
  const [companies, contacts, deals, quotes] = await Promise.all([
    companyIds.length
      ? deps.db.entities.company
          .get(companyIds.map((companyId) => ({ tenantId, companyId })))
          .go({ attributes: ['companyId'] })
      : { data: [] },
    contactIds.length
      ? deps.db.entities.contact
          .get(contactIds.map((contactId) => ({ tenantId, contactId })))
          .go({ attributes: ['contactId'] })
      : { data: [] },
    dealIds.length
      ? deps.db.entities.deal.get(dealIds.map((dealId) => ({ tenantId, dealId }))).go({ attributes: ['dealId'] })
      : { data: [] },
    quoteIds.length
      ? deps.db.entities.quote.get(quoteIds.map((quoteId) => ({ tenantId, quoteId }))).go({ attributes: ['quoteId'] })
      : { data: [] },
  ]);
  const present = new Set([
    ...companies.data.map((c) => `company:${c.companyId}`),
    ...contacts.data.map((c) => `contact:${c.contactId}`),
    ...deals.data.map((d) => `deal:${d.dealId}`),
    ...quotes.data.map((q) => `quote:${q.quoteId}`),
  ]);
  const checked = new Set(['company', 'contact', 'deal', 'quote']);
  return hits.filter((h) => !checked.has(h.token.kind) || present.has(`${h.token.kind}:${h.token.recordId}`));
}
