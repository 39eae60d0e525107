import type { Company } from '../../functions/data/company.js';
import type { Db } from '../../functions/data/service.js';
import type { SearchToken } from '../../functions/data/search-token.js';
import { packTransactions } from '../../functions/data/transaction.js';
import { companySearchable, tokenItems } from '../../functions/search/tokens.js';
import { median } from './load.js';

/**
 * Search at scale: RECORDS companies (and their token items) batch-written straight into one
 * tenant, then the server time of GET /v1/search (the handler called in this process: no HTTP,
 * no gateway) and the time through the local gateway, for a fixed mix of queries; and whether a
 * company created through the API is found by the very next search.
 */
const RECORDS = Number(process.env.BENCH_SEARCH_RECORDS ?? 50_000);
const QUERIES = 200;

const FIRST = [
  'Bright',
  'Harbour',
  'North',
  'Iron',
  'Silver',
  'Oak',
  'Kestrel',
  'Green',
  'Stone',
  'Red',
  'Blue',
  'Ash',
  'Elm',
  'Fen',
  'Marsh',
  'Hill',
  'Lake',
  'Wolf',
  'Fox',
  'Cedar',
];
const SECOND = [
  'water',
  'field',
  'bridge',
  'gate',
  'wood',
  'ford',
  'mere',
  'holm',
  'dale',
  'croft',
  'wick',
  'stead',
  'moor',
  'brook',
  'ley',
];
const TRADE = [
  'Logistics',
  'Dental',
  'Engineering',
  'Solicitors',
  'Accountants',
  'Architects',
  'Recruitment',
  'Veterinary',
  'Care Homes',
  'Hotels',
  'Systems',
  'Joinery',
  'Plumbing',
  'Print',
  'Studios',
  'Meble',
  'Bäckerei',
  'Café',
  'Société',
  'Żegluga',
];
const PLACES = [
  'Leeds',
  'York',
  'Łódź',
  'Kraków',
  'München',
  'Zürich',
  'Gdańsk',
  'Köln',
  'Malmö',
  'Århus',
  'Bristol',
  'Derby',
];
const SUFFIX = ['Ltd', 'Limited', 'LLP', 'Sp. z o.o.', 'GmbH', 'AB', 'plc', ''];

/** mulberry32: the same names and queries on every run. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const strip = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');

export interface SearchBench {
  records: number;
  tokens: number;
  seedSeconds: number;
  queries: number;
  serverMs: { p50: number; p95: number; p99: number; max: number };
  gatewayMs: { p50: number; p95: number; p99: number };
  hitsPerQuery: { median: number; zero: number };
  findableAtOnce: { created: number; foundByNextSearch: number; createMs: number; searchMs: number };
}

/**
 * A company with its tokens per transaction, several companies to a transaction of at most 100
 * items, 8 in flight: on a disk-backed DynamoDB Local a transaction syncs once where a
 * BatchWriteItem syncs per item, which makes seeding 50,000 companies minutes rather than a quarter-hour.
 */
