import { describe, expect, it } from 'vitest';
import { isPricingErrors, priceQuote, type PricedLine } from '../../functions/quotes/pricing.js';
import type { PublicQuoteView } from '../../functions/quotes/public-contract.js';
import {
  formatMoney,
  formatQuantity,
  formatRate,
  initialPicks,
  offersOf,
  pickedIn,
  withCustomerPicks,
} from '../../web/src/quote/selection.js';

const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const line = (lineId: string, amount: number, extra: Record<string, unknown> = {}) => ({
  lineId,
  description: lineId,
  quantity: 1,
  unitPrice: gbp(amount),
  taxRateBps: 2_000,
  ...extra,
});

/** The customer's view of a priced quote: what GET /v1/public/quotes/{token} answers, provenance left out. */
function publicView(content: Parameters<typeof priceQuote>[0]): PublicQuoteView {
  const priced = priceQuote(content, { products: new Map(), rules: [] });
  if (isPricingErrors(priced)) throw new Error(JSON.stringify(priced.errors));
  const strip = (lines: PricedLine[]) =>
    lines.map(({ priceSource: _p, priceRuleId: _r, discountSource: _d, ...l }) => l);
  return {
    number: 'Q-2026-0001',
    revision: 1,
    title: 'Support',
    seller: { name: 'Northwind', accentColour: '#0f766e' },
    companyName: 'Café Łódź',
    currency: 'GBP',
    status: 'viewed',
    ...(priced.tiers
      ? { tiers: priced.tiers.map((t) => ({ name: t.name, totals: t.totals, lines: strip(t.lines) })) }
      : { lines: strip(priced.lines), totals: priced.totals }),
  };
}

describe('the public page’s totals for what the customer picks', () => {
  const view = publicView({
    currency: 'GBP',
    companyId: 'c',
    tiers: [
      { name: 'Good', lines: [line('basic', 10_000)] },
      {
        name: 'Better',
        lines: [
          line('standard', 20_000),
          line('visit', 5_000, { optional: true }),
          line('training', 1_250, { optional: true, selected: true, taxRateBps: 0 }),
        ],
      },
    ],
  });

  it('offers each tier, with the optional lines the seller ticked already picked', () => {
    expect(offersOf(view).map((o) => o.name)).toEqual(['Good', 'Better']);
    expect([...initialPicks(view)]).toEqual(['training']);
    // As sent: standard £200 + training £12.50 (no tax) + £40 VAT.
    expect(offersOf(view)[1]!.totals.total.amount).toBe(25_250);
  });

  it('sums the picked lines again without pricing them again, tax by rate', () => {
    const better = offersOf(view)[1]!;
    const both = withCustomerPicks(better, new Set(['visit', 'training']), 'GBP');
    expect(both.totals).toEqual({
      subtotal: gbp(26_250),
      discount: gbp(0),
      tax: gbp(5_000),
      total: gbp(31_250),
      taxSummary: [
        { rateBps: 0, net: gbp(1_250), tax: gbp(0) },
        { rateBps: 2_000, net: gbp(25_000), tax: gbp(5_000) },
      ],
    });
    const none = withCustomerPicks(better, new Set(), 'GBP');
    expect(none.totals.total).toEqual(gbp(24_000));
    expect(none.lines.find((l) => l.lineId === 'visit')).toMatchObject({ counts: false, net: gbp(5_000) });
    // Only the chosen tier's picks are sent with the acceptance.
    expect(pickedIn(better, new Set(['visit', 'basic', 'elsewhere']))).toEqual(['visit']);
    expect(pickedIn(offersOf(view)[0]!, new Set(['visit']))).toEqual([]);
  });

  it('treats an untiered quote as one offer', () => {
    const single = publicView({ currency: 'GBP', companyId: 'c', lines: [line('a', 999, { quantity: 2.5 })] });
    const offers = offersOf(single);
    expect(offers).toHaveLength(1);
    expect(offers[0]!.name).toBeUndefined();
    expect(withCustomerPicks(offers[0]!, new Set(), 'GBP').totals.total).toEqual(gbp(2_998)); // 2.5 × £9.99 = £24.975 → £24.98, + £5.00 VAT
  });

  it('formats figures as the customer reads them', () => {
    expect(formatMoney(gbp(31_250))).toMatch(/£312\.50/);
    expect(formatMoney({ amount: 1_500, currency: 'JPY' })).toMatch(/1,500/);
    expect(formatRate(2_000)).toBe('20%');
    expect(formatRate(1_250)).toBe('12.5%');
    expect(formatQuantity(2.5)).toBe('2.5');
    expect(formatQuantity(1)).toBe('1');
  });
});
