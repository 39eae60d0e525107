/**
 * Quote create and re-price through the local gateway, as the builder calls them: a POST of a
 * quote with `lines` catalog and free-text lines, then a PATCH changing every quantity (the
 * server prices the whole quote again). p50/p95 over `runs` quotes per size, one at a time.
 */
export interface QuotesBench {
  runs: number;
  sizes: { lines: number; createMs: Percentiles; repriceMs: Percentiles }[];
}
interface Percentiles {
  p50: number;
  p95: number;
}

const percentiles = (samples: number[]): Percentiles => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
};

export async function benchQuotes(apiUrl: string, token: string, runs = 30): Promise<QuotesBench> {
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const get = async (path: string) =>
    (await (await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as any;
  const products = (await get('/v1/products?limit=100&active=true')).items as { productId: string }[];
  const company = await call('POST', '/v1/companies', { name: `Quote bench ${Date.now()}` });
  const sizes: QuotesBench['sizes'] = [];
  for (const count of [10, 200]) {
    const lines = (q: number) =>
      Array.from({ length: count }, (_, i) =>
        i % 2 === 0 && products.length
          ? { productId: products[i % products.length]!.productId, description: `Catalog line ${i}`, quantity: q }
          : {
              description: `Free line ${i}`,
              quantity: q + 0.5,
              unitPrice: { amount: 12_345, currency: 'GBP' },
              taxRateBps: 2_000,
              discountBps: 500,
            },
      );
    const create: number[] = [];
    const reprice: number[] = [];
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      const quote = await call('POST', '/v1/quotes', {
        companyId: company.companyId,
        title: `Bench ${count} lines`,
        currency: 'GBP',
        lines: lines(1),
      });
      create.push(performance.now() - t);
      t = performance.now();
      await call('PATCH', `/v1/quotes/${quote.quoteId}`, { lines: lines(3) }, { 'if-match': String(quote.version) });
      reprice.push(performance.now() - t);
    }
    sizes.push({ lines: count, createMs: percentiles(create), repriceMs: percentiles(reprice) });
  }
  return { runs, sizes };
}

export const quotesReport = (b: QuotesBench): string[] => [
  `Quotes through the local gateway (${b.runs} each, one at a time)`,
  'lines   create p50   p95      re-price p50   p95',
  ...b.sizes.map(
    (s) =>
      `${String(s.lines).padEnd(8)}${s.createMs.p50.toFixed(1).padStart(9)}  ${s.createMs.p95.toFixed(1).padStart(7)}   ${s.repriceMs.p50.toFixed(1).padStart(11)}  ${s.repriceMs.p95.toFixed(1).padStart(7)}`,
  ),
];
