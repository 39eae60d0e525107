import type { Company } from '../data/company.js';
import type { Contact } from '../data/contact.js';
import type { Db } from '../data/service.js';
import { companyNumberToken, domainTokens, fold } from '../search/normalise.js';

/*
 * Finding the stored record a row repeats, through the search token index (functions/search):
 * a domain, company number and email are each one whole token, so an exact match is one Query
 * on the tenant's token partition (consistent: tokens are written with their record).
 */

type Kind = 'company' | 'contact';

async function recordIdsWithToken(db: Db, tenantId: string, token: string, kind: Kind): Promise<string[]> {
  if (!token) return [];
  const found = await db.entities.searchToken.query
    .byToken({ tenantId, token, kind })
    .go({ pages: 'all', consistent: true, attributes: ['token', 'recordId'] });
  return found.data.filter((t) => t.token === token).map((t) => t.recordId);
}

const oldestFirst = <T extends { createdAt: string }>(items: T[]) =>
  items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));

/** The tenant's oldest company with this domain or company number, other than `exceptId`. */
export async function companyRepeated(
  db: Db,
  tenantId: string,
  keys: { domain?: string; companyNumber?: string },
  exceptId: string,
): Promise<Company | undefined> {
  const domain = keys.domain ? (domainTokens(keys.domain)[0] ?? '') : '';
  const number = keys.companyNumber ? companyNumberToken(keys.companyNumber) : '';
  const ids = new Set(
    (
      await Promise.all([
        recordIdsWithToken(db, tenantId, domain, 'company'),
        recordIdsWithToken(db, tenantId, number, 'company'),
      ])
    ).flat(),
  );
  ids.delete(exceptId);
  if (ids.size === 0) return undefined;
  const { data } = await db.entities.company.get([...ids].map((companyId) => ({ tenantId, companyId }))).go();
  // Tokens of a record changed since are dropped on its next write; check the record itself.
  const same = data.filter(
    (c) =>
      (domain && c.domain && domainTokens(c.domain)[0] === domain) ||
      (number && c.companyNumber && companyNumberToken(c.companyNumber) === number),
  );
  return oldestFirst(same)[0];
}

/** Runs `fn` over `items`, at most `limit` at once. */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Token queries of a chunk side by side: each is one Query on the tenant's token partition. */
const LOOKUP_CONCURRENCY = 16;

type CompanyKeys = { domain?: string; companyNumber?: string };
const companyTokens = (keys: CompanyKeys) => ({
  domain: keys.domain ? (domainTokens(keys.domain)[0] ?? '') : '',
  number: keys.companyNumber ? companyNumberToken(keys.companyNumber) : '',
});

/**
 * companyRepeated for a whole chunk at once: one Query per distinct domain or company number of
 * the chunk, one BatchGet of every company they name, then each row answered from memory.
 */
export async function companiesRepeated(
  db: Db,
  tenantId: string,
  rows: CompanyKeys[],
): Promise<(keys: CompanyKeys, exceptId: string) => Company | undefined> {
  const tokens = [...new Set(rows.flatMap((r) => Object.values(companyTokens(r))).filter(Boolean))];
  const idsByToken = new Map<string, string[]>();
  await mapLimited(tokens, LOOKUP_CONCURRENCY, async (t) =>
    idsByToken.set(t, await recordIdsWithToken(db, tenantId, t, 'company')),
  );
  const ids = [...new Set([...idsByToken.values()].flat())];
  const byId = new Map<string, Company>();
  if (ids.length > 0) {
    const { data } = await db.entities.company.get(ids.map((companyId) => ({ tenantId, companyId }))).go();
    for (const c of data) byId.set(c.companyId, c);
  }
  return (keys, exceptId) => {
    const { domain, number } = companyTokens(keys);
    const candidates = new Set([...(idsByToken.get(domain) ?? []), ...(idsByToken.get(number) ?? [])]);
    candidates.delete(exceptId);
    const same = [...candidates]
      .flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
      .filter(
        (c) =>
          (domain && c.domain && domainTokens(c.domain)[0] === domain) ||
          (number && c.companyNumber && companyNumberToken(c.companyNumber) === number),
      );
    return oldestFirst(same)[0];
  };
}

/** A lookup asked once per distinct key: rows of a chunk naming the same key share one answer. */
export function once<K, V>(lookup: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const seen = new Map<K, Promise<V>>();
  return (key) => {
    if (!seen.has(key)) seen.set(key, lookup(key));
    return seen.get(key)!;
  };
}

/** The tenant's oldest contact with this email, other than `exceptId`. */
export async function contactRepeated(
  db: Db,
  tenantId: string,
  email: string | undefined,
  exceptId: string,
): Promise<Contact | undefined> {
  const token = email ? fold(email.trim()) : '';
  const ids = (await recordIdsWithToken(db, tenantId, token, 'contact')).filter((id) => id !== exceptId);
  if (ids.length === 0) return undefined;
  const { data } = await db.entities.contact.get(ids.map((contactId) => ({ tenantId, contactId }))).go();
  const same = data.filter((c) => (c.emails ?? []).some((e) => fold(e.address) === token));
  return oldestFirst(same)[0];
}

const LEGAL_SUFFIX = /\b(ltd|limited|llc|llp|inc|plc|gmbh|sa|sas|bv|ag|co|corp|corporation|company|sp z o o)\b/g;

/** A name compared loosely: folded, legal suffixes and punctuation dropped ("Acme Ltd." ~ "ACME"). */
export const normalisedName = (name: string): string =>
  fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(LEGAL_SUFFIX, ' ')
    .replace(/\s+/g, '');

/** A company whose normalised name equals this one (a warning only: names are not unique). */
export async function companyNamed(db: Db, tenantId: string, name: string): Promise<Company | undefined> {
  const wanted = normalisedName(name);
  const first = fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .find(Boolean);
  if (!wanted || !first) return undefined;
  // The byName index is keyed on the lower-cased name: read the names starting with the same word.
  const { data } = await db.entities.company.query
    .byName({ tenantId })
    .begins({ name: name.trim().toLowerCase().slice(0, first.length) })
    .go({ count: 50, limit: 50, attributes: ['companyId', 'name', 'createdAt', 'tenantId'] });
  return data.find((c) => normalisedName(c.name) === wanted) as Company | undefined;
}

/**
 * The company a contact row names: by domain when it looks like one, else by exact name
 * (case-insensitive). Several with the same name: the oldest.
 */
export async function companyReferenced(db: Db, tenantId: string, ref: string): Promise<Company | undefined> {
  const value = ref.trim();
  if (/^[^\s@]+\.[a-z]{2,}$/i.test(value) || /^https?:\/\//i.test(value)) {
    const byDomain = await companyRepeated(db, tenantId, { domain: value }, '');
    if (byDomain) return byDomain;
  }
  const { data } = await db.entities.company.query
    .byName({ tenantId })
    .begins({ name: value.toLowerCase() })
    .go({ count: 50, limit: 50 });
  return oldestFirst(data.filter((c) => c.name.trim().toLowerCase() === value.toLowerCase()))[0];
}
