import type { Company } from '../data/company.js';
import { search } from '../search/service.js';
import { fold, words } from '../search/normalise.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import type { DuplicateCheckInput, DuplicateMatch } from './schema.js';

/** Words that say what kind of company it is, not which: "Brightwater Logistics Ltd" is "Brightwater Logistics". */
const LEGAL_FORMS = new Set([
  'ltd',
  'limited',
  'plc',
  'llp',
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'srl',
  'spa',
  'sp',
  'z',
  'o',
  'oo',
  'ab',
  'as',
  'oy',
  'the',
]);

/** A company name as the duplicate check compares it: folded, punctuation and legal form dropped. */
export const normaliseName = (name: string): string => {
  const all = words(name.replace(/&/g, ' and '));
  const core = all.filter((w) => !LEGAL_FORMS.has(w));
  return (core.length > 0 ? core : all).join(' ');
};

/** A domain as typed or pasted (a URL, www., a path) reduced to its host. */
export const normaliseDomain = (domain: string): string =>
  fold(domain.trim())
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#:].*$/, '');

const normaliseNumber = (n: string) => n.replace(/\s+/g, '').toUpperCase();

const CANDIDATES = 20;

/**
 * Companies that look like the one being entered: the same domain, the same company number,
 * or the same name once case, accents, punctuation and the legal form are set aside. Candidates
 * come from the search index (functions/search), then each is compared whole.
 */
export async function findDuplicates(
  ctx: TenantContext,
  input: DuplicateCheckInput,
  deps: Deps,
): Promise<{ items: DuplicateMatch[] }> {
  const probes: { on: DuplicateMatch['matchedOn'][number]; q: string | undefined; same: (c: Company) => boolean }[] = [
    {
      on: 'domain',
      q: input.domain && normaliseDomain(input.domain),
      same: (c) => !!c.domain && normaliseDomain(c.domain) === normaliseDomain(input.domain!),
    },
    {
      on: 'companyNumber',
      q: input.companyNumber,
      same: (c) => !!c.companyNumber && normaliseNumber(c.companyNumber) === normaliseNumber(input.companyNumber!),
    },
    {
      on: 'name',
      q: input.name && normaliseName(input.name),
      same: (c) => normaliseName(c.name) === normaliseName(input.name!),
    },
  ];
  const active = probes.filter((p) => p.q && /[\p{L}\p{N}]/u.test(p.q));
  const hits = await Promise.all(
    active.map((p) => search(ctx, { q: p.q!, kinds: ['company'], limit: CANDIDATES }, deps)),
  );
  const ids = [...new Set(hits.flat().map((h) => h.id))].filter((id) => id !== input.excludeId);
  if (ids.length === 0) return { items: [] };
  const { data } = await deps.db.entities.company
    .get(ids.map((companyId) => ({ tenantId: ctx.tenantId, companyId })))
    .go();
  const items = data.flatMap((c) => {
    const matchedOn = active.filter((p) => p.same(c)).map((p) => p.on);
    if (matchedOn.length === 0) return [];
    return [
      {
        companyId: c.companyId,
        name: c.name,
        ...(c.domain ? { domain: c.domain } : {}),
        ...(c.companyNumber ? { companyNumber: c.companyNumber } : {}),
        stage: c.stage,
        matchedOn,
      },
    ];
  });
  // The strongest evidence first: a shared domain or number outweighs a shared name.
  items.sort((a, b) => b.matchedOn.length - a.matchedOn.length || a.name.localeCompare(b.name));
  return { items: items.slice(0, 5) };
}
