import type { Company } from '../data/company.js';
import type { Contact } from '../data/contact.js';
import type { SearchToken } from '../data/search-token.js';
import { isConditionFailure } from '../data/transaction.js';
import type { Deps } from '../shared/deps.js';
import { companySearchable, contactSearchable, tokenItems } from './tokens.js';

const PAGE = 500;
const WRITES_IN_FLIGHT = 16;

export interface ReindexResult {
  tenants: number;
  records: number;
  /** Token items written because they were missing or out of date. */
  put: number;
  /** Token items removed because their record is gone or no longer has the word. */
  deleted: number;
}

const tokenKey = (t: Pick<SearchToken, 'token' | 'kind' | 'recordId'>) =>
  `${t.token}\u0000${t.kind}\u0000${t.recordId}`;

const same = (a: SearchToken, b: SearchToken) =>
  a.weight === b.weight &&
  a.title === b.title &&
  a.subtitle === b.subtitle &&
  a.companyId === b.companyId &&
  a.updatedAt === b.updatedAt;

async function all<T>(
  read: (cursor: string | null) => Promise<{ data: T[]; cursor: string | null }>,
  each: (items: T[]) => void,
): Promise<void> {
  let cursor: string | null = null;
  do {
    const page = await read(cursor);
    each(page.data);
    cursor = page.cursor;
  } while (cursor);
}

async function inBatches<T>(items: T[], run: (item: T) => Promise<number>): Promise<number> {
  let done = 0;
  for (let i = 0; i < items.length; i += WRITES_IN_FLIGHT)
    done += (await Promise.all(items.slice(i, i + WRITES_IN_FLIGHT).map(run))).reduce((a, b) => a + b, 0);
  return done;
}

/**
 * Makes one tenant's search tokens what its companies and contacts say they should be: tokens of
 * records stored before the index existed (or before a field was indexed) are put, tokens of
 * gone records or old words deleted, the rest left alone, so running it again changes nothing.
 * Each write is conditioned on the token being as it was read (or older), so a record written
 * meanwhile, whose own transaction wrote its tokens, keeps them.
 */
export async function reindexTenant(tenantId: string, deps: Pick<Deps, 'db'>): Promise<Omit<ReindexResult, 'tenants'>> {
  const { company, contact, searchToken } = deps.db.entities;
  const wanted = new Map<string, SearchToken>();
  let records = 0;
  const want = (tokens: SearchToken[]) => {
    records++;
    for (const t of tokens) wanted.set(tokenKey(t), t);
  };
  await all<Company>(
    (cursor) => company.query.byId({ tenantId }).go({ count: PAGE, cursor }),
    (page) => page.forEach((c) => want(tokenItems(companySearchable(c)))),
  );
  await all<Contact>(
    (cursor) => contact.query.byId({ tenantId }).go({ count: PAGE, cursor }),
    (page) => page.forEach((c) => want(tokenItems(contactSearchable(c)))),
  );
  // Only the kinds rebuilt here are judged; tokens of other kinds (deals, quotes) are theirs to keep.
  const judged = new Set<string>(['company', 'contact']);
  const stale: SearchToken[] = [];
  const current = new Set<string>();
  await all<SearchToken>(
    (cursor) => searchToken.query.byToken({ tenantId }).go({ count: PAGE, cursor }),
    (page) => {
      for (const t of page) {
        if (!judged.has(t.kind)) continue;
        const w = wanted.get(tokenKey(t));
        if (!w) stale.push(t);
        else if (same(w, t)) current.add(tokenKey(t));
      }
    },
  );
  const missing = [...wanted].filter(([k]) => !current.has(k)).map(([, t]) => t);
  const ignoreRace = (error: unknown) => {
    if (isConditionFailure(error)) return 0;
    throw error;
  };
  const put = await inBatches(missing, (t) =>
    searchToken
      .put(t)
      .where((a, op) => `${op.notExists(a.updatedAt)} OR ${op.lte(a.updatedAt, t.updatedAt)}`)
      .go()
      .then(() => 1, ignoreRace),
  );
  const deleted = await inBatches(stale, (t) =>
    searchToken
      .delete({ tenantId, token: t.token, kind: t.kind, recordId: t.recordId })
      .where((a, op) => op.eq(a.updatedAt, t.updatedAt))
      .go()
      .then(() => 1, ignoreRace),
  );
  return { records, put, deleted };
}

/**
 * `reindexTenant` for the given tenants, or every tenant. Run once after deploying a release that
 * indexes more (bin/reindex-search.ts); the local cloud runs it for a kept table with no tokens.
 */
export async function reindexSearch(
  deps: Pick<Deps, 'db'>,
  options: { tenantIds?: string[] } = {},
): Promise<ReindexResult> {
  const tenantIds =
    options.tenantIds ??
    (await deps.db.entities.tenant.query.all({}).go({ pages: 'all', attributes: ['tenantId'] })).data.map(
      (t) => t.tenantId!,
    );
  const total: ReindexResult = { tenants: tenantIds.length, records: 0, put: 0, deleted: 0 };
  for (const tenantId of tenantIds) {
    const r = await reindexTenant(tenantId, deps);
    total.records += r.records;
    total.put += r.put;
    total.deleted += r.deleted;
  }
  return total;
}

/** Tenants that have companies but not one search token: stored before the index existed. */
export async function tenantsWithoutTokens(deps: Pick<Deps, 'db'>): Promise<string[]> {
  const { tenant, company, searchToken } = deps.db.entities;
  const ids = (await tenant.query.all({}).go({ pages: 'all', attributes: ['tenantId'] })).data.map((t) => t.tenantId!);
  const flags = await Promise.all(
    ids.map(async (tenantId) => {
      const [c, t] = await Promise.all([
        company.query.byId({ tenantId }).go({ count: 1, limit: 1 }),
        searchToken.query.byToken({ tenantId }).go({ count: 1, limit: 1 }),
      ]);
      return c.data.length > 0 && t.data.length === 0;
    }),
  );
  return ids.filter((_, i) => flags[i]);
}
