import { describe, expect, it } from 'vitest';
import {
  checkQuoteContent,
  lineCount,
  MAX_QUOTE_LINES,
  pricedLineView,
  pricingRuleInput,
  quoteTotalsView,
  quoteLineInput,
  type QuoteLineInput,
} from '../../functions/quotes/pricing-schema.js';
import {
  isPricingErrors,
  priceQuote,
  type CatalogProduct,
  type PricedQuote,
  type PricingCatalog,
  type PricingInput,
  type PricingRule,
} from '../../functions/quotes/pricing.js';
import { fieldErrors } from '../../functions/shared/validation.js';
import * as z from 'zod';

/**
 * Worked examples a reader can check with a pencil. Amounts are minor units: 8500 is £85.00.
 */
const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const products = new Map<string, CatalogProduct>([
  ['consulting', { code: 'CONS-HR', name: 'Consulting hour', unitPrice: gbp(85_00), taxRateBps: 2000 }],
  ['widget', { code: 'WID-1', name: 'Widget', unitPrice: gbp(10_00), taxRateBps: 2000 }],
  ['laptop', { code: 'LAP-14', name: 'Laptop 14"', unitPrice: gbp(1_200_00), taxRateBps: 2000 }],
  ['dock', { code: 'DOCK-1', name: 'USB-C dock', unitPrice: gbp(150_00), taxRateBps: 2000 }],
  ['book', { code: 'BOOK', name: 'Handbook', unitPrice: gbp(20_00), taxRateBps: 0 }],
  ['power', { code: 'ENERGY', name: 'Site power', unitPrice: gbp(100_00), taxRateBps: 500 }],
  ['licence-eu', { code: 'LIC-EU', name: 'Licence (EU list)', unitPrice: eur(99_00), taxRateBps: 2000 }],
]);

const rules: PricingRule[] = [
  {
    kind: 'volume',
    ruleId: 'vol-widget',
    productId: 'widget',
    tiers: [
      { minQuantity: 10, unitPrice: gbp(9_00) },
      { minQuantity: 50, unitPrice: gbp(8_00) },
    ],
  },
  { kind: 'customer_price', ruleId: 'acme-widget', companyId: 'acme', productId: 'widget', unitPrice: gbp(7_50) },
  { kind: 'bundle', ruleId: 'desk', name: 'Desk setup', productIds: ['laptop', 'dock'], discountBps: 1000 },
  {
    kind: 'bundle',
    ruleId: 'off',
    name: 'Retired bundle',
    productIds: ['laptop', 'dock'],
    discountBps: 5000,
    active: false,
  },
];
const catalog: PricingCatalog = { products, rules };

const line = (fields: Partial<QuoteLineInput> & { quantity: number }): QuoteLineInput => ({
  description: 'A line',
  ...fields,
});

function price(input: Omit<PricingInput, 'currency' | 'companyId'> & { companyId?: string }, at = catalog) {
  const result = priceQuote({ currency: 'GBP', companyId: 'globex', ...input }, at);
  if (isPricingErrors(result)) throw new Error(`Expected a priced quote, got ${JSON.stringify(result.errors)}`);
  return result;
}
const untiered = (q: PricedQuote) => {
  if (!q.lines) throw new Error('Expected an untiered quote');
  return q;
};
const tiered = (q: PricedQuote) => {
  if (!q.tiers) throw new Error('Expected a tiered quote');
  return q.tiers;
};

