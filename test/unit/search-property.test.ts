import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Company } from '../../functions/data/company.js';
import type { Contact } from '../../functions/data/contact.js';
import type { SearchToken } from '../../functions/data/search-token.js';
import { queryWords } from '../../functions/search/normalise.js';
import { rank, type WordMatches } from '../../functions/search/rank.js';
import { companySearchable, contactSearchable, tokenItems } from '../../functions/search/tokens.js';

/**
 * The search index as a whole, without DynamoDB: the token items a write stores, a `begins()`
 * read per query word over them (what the Query does), and the ranking. Every stored record must
 * be found by each of its words and each word prefix of 3+ letters, typed in any case, with or
 * without its accents, among other records.
 */
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz0123456789', ...'ąćęłńóśźżäöüßéèêçàâøåæœñíúýčřšžőűðþ'];
const word = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
const spaced = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const separator = fc.constantFrom(' ', '-', ' & ', '. ', ', ', '/');

/** What a user types for a letter they cannot type: the base letter (or the usual spelling). */
const USER_ASCII: Record<string, string> = { ł: 'l', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ð: 'd', þ: 'th' };
const withoutAccents = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[łøßæœðþ]/gi, (c) => {
      const plain = USER_ASCII[c.toLowerCase()]!;
      return c === c.toLowerCase() ? plain : plain.toUpperCase();
    });

const typed = fc.record({ upper: fc.boolean(), title: fc.boolean(), ascii: fc.boolean() });
const asTyped = (w: string, how: { upper: boolean; title: boolean; ascii: boolean }) => {
  let q = how.ascii ? withoutAccents(w) : w;
  if (how.upper) q = q.toUpperCase();
  else if (how.title) q = q.charAt(0).toUpperCase() + q.slice(1);
  return q;
};

const now = '2026-12-03T00:00:00.000Z';
const company = (i: number, name: string, domain?: string): Company => ({
  tenantId: 't',
  companyId: `c${i}`,
  name,
  ...(domain ? { domain } : {}),
  stage: 'lead',
  createdAt: now,
  createdBy: 'u',
  updatedAt: now,
  updatedBy: 'u',
  version: 1,
});
const contact = (i: number, first: string, last: string, email: string, phone: string): Contact =>
  ({
    tenantId: 't',
    contactId: `p${i}`,
    companyId: 'c0',
    firstName: first,
    lastName: last,
    emails: [{ address: email, type: 'work', primary: true }],
    phones: [{ number: phone, type: 'work' }],
    createdAt: now,
    createdBy: 'u',
    updatedAt: now,
    updatedBy: 'u',
    version: 1,
  }) as Contact;

/** What the token Query answers for a query: one begins() read per word, then the ranking. */
function searchIn(store: SearchToken[], q: string): string[] {
  const perWord: WordMatches[] = queryWords(q).map((w) => ({
    word: w,
    tokens: store.filter((t) => t.token.startsWith(w)),
    truncated: false,
  }));
  return rank(perWord).map((r) => `${r.token.kind}:${r.token.recordId}`);
}

const prefixes = (w: string) =>
  Array.from({ length: w.length - 2 }, (_, i) => w.slice(0, i + 3)).concat(w.length < 3 ? [w] : []);
const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

