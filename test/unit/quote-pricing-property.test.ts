import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuoteLineInput } from '../../functions/quotes/pricing-schema.js';
import {
  isPricingErrors,
  priceQuote,
  type CatalogProduct,
  type PricedLine,
  type PricedQuote,
  type PricingCatalog,
  type PricingInput,
  type PricingRule,
  type QuoteTotals,
} from '../../functions/quotes/pricing.js';
import { MAX_AMOUNT } from '../../functions/shared/money.js';

/**
 * The pricing rules of functions/quotes/pricing.ts over random catalogs, rules and quotes: the
 * totals are the sums of their lines, nothing is negative, rounding stays within the bound the
 * module states, re-pricing changes nothing and a tier's totals are its own.
 */
const CURRENCY = 'GBP';
const PRODUCT_IDS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const COMPANIES = ['c1', 'c2'];
const TAX_RATES = [0, 500, 2000, 1750, 10_000];

const gbp = (amount: number) => ({ amount, currency: CURRENCY });
const taxRate = fc.oneof(fc.constantFrom(...TAX_RATES), fc.integer({ min: 0, max: 10_000 }));
const bps = fc.oneof(fc.constantFrom(0, 1, 1500, 5000, 10_000), fc.integer({ min: 0, max: 10_000 }));
/** Quantities to four decimal places, from 0.0001 to 1,000. */
const quantity = fc.integer({ min: 1, max: 10_000_000 }).map((n) => n / 10_000);
const unitAmount = fc.integer({ min: 0, max: 1_000_000 });

const product: fc.Arbitrary<CatalogProduct> = fc.record({
  name: fc.constant('Product'),
  code: fc.constant('P'),
  unitPrice: unitAmount.map(gbp),
  taxRateBps: taxRate,
});

const rule: fc.Arbitrary<PricingRule> = fc.oneof(
  fc.record({
    kind: fc.constant('customer_price' as const),
    companyId: fc.constantFrom(...COMPANIES),
    productId: fc.constantFrom(...PRODUCT_IDS),
    unitPrice: unitAmount.map(gbp),
    active: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('volume' as const),
    productId: fc.constantFrom(...PRODUCT_IDS),
    tiers: fc
      .uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 5 })
      .chain((mins) =>
        fc.tuple(
          ...[...mins]
            .sort((a, b) => a - b)
            .map((m) => unitAmount.map((a) => ({ minQuantity: m / 10_000, unitPrice: gbp(a) }))),
        ),
      ),
    active: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('bundle' as const),
    name: fc.constantFrom('Bundle A', 'Bundle B'),
    productIds: fc.shuffledSubarray(PRODUCT_IDS, { minLength: 2, maxLength: 4 }),
    discountBps: fc.integer({ min: 1, max: 10_000 }),
    active: fc.boolean(),
  }),
);

const catalog: fc.Arbitrary<PricingCatalog> = fc.record({
  products: fc.tuple(...PRODUCT_IDS.map(() => product)).map((ps) => new Map(PRODUCT_IDS.map((id, i) => [id, ps[i]!]))),
  rules: fc.array(rule, { maxLength: 8 }),
});

const discount = fc.oneof(
  fc.constant({}),
  bps.map((discountBps) => ({ discountBps })),
  fc.integer({ min: 0, max: 2_000_000 }).map((discountAmount) => ({ discountAmount })),
);
const choice = fc.oneof(fc.constant({}), fc.record({ optional: fc.constant(true), selected: fc.boolean() }));

const catalogLine: fc.Arbitrary<QuoteLineInput> = fc
  .tuple(
    fc.constantFrom(...PRODUCT_IDS),
    quantity,
    fc.option(unitAmount, { nil: undefined }),
    fc.option(taxRate, { nil: undefined }),
    discount,
    choice,
  )
  .map(([productId, q, typed, rate, d, c]) => ({
    productId,
    description: 'Catalog line',
    quantity: q,
    ...(typed === undefined ? {} : { unitPrice: gbp(typed) }),
    ...(rate === undefined ? {} : { taxRateBps: rate }),
    ...d,
    ...c,
  }));