describe('one line, by hand', () => {
  it('2.5 hours at £85.00, 15% off, 20% VAT: £212.50 − £31.88 = £180.62 + £36.12 = £216.74', () => {
    const q = untiered(price({ lines: [line({ productId: 'consulting', quantity: 2.5, discountBps: 1500 })] }));
    // gross 2.5 × 8500 = 21250; discount 21250 × 15% = 3187.5 → 3188 (half up); net 18062;
    // tax 18062 × 20% = 3612.4 → 3612.
    expect(q.lines[0]).toMatchObject({
      unitPrice: gbp(8500),
      taxRateBps: 2000,
      gross: gbp(21250),
      discount: gbp(3188),
      net: gbp(18062),
      tax: gbp(3612),
      priceSource: 'list',
      discountSource: 'line',
      counts: true,
    });
    expect(q.totals).toEqual({
      subtotal: gbp(21250),
      discount: gbp(3188),
      tax: gbp(3612),
      total: gbp(21674),
      taxSummary: [{ rateBps: 2000, net: gbp(18062), tax: gbp(3612) }],
    });
  });

  it('keeps the fields it was given (line id, section, description) beside the figures', () => {
    const q = untiered(
      price({
        lines: [line({ lineId: 'l1', section: 'Setup', description: 'Kick-off', productId: 'book', quantity: 1 })],
      }),
    );
    expect(q.lines[0]).toMatchObject({ lineId: 'l1', section: 'Setup', description: 'Kick-off', productId: 'book' });
  });

  it('rounds half up on the exact product, not on a floating-point one (1.005 × 100 is 100.5, so 101)', () => {
    expect(1.005 * 100).toBeLessThan(100.5); // what a naive Math.round would see
    const q = untiered(price({ lines: [line({ quantity: 1.005, unitPrice: gbp(100), taxRateBps: 0 })] }));
    expect(q.lines[0]!.gross).toEqual(gbp(101));
  });

  it('prices 999,999.9999 units at £1,000.00 to the penny (£999,999,999.90)', () => {
    const q = untiered(price({ lines: [line({ quantity: 999_999.9999, unitPrice: gbp(100_000), taxRateBps: 0 })] }));
    expect(q.lines[0]!.gross).toEqual(gbp(99_999_999_990));
  });

  it('refuses a line that comes to more than £1,000,000,000.00 instead of giving a wrong figure', () => {
    const result = priceQuote(
      {
        currency: 'GBP',
        companyId: 'globex',
        lines: [line({ quantity: 1_000_000, unitPrice: gbp(100_000_000_000), taxRateBps: 0 })],
      },
      catalog,
    );
    expect(result).toEqual({
      errors: [{ path: 'lines.0.quantity', message: 'This line comes to more than £1,000,000,000.00' }],
    });
  });

  it('takes a fixed discount larger than the line as the whole line, never below zero', () => {
    const q = untiered(price({ lines: [line({ productId: 'dock', quantity: 1, discountAmount: 200_00 })] }));
    expect(q.lines[0]).toMatchObject({ gross: gbp(15000), discount: gbp(15000), net: gbp(0), tax: gbp(0) });
    expect(q.totals.total).toEqual(gbp(0));
  });

  it('prices a free-text line at the typed price and rate', () => {
    const q = untiered(
      price({ lines: [line({ description: 'Site survey', quantity: 1, unitPrice: gbp(450_00), taxRateBps: 2000 })] }),
    );
    expect(q.lines[0]).toMatchObject({ priceSource: 'typed', gross: gbp(45000), tax: gbp(9000) });
  });
});

describe('unit price precedence', () => {
  it('uses the volume tier with the highest minimum at or below the quantity', () => {
    const q = untiered(
      price({
        lines: [
          line({ productId: 'widget', quantity: 9 }),
          line({ productId: 'widget', quantity: 10 }),
          line({ productId: 'widget', quantity: 49.5 }),
          line({ productId: 'widget', quantity: 75 }),
        ],
      }),
    );
    expect(q.lines.map((l) => [l.priceSource, l.unitPrice.amount, l.gross.amount])).toEqual([
      ['list', 1000, 9000], // 9 × £10.00
      ['volume', 900, 9000], // 10 × £9.00
      ['volume', 900, 44550], // 49.5 × £9.00
      ['volume', 800, 60000], // 75 × £8.00
    ]);
    expect(q.lines[1]!.priceRuleId).toBe('vol-widget');
  });

  it('gives a customer its own price over a volume tier; other customers get the tier', () => {
    const forAcme = untiered(price({ companyId: 'acme', lines: [line({ productId: 'widget', quantity: 75 })] }));
    expect(forAcme.lines[0]).toMatchObject({
      priceSource: 'customer_price',
      priceRuleId: 'acme-widget',
      gross: gbp(56250),
    });
    const forGlobex = untiered(price({ companyId: 'globex', lines: [line({ productId: 'widget', quantity: 75 })] }));
    expect(forGlobex.lines[0]).toMatchObject({ priceSource: 'volume', gross: gbp(60000) });
  });

  it('lets a typed price beat every rule', () => {
    const q = untiered(
      price({ companyId: 'acme', lines: [line({ productId: 'widget', quantity: 75, unitPrice: gbp(5_00) })] }),
    );
    expect(q.lines[0]).toMatchObject({ priceSource: 'typed', gross: gbp(37500) });
    expect(q.lines[0]).not.toHaveProperty('priceRuleId');
  });

  it('ignores rules priced in another currency and inactive ones', () => {
    const withEuroRules: PricingCatalog = {
      products,
      rules: [
        { kind: 'customer_price', companyId: 'globex', productId: 'widget', unitPrice: eur(1_00) },
        { kind: 'customer_price', companyId: 'globex', productId: 'widget', unitPrice: gbp(2_00), active: false },
        { kind: 'volume', productId: 'widget', tiers: [{ minQuantity: 1, unitPrice: eur(1_00) }] },
      ],
    };
    const q = untiered(price({ lines: [line({ productId: 'widget', quantity: 3 })] }, withEuroRules));
    expect(q.lines[0]).toMatchObject({ priceSource: 'list', gross: gbp(3000) });
  });

  it('uses the product’s tax rate unless the line gives one', () => {
    const q = untiered(
      price({
        lines: [line({ productId: 'book', quantity: 1 }), line({ productId: 'book', quantity: 1, taxRateBps: 2000 })],
      }),
    );
    expect(q.lines.map((l) => [l.taxRateBps, l.tax.amount])).toEqual([
      [0, 0],
      [2000, 400],
    ]);
  });
});