describe('search index (property)', () => {
  it('finds every company by each word and word prefix of its name, in any case, with or without accents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(word, { minLength: 1, maxLength: 5 }), separator), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        typed,
        (records, pickSeed, how) => {
          const names = records.map(([ws, sep]) => ws.join(sep));
          const store = names.flatMap((n, i) => tokenItems(companySearchable(company(i, n))));
          const target = pickSeed % names.length;
          for (const w of wordsOf(names[target]!))
            for (const p of prefixes(w)) {
              const q = asTyped(p, how);
              expect(searchIn(store, q), `${names[target]} by “${q}”`).toContain(`company:c${target}`);
            }
        },
      ),
      { numRuns: 300 },
    );
  });

  const SUFFIX_LABELS = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ltd', 'plc', 'nhs', 'sch']);
  it('finds a company by all of its words together, by its domain and by its domain labels', () => {
    fc.assert(
      fc.property(spaced, fc.array(word, { minLength: 2, maxLength: 3 }), typed, (name, labels, how) => {
        // A top-level label has two letters at least, as every real one does.
        const parts = labels.map((l) => withoutAccents(l).replace(/[^a-z0-9]/g, '') || 'x');
        const domain = [...parts.slice(0, -1), parts.at(-1)!.padEnd(2, 'x')].join('.');
        const store = tokenItems(companySearchable(company(1, name, domain)));
        expect(searchIn(store, asTyped(name, how))).toEqual(['company:c1']);
        expect(searchIn(store, domain)).toEqual(['company:c1']);
        // Every label of its name, not its public suffix (the TLD, and a co/com… under a country code).
        const named = domain.split('.').slice(0, -1);
        if (named.length > 1 && SUFFIX_LABELS.has(named.at(-1)!)) named.pop();
        for (const label of named) expect(searchIn(store, label)).toEqual(['company:c1']);
      }),
      { numRuns: 300 },
    );
  });

  it('finds contacts by name words, email parts and phone digits', () => {
    fc.assert(
      fc.property(word, word, fc.stringMatching(/^\+?[0-9][0-9 ]{5,14}[0-9]$/), typed, (first, last, phone, how) => {
        const email = `${withoutAccents(first).replace(/[^a-z0-9]/gi, '') || 'a'}.x@firma.example`;
        const store = tokenItems(contactSearchable(contact(1, first, last, email, phone)));
        for (const w of [...wordsOf(first), ...wordsOf(last)])
          for (const p of prefixes(w)) expect(searchIn(store, asTyped(p, how))).toEqual(['contact:p1']);
        expect(searchIn(store, email.toUpperCase())).toEqual(['contact:p1']);
        expect(searchIn(store, 'firma.example')).toEqual(['contact:p1']);
        expect(searchIn(store, phone.replace(/\D/g, ''))).toEqual(['contact:p1']);
      }),
      { numRuns: 300 },
    );
  });

  it('never finds a record by a word it does not have', () => {
    fc.assert(
      fc.property(spaced, word, (name, other) => {
        const store = tokenItems(companySearchable(company(1, name)));
        const q = queryWords(other)[0];
        fc.pre(!!q && !queryWords(name).some((w) => w.startsWith(q)));
        expect(searchIn(store, other)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('search ranking', () => {
  const token = (recordId: string, t: string, title: string, weight = 2): SearchToken => ({
    tenantId: 't',
    token: t,
    kind: 'company',
    recordId,
    weight,
    title,
    updatedAt: now,
  });

  it('still ANDs words when a common word read stopped at its cap', () => {
    // "logist" read only its first tokens (truncated): Brightwater Logistics was not among them.
    const perWord: WordMatches[] = [
      {
        word: 'brightwater',
        tokens: [token('a', 'brightwater', 'Brightwater Logistics'), token('b', 'brightwater', 'Brightwater Bakery')],
        truncated: false,
      },
      { word: 'logist', tokens: [token('z', 'logistics', 'Zeta Logistics')], truncated: true },
    ];
    expect(rank(perWord).map((r) => r.token.recordId)).toEqual(['a']);
  });

  it('ranks exact words over prefixes and names over domains', () => {
    const perWord: WordMatches[] = [
      {
        word: 'oak',
        tokens: [
          token('prefix', 'oakfield', 'Oakfield'),
          token('exact', 'oak', 'Oak Joinery'),
          token('domain', 'oak', 'Elm Ltd', 1),
        ],
        truncated: false,
      },
    ];
    expect(rank(perWord).map((r) => r.token.recordId)).toEqual(['exact', 'domain', 'prefix']);
  });
});