async function writeInTransactions(db: Db, rows: { company: Company; tokens: SearchToken[] }[]) {
  const groups = packTransactions(rows, (r) => 1 + r.tokens.length);
  let next = 0;
  const writer = async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      const result = await db.transaction
        .write(
          (e) =>
            group.flatMap((r) => [
              e.company.put(r.company).commit(),
              ...r.tokens.map((t) => e.searchToken.put(t).commit()),
            ]) as any,
        )
        .go();
      if (result.canceled) throw new Error('a seed transaction was cancelled');
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Runs the search benchmark in `tenantId` (its companies are added, nothing is removed). */
export async function benchSearch(options: {
  db: Db;
  tenantId: string;
  userId: string;
  /** One GET through the handler in this process; resolves to the response body. */
  inProcess: (path: string) => Promise<{ items: { id: string }[] }>;
  /** The same through the local gateway. */
  api: (method: string, path: string, body?: unknown) => Promise<Response>;
}): Promise<SearchBench> {
  const { db, tenantId, userId } = options;
  const random = prng(20261203);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;

  const now = Date.now();
  const t0 = performance.now();
  let tokens = 0;
  const BATCH = 1000;
  // A kept data dir (BENCH_DATA_DIR) already holds the records: the names are regenerated (the
  // query mix draws from the same generator) but not written again.
  const lastId = `01BENCH${String(RECORDS - 1).padStart(19, '0')}`;
  const seeded = (await db.entities.company.get({ tenantId, companyId: lastId }).go()).data !== null;
  for (let start = 0; start < RECORDS; start += BATCH) {
    const companies: Company[] = [];
    for (let i = start; i < Math.min(RECORDS, start + BATCH); i++) {
      const first = `${pick(FIRST)}${pick(SECOND)}`;
      const name = [first, pick(TRADE), random() < 0.4 ? pick(PLACES) : '', pick(SUFFIX)].filter(Boolean).join(' ');
      const at = new Date(now - (RECORDS - i) * 60_000).toISOString();
      companies.push({
        tenantId,
        companyId: `01BENCH${String(i).padStart(19, '0')}`,
        name,
        domain: `${strip(first).toLowerCase()}-${i}.example`,
        stage: 'lead',
        createdAt: at,
        createdBy: userId,
        updatedAt: at,
        updatedBy: userId,
        version: 1,
      });
    }
    const rows = companies.map((c) => ({ company: c, tokens: tokenItems(companySearchable(c)) }));
    tokens += rows.reduce((n, r) => n + r.tokens.length, 0);
    if (seeded) continue;
    await writeInTransactions(db, rows);
    if ((start / BATCH) % 10 === 9)
      console.error(
        `search bench: ${start + BATCH} of ${RECORDS} companies seeded (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
  }
  const seedSeconds = (performance.now() - t0) / 1000;

  // The query mix: word prefixes (3–5 letters), whole words, two words, accent-free and accented
  // spellings, a phone-like and a nonsense query.
  const queries: string[] = [];
  for (let i = 0; queries.length < QUERIES; i++) {
    const word = pick([pick(FIRST) + pick(SECOND), pick(TRADE), pick(PLACES)]).split(' ')[0]!;
    switch (i % 8) {
      case 0:
        queries.push(word.slice(0, 3));
        break;
      case 1:
        queries.push(word.slice(0, 5));
        break;
      case 2:
        queries.push(word);
        break;
      case 3:
        queries.push(strip(word).toLowerCase());
        break;
      case 4:
        queries.push(`${pick(FIRST)}${pick(SECOND)} ${pick(TRADE).slice(0, 4)}`);
        break;
      case 5:
        queries.push(`${strip(pick(TRADE)).slice(0, 5)} ${strip(pick(PLACES)).toUpperCase()}`);
        break;
      case 6:
        queries.push(word.toUpperCase());
        break;
      default:
        queries.push(i % 16 === 7 ? 'qzxv' : '0113 496');
    }
  }

  const path = (q: string) => `/v1/search?q=${encodeURIComponent(q)}`;
  // Warm the JVM and the handler's module-scope clients.
  for (const q of queries.slice(0, 50)) await options.inProcess(path(q));
  const server: number[] = [];
  const hits: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    const body = await options.inProcess(path(q));
    server.push(performance.now() - t);
    hits.push(body.items.length);
  }
  const gateway: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    const res = await options.api('GET', path(q));
    await res.arrayBuffer();
    gateway.push(performance.now() - t);
  }

  // A new record is found by the next request: no index build, no eventual consistency.
  const created = 20;
  let found = 0;
  const createMs: number[] = [];
  const searchMs: number[] = [];
  for (let i = 0; i < created; i++) {
    const word = `Freshly${i}x${Math.floor(random() * 1e6)}`;
    let t = performance.now();
    const res = await options.api('POST', '/v1/companies', { name: `${word} Logistics` });
    createMs.push(performance.now() - t);
    const { companyId } = (await res.json()) as { companyId: string };
    t = performance.now();
    const body = (await (await options.api('GET', path(word.toLowerCase().slice(0, 9)))).json()) as {
      items: { id: string }[];
    };
    searchMs.push(performance.now() - t);
    if (body.items.some((h) => h.id === companyId)) found++;
  }

  return {
    records: RECORDS,
    tokens,
    seedSeconds,
    queries: queries.length,
    serverMs: { p50: pct(server, 50), p95: pct(server, 95), p99: pct(server, 99), max: Math.max(...server) },
    gatewayMs: { p50: pct(gateway, 50), p95: pct(gateway, 95), p99: pct(gateway, 99) },
    hitsPerQuery: { median: median(hits), zero: hits.filter((h) => h === 0).length },
    findableAtOnce: { created, foundByNextSearch: found, createMs: median(createMs), searchMs: median(searchMs) },
  };
}