describe('bundles and optional lines', () => {
  const goodBetter = {
    tiers: [
      { name: 'Good', lines: [line({ productId: 'laptop', quantity: 2 })] },
      { name: 'Better', lines: [line({ productId: 'laptop', quantity: 2 }), line({ productId: 'dock', quantity: 2 })] },
    ],
  };

  it('discounts a bundle only in the tier that has all its products', () => {
    const [good, better] = tiered(price(goodBetter));
    expect(good!.lines[0]).toMatchObject({ discountSource: 'none', discount: gbp(0) });
    // Better: 2 × £1,200.00 = £2,400.00, 10% off £240.00; 2 × £150.00 = £300.00, 10% off £30.00.
    expect(better!.lines.map((l) => [l.discountSource, l.discount.amount, l.bundle?.name])).toEqual([
      ['bundle', 24000, 'Desk setup'],
      ['bundle', 3000, 'Desk setup'],
    ]);
    expect(good!.totals.total).toEqual(gbp(288000)); // £2,400.00 + 20% VAT
    expect(better!.totals).toMatchObject({
      subtotal: gbp(270000),
      discount: gbp(27000),
      tax: gbp(48600),
      total: gbp(291600),
    });
  });

  it('keeps a line’s own discount (even 0%) over a bundle’s', () => {
    const q = untiered(
      price({
        lines: [
          line({ productId: 'laptop', quantity: 1, discountBps: 0 }),
          line({ productId: 'dock', quantity: 1, discountBps: 2500 }),
        ],
      }),
    );
    expect(q.lines.map((l) => [l.discountSource, l.discount.amount])).toEqual([
      ['line', 0],
      ['line', 3750],
    ]);
  });

  it('needs the bundle’s products on lines that count: an unselected optional dock gives no discount', () => {
    const unselected = untiered(
      price({
        lines: [line({ productId: 'laptop', quantity: 1 }), line({ productId: 'dock', quantity: 1, optional: true })],
      }),
    );
    expect(unselected.lines.map((l) => [l.counts, l.discountSource])).toEqual([
      [true, 'none'],
      [false, 'none'],
    ]);
    const selected = untiered(
      price({
        lines: [
          line({ productId: 'laptop', quantity: 1 }),
          line({ productId: 'dock', quantity: 1, optional: true, selected: true }),
        ],
      }),
    );
    expect(selected.lines.map((l) => [l.counts, l.discountSource])).toEqual([
      [true, 'bundle'],
      [true, 'bundle'],
    ]);
  });

  it('re-prices a priced quote after the customer drops the optional dock: the bundle goes', () => {
    const first = untiered(
      price({
        lines: [
          line({ productId: 'laptop', quantity: 1 }),
          line({ productId: 'dock', quantity: 1, optional: true, selected: true }),
        ],
      }),
    );
    const dropped = untiered(price({ lines: first.lines.map((l, i) => (i === 1 ? { ...l, selected: false } : l)) }));
    expect(dropped.lines[0]).not.toHaveProperty('bundle');
    expect(dropped.lines.map((l) => [l.counts, l.discountSource, l.discount.amount])).toEqual([
      [true, 'none', 0],
      [false, 'none', 0],
    ]);
    expect(dropped.totals.total).toEqual(gbp(144000));
  });

  it('shows an unselected optional line priced but leaves it out of the totals', () => {
    const q = untiered(
      price({
        lines: [
          line({ productId: 'consulting', quantity: 1 }),
          line({ productId: 'book', quantity: 3, optional: true }),
        ],
      }),
    );
    expect(q.lines[1]).toMatchObject({ counts: false, gross: gbp(6000), net: gbp(6000) });
    expect(q.totals).toEqual({
      subtotal: gbp(8500),
      discount: gbp(0),
      tax: gbp(1700),
      total: gbp(10200),
      taxSummary: [{ rateBps: 2000, net: gbp(8500), tax: gbp(1700) }],
    });
  });
});

