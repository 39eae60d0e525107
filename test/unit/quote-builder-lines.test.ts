import { describe, expect, it } from 'vitest';
import { priceQuote, isPricingErrors } from '../../functions/quotes/pricing.js';
import { createQuoteSchema } from '../../functions/quotes/schema.js';
import {
  blankLine,
  cellOf,
  fromPricedLine,
  groupBySection,
  moveLine,
  switchMode,
  toLineInput,
  type EditorLine,
} from '../../web/src/app/quotes/lines.js';
import { priceLive } from '../../web/src/app/quotes/live-pricing.js';

const line = (patch: Partial<EditorLine>): EditorLine => ({ ...blankLine(), ...patch });

describe('the quote builder’s lines', () => {
  it('moves a line up or down by one (Alt+↑/↓) and clamps at the ends', () => {
    expect(moveLine(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveLine(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    const same = ['a', 'b'];
    expect(moveLine(same, 0, -1)).toBe(same);
    expect(moveLine(same, 1, 5)).toBe(same);
  });

  it('groups consecutive lines of one section under one header, in line order, keeping their indexes', () => {
    const groups = groupBySection([
      { section: '' },
      { section: 'Hardware' },
      { section: 'Hardware ' },
      { section: 'Services' },
      { section: 'Hardware' },
    ]);
    expect(groups.map((g) => [g.section, g.rows.map((r) => r.index)])).toEqual([
      ['', [0]],
      ['Hardware', [1, 2]],
      ['Services', [3]],
      ['Hardware', [4]],
    ]);
  });

  it('sends what the seller typed: a catalog line with empty price and tax is left to the catalog', () => {
    expect(
      toLineInput(
        line({ productId: 'p1', description: ' Laptop ', quantity: '2.5', taxRate: '', discount: '20' }),
        'GBP',
      ),
    ).toEqual({ productId: 'p1', description: 'Laptop', quantity: 2.5, discountBps: 2000 });
    expect(
      toLineInput(
        line({
          description: 'Setup',
          unitPrice: '1,200.50',
          discountMode: 'amount',
          discount: '50',
          taxRate: '0',
          optional: true,
          section: 'Services',
        }),
        'GBP',
      ),
    ).toEqual({
      description: 'Setup',
      quantity: 1,
      unitPrice: { amount: 120_050, currency: 'GBP' },
      discountAmount: 5_000,
      taxRateBps: 0,
      optional: true,
      selected: false,
      section: 'Services',
    });
  });

  it('a typed mistake fails the contract schema on the cell’s own path', () => {
    const body = {
      companyId: 'c1',
      title: 'T',
      currency: 'GBP',
      lines: [
        line({ description: 'A', unitPrice: '10' }),
        line({ description: 'B', unitPrice: '10', quantity: 'two' }),
      ].map((l) => toLineInput(l, 'GBP')),
    };
    const result = createQuoteSchema.safeParse(body);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => cellOf(i.path.join('.')));
    expect(paths).toEqual(['lines.1.quantity']);
    expect(cellOf('tiers.2.lines.0.unitPrice.amount')).toBe('tiers.2.lines.0.unitPrice');
    expect(cellOf('lines.3.discountBps')).toBe('lines.3.discount');
    expect(cellOf('title')).toBe('title');
  });

  it('a saved line comes back to the editor as it was typed, and re-sends the same line', () => {
    const priced = priceQuote(
      {
        currency: 'GBP',
        companyId: 'c1',
        lines: [
          {
            lineId: 'L1',
            description: 'Hours',
            quantity: 2.5,
            unitPrice: { amount: 8_000, currency: 'GBP' },
            taxRateBps: 2_000,
            discountBps: 1_000,
          },
        ],
      },
      { products: new Map(), rules: [] },
    );
    if (isPricingErrors(priced)) throw new Error('priced');
    const back = fromPricedLine(priced.lines![0]! as never);
    expect(back).toMatchObject({ lineId: 'L1', quantity: '2.5', unitPrice: '80.00', discount: '10', taxRate: '20' });
    expect(toLineInput(back, 'GBP')).toEqual({
      lineId: 'L1',
      description: 'Hours',
      quantity: 2.5,
      unitPrice: { amount: 8_000, currency: 'GBP' },
      discountBps: 1_000,
      taxRateBps: 2_000,
    });
  });

  it('Good / Better / Best starts from the same lines, without the saved ids; back to one price keeps the first', () => {
    const scopes = switchMode([{ name: '', lines: [line({ lineId: 'L1', description: 'A' })] }], true);
    expect(scopes.map((s) => s.name)).toEqual(['Good', 'Better', 'Best']);
    expect(scopes.every((s) => s.lines[0]!.description === 'A' && s.lines[0]!.lineId === undefined)).toBe(true);
    expect(new Set(scopes.map((s) => s.lines[0]!.key)).size).toBe(3);
    expect(switchMode(scopes, false)).toEqual([{ name: '', lines: scopes[0]!.lines }]);
  });

  it('live totals price the lines that parse, with the catalog’s price for a catalog line, and skip one being typed', () => {
    const products = new Map([
      ['p1', { name: 'Laptop', code: 'LAP', unitPrice: { amount: 100_000, currency: 'GBP' }, taxRateBps: 2_000 }],
    ]);
    const [live] = priceLive(
      [
        {
          name: '',
          lines: [
            line({ productId: 'p1', description: 'Laptop', quantity: '3', taxRate: '', discount: '20' }),
            line({ description: 'Setup', unitPrice: '99.99', taxRate: '20' }),
            line({ description: 'Half typed', unitPrice: '1.', quantity: '' }),
          ],
        },
      ],
      ['lines'],
      { currency: 'GBP', companyId: 'c1' },
      { products, rules: [] },
    );
    expect(live!.lines.map((l) => l?.net.amount)).toEqual([240_000, 9_999, undefined]);
    // 240,000 + 9,999 net; tax 48,000 + 2,000 (1,999.8 rounded half up).
    expect(live!.totals!.total.amount).toBe(249_999 + 50_000);
  });
});