const freeLine: fc.Arbitrary<QuoteLineInput> = fc
  .tuple(quantity, unitAmount, taxRate, discount, choice)
  .map(([q, amount, rate, d, c]) => ({
    description: 'Free line',
    quantity: q,
    unitPrice: gbp(amount),
    taxRateBps: rate,
    ...d,
    ...c,
  }));
const lines = fc.array(fc.oneof(catalogLine, freeLine), { maxLength: 25 });
const tiers = fc
  .array(lines, { minLength: 1, maxLength: 3 })
  .map((ls) => ls.map((l, i) => ({ name: `Tier ${i}`, lines: l })));

const quote = fc.record({
  companyId: fc.constantFrom(...COMPANIES),
  lines: fc.option(lines, { nil: undefined }),
  tiers: fc.option(tiers, { nil: undefined }),
});

function priced(input: Omit<PricingInput, 'currency'>, at: PricingCatalog): PricedQuote {
  const result = priceQuote({ currency: CURRENCY, ...input, ...(input.tiers ? { lines: undefined } : {}) }, at);
  if (isPricingErrors(result)) throw new Error(`Unexpected errors: ${JSON.stringify(result.errors)}`);
  return result;
}
const scopes = (q: PricedQuote): { lines: PricedLine[]; totals: QuoteTotals }[] => (q.tiers ? q.tiers : [q]);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('quote pricing, over random quotes', () => {
  it('gives totals equal to the sums of the lines that count, and a line net of gross less discount', () => {
    fc.assert(
      fc.property(quote, catalog, (q, at) => {
        for (const { lines: ls, totals } of scopes(priced(q, at))) {
          const counting = ls.filter((l) => l.counts);
          for (const l of ls) {
            expect(l.net.amount).toBe(l.gross.amount - l.discount.amount);
            expect(l.counts).toBe(!l.optional || l.selected === true);
          }
          expect(totals.subtotal.amount).toBe(sum(counting.map((l) => l.gross.amount)));
          expect(totals.discount.amount).toBe(sum(counting.map((l) => l.discount.amount)));
          expect(totals.tax.amount).toBe(sum(counting.map((l) => l.tax.amount)));
          expect(totals.total.amount).toBe(totals.subtotal.amount - totals.discount.amount + totals.tax.amount);
          expect(sum(totals.taxSummary.map((r) => r.net.amount))).toBe(totals.subtotal.amount - totals.discount.amount);
          expect(sum(totals.taxSummary.map((r) => r.tax.amount))).toBe(totals.tax.amount);
          const rates = totals.taxSummary.map((r) => r.rateBps);
          expect(rates).toEqual([...new Set(counting.map((l) => l.taxRateBps))].sort((a, b) => a - b));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never gives a negative, fractional or foreign-currency figure', () => {
    fc.assert(
      fc.property(quote, catalog, (q, at) => {
        for (const { lines: ls, totals } of scopes(priced(q, at))) {
          const figures = [
            ...ls.flatMap((l) => [l.unitPrice, l.gross, l.discount, l.net, l.tax]),
            totals.subtotal,
            totals.discount,
            totals.tax,
            totals.total,
            ...totals.taxSummary.flatMap((r) => [r.net, r.tax]),
          ];
          for (const m of figures) {
            expect(Number.isSafeInteger(m.amount) && m.amount >= 0).toBe(true);
            expect(m.currency).toBe(CURRENCY);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps Σ rounded line tax within n/2 minor units of the exact tax on the lines’ nets', () => {
    fc.assert(
      fc.property(quote, catalog, (q, at) => {
        for (const { lines: ls, totals } of scopes(priced(q, at))) {
          const counting = ls.filter((l) => l.counts);
          // In ten-thousandths of a minor unit, so the exact figure is an integer.
          const exact = counting.reduce((t, l) => t + BigInt(l.net.amount) * BigInt(l.taxRateBps), 0n);
          const drift = BigInt(totals.tax.amount) * 10_000n - exact;
          const bound = BigInt(counting.length) * 5_000n;
          expect(drift <= bound && -drift <= bound).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps each line within 1 minor unit of its exact net and 1.5 of its exact tax, up to the largest figures', () => {
    // Any unit price up to the maximum, with a quantity that keeps the line, tax included, within MAX_AMOUNT.
    const bigLine = fc
      .integer({ min: 1, max: MAX_AMOUNT })
      .chain((amount) =>
        fc.tuple(
          fc.constant(amount),
          fc.integer({ min: 1, max: Math.min(10_000_000_000, Math.floor((MAX_AMOUNT * 10_000) / (2 * amount))) }),
          taxRate,
          discount,
        ),
      );
    fc.assert(
      fc.property(bigLine, ([amount, units, rate, d]) => {
        const result = priced(
          {
            companyId: 'c1',
            lines: [{ description: 'Big', quantity: units / 10_000, unitPrice: gbp(amount), taxRateBps: rate, ...d }],
          },
          { products: new Map(), rules: [] },
        );
        const l = result.lines![0]!;
        // Exact figures with no rounding, in 10^-12 minor units (net) and 10^-16 (tax).
        const gross = BigInt(units) * BigInt(amount) * 100_000_000n;
        let off = 0n;
        if ('discountBps' in d) off = (gross * BigInt(d.discountBps)) / 10_000n; // exact: gross carries 10^8
        if ('discountAmount' in d)
          off = BigInt(d.discountAmount) * 10n ** 12n < gross ? BigInt(d.discountAmount) * 10n ** 12n : gross;
        const net = gross - off;
        const tax = net * BigInt(rate);
        const netDrift = BigInt(l.net.amount) * 10n ** 12n - net;
        const taxDrift = BigInt(l.tax.amount) * 10n ** 16n - tax;
        expect(netDrift <= 10n ** 12n && -netDrift <= 10n ** 12n).toBe(true);
        expect(taxDrift <= 15n * 10n ** 15n && -taxDrift <= 15n * 10n ** 15n).toBe(true);
        expect(l.gross.amount).toBeLessThanOrEqual(MAX_AMOUNT);
      }),
      { numRuns: 1000 },
    );
  });

  it('prices its own output the same again (resolved prices as typed)', () => {
    fc.assert(
      fc.property(quote, catalog, (q, at) => {
        const first = priced(q, at);
        const again = priced(
          first.tiers
            ? { companyId: q.companyId, tiers: first.tiers.map((t) => ({ name: t.name, lines: t.lines })) }
            : { companyId: q.companyId, lines: first.lines },
          at,
        );
        const figures = (p: PricedQuote) =>
          scopes(p).map((s) => ({
            totals: s.totals,
            lines: s.lines.map((l) => [l.unitPrice, l.taxRateBps, l.gross, l.discount, l.net, l.tax, l.counts]),
          }));
        expect(figures(again)).toEqual(figures(first));
        for (const s of scopes(again)) for (const l of s.lines) expect(l.priceSource).toBe('typed');
      }),
      { numRuns: 200 },
    );
  });

  it('gives a tier the same totals whatever the other tiers hold', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMPANIES), tiers, lines, catalog, (companyId, ts, other, at) => {
        const alone = priced({ companyId, tiers: ts.slice(0, 1) }, at).tiers![0]!;
        const beside = priced({ companyId, tiers: [ts[0]!, { name: 'Other', lines: other }, ...ts.slice(1)] }, at)
          .tiers![0]!;
        expect(beside).toEqual(alone);
        const asUntiered = priced({ companyId, lines: ts[0]!.lines }, at);
        expect(asUntiered.totals).toEqual(alone.totals);
      }),
      { numRuns: 200 },
    );
  });
});