describe('totals', () => {
  it('sums tax by rate, lowest rate first', () => {
    const q = untiered(
      price({
        lines: [
          line({ productId: 'consulting', quantity: 3 }), // £255.00 at 20%: £51.00
          line({ productId: 'book', quantity: 2 }), // £40.00 at 0%
          line({ productId: 'power', quantity: 1.5 }), // £150.00 at 5%: £7.50
          line({ productId: 'dock', quantity: 1, discountBps: 1000 }), // £135.00 at 20%: £27.00
        ],
      }),
    );
    expect(q.totals).toEqual({
      subtotal: gbp(59500),
      discount: gbp(1500),
      tax: gbp(8550),
      total: gbp(66550),
      taxSummary: [
        { rateBps: 0, net: gbp(4000), tax: gbp(0) },
        { rateBps: 500, net: gbp(15000), tax: gbp(750) },
        { rateBps: 2000, net: gbp(39000), tax: gbp(7800) },
      ],
    });
  });

  it('gives an empty quote zero totals', () => {
    expect(untiered(price({})).totals).toEqual({
      subtotal: gbp(0),
      discount: gbp(0),
      tax: gbp(0),
      total: gbp(0),
      taxSummary: [],
    });
  });
});

describe('errors name the line', () => {
  it('asks for a typed price when the catalog price is in another currency', () => {
    expect(
      priceQuote(
        {
          currency: 'GBP',
          companyId: 'globex',
          lines: [line({ productId: 'book', quantity: 1 }), line({ productId: 'licence-eu', quantity: 1 })],
        },
        catalog,
      ),
    ).toEqual({
      errors: [
        { path: 'lines.1.unitPrice', message: 'LIC-EU is priced in EUR in the catalog: type a unit price in GBP' },
      ],
    });
    const tiers = [
      { name: 'Good', lines: [line({ productId: 'book', quantity: 1 })] },
      { name: 'Better', lines: [line({ productId: 'licence-eu', quantity: 1 })] },
    ];
    expect(priceQuote({ currency: 'GBP', companyId: 'globex', tiers }, catalog)).toMatchObject({
      errors: [{ path: 'tiers.1.lines.0.unitPrice' }],
    });
    const typed = untiered(price({ lines: [line({ productId: 'licence-eu', quantity: 1, unitPrice: gbp(85_00) })] }));
    expect(typed.lines[0]).toMatchObject({ priceSource: 'typed', gross: gbp(8500) });
    const inEuro = priceQuote(
      { currency: 'EUR', companyId: 'globex', lines: [line({ productId: 'licence-eu', quantity: 1 })] },
      catalog,
    );
    expect(inEuro).toMatchObject({ lines: [{ priceSource: 'list', gross: eur(9900) }] });
  });

  it('refuses a typed price in another currency, an unknown product and a line without a rate, all at once', () => {
    const result = priceQuote(
      {
        currency: 'GBP',
        companyId: 'globex',
        lines: [
          line({ quantity: 1, unitPrice: eur(100), taxRateBps: 0 }),
          line({ productId: 'gone', quantity: 1 }),
          line({ quantity: 1, unitPrice: gbp(100) }),
        ],
      },
      catalog,
    );
    expect(result).toEqual({
      errors: [
        { path: 'lines.0.unitPrice.currency', message: 'Use the quote’s currency, GBP' },
        { path: 'lines.1.productId', message: 'Not in the catalog' },
        { path: 'lines.2.taxRateBps', message: 'Give a tax rate (0 for none) for a line that is not from the catalog' },
      ],
    });
  });
});

describe('the schemas', () => {
  const errorsOf = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? [] : fieldErrors(result.error);
  };

  it('takes quantities to four decimal places and no further', () => {
    expect(errorsOf(quoteLineInput, { description: 'Hours', quantity: 2.5, productId: 'p1' })).toEqual([]);
    expect(errorsOf(quoteLineInput, { description: 'Hours', quantity: 0.0001, productId: 'p1' })).toEqual([]);
    expect(errorsOf(quoteLineInput, { description: 'Hours', quantity: 0.12345, productId: 'p1' })).toEqual([
      { path: 'quantity', message: 'At most 4 decimal places' },
    ]);
    expect(errorsOf(quoteLineInput, { description: 'Hours', quantity: 0, productId: 'p1' })).toEqual([
      { path: 'quantity', message: 'Must be more than 0' },
    ]);
    expect(errorsOf(quoteLineInput, { description: 'Hours', quantity: 1e9, productId: 'p1' })).toEqual([
      { path: 'quantity', message: 'At most 1,000,000' },
    ]);
  });

  it('refuses unknown fields, two discounts and a free-text line without price or rate', () => {
    expect(
      errorsOf(quoteLineInput, {
        description: 'X',
        quantity: 1,
        productId: 'p',
        discountBps: 10,
        discountAmount: 5,
        colour: 'red',
      }),
    ).toEqual([
      { path: 'colour', message: 'Unknown field' },
      { path: 'discountAmount', message: 'Give a percentage discount or an amount off, not both' },
    ]);
    expect(errorsOf(quoteLineInput, { description: 'Survey', quantity: 1 })).toEqual([
      { path: 'unitPrice', message: 'Type a unit price for a line that is not from the catalog' },
      { path: 'taxRateBps', message: 'Give a tax rate (0 for none) for a line that is not from the catalog' },
    ]);
    expect(errorsOf(quoteLineInput, { description: 'X', quantity: 1, productId: 'p', discountBps: 10_001 })).toEqual([
      { path: 'discountBps', message: 'At most 100%' },
    ]);
  });

  it('checks volume tiers ascend in one currency, and bundle products are distinct', () => {
    expect(
      errorsOf(pricingRuleInput, {
        kind: 'volume',
        productId: 'p',
        tiers: [
          { minQuantity: 10, unitPrice: gbp(900) },
          { minQuantity: 5, unitPrice: eur(800) },
        ],
      }),
    ).toEqual([
      { path: 'tiers.1.minQuantity', message: 'Each tier must start at a larger quantity than the one before' },
      { path: 'tiers.1.unitPrice.currency', message: 'Every tier of a rule uses one currency' },
    ]);
    expect(errorsOf(pricingRuleInput, { kind: 'bundle', name: 'B', productIds: ['a', 'a'], discountBps: 500 })).toEqual(
      [{ path: 'productIds.1', message: 'This product is already in the bundle' }],
    );
    expect(errorsOf(pricingRuleInput, { kind: 'discount' })).toEqual([
      { path: 'kind', message: 'Choose a kind: customer_price, volume or bundle' },
    ]);
    expect(
      pricingRuleInput.parse({ kind: 'customer_price', companyId: 'c', productId: 'p', unitPrice: gbp(1) }),
    ).toMatchObject({
      active: true,
    });
  });

  it('caps a quote at 500 lines over all its tiers', () => {
    const content = z
      .strictObject({ tiers: z.array(z.strictObject({ name: z.string(), lines: z.array(z.unknown()) })) })
      .superRefine(checkQuoteContent);
    const tiers = [
      { name: 'Good', lines: Array.from({ length: 250 }, () => ({})) },
      { name: 'Better', lines: Array.from({ length: 251 }, () => ({})) },
    ];
    expect(lineCount({ tiers })).toBe(MAX_QUOTE_LINES + 1);
    expect(errorsOf(content, { tiers })).toEqual([
      { path: 'tiers', message: 'At most 500 lines in a quote (this one has 501)' },
    ]);
    expect(errorsOf(content, { tiers: [tiers[0], { ...tiers[0], name: 'good' }] })).toEqual([
      { path: 'tiers.1.name', message: 'Another tier has this name' },
    ]);
  });

  it('describes every field a priced line and its totals carry, for the contracts', () => {
    const q = untiered(
      price({
        lines: [
          line({ lineId: 'l1', section: 'Kit', productId: 'widget', quantity: 12, optional: true, selected: true }),
          line({ productId: 'laptop', quantity: 1 }),
          line({ productId: 'dock', quantity: 1, discountAmount: 10 }),
        ],
      }),
    );
    const viewed: z.output<typeof pricedLineView>[] = q.lines;
    for (const l of viewed) expect(pricedLineView.strict().parse(l)).toEqual(l);
    expect(quoteTotalsView.strict().parse(q.totals)).toEqual(q.totals);
  });
});
