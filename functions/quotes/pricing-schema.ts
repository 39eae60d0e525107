import * as z from 'zod';
import { money, pathId } from '../shared/contract.js';
import { MAX_AMOUNT, moneyInput } from '../shared/money.js';
import { optionalText, text } from '../shared/validation.js';

/** The most lines one quote holds, counted over every tier (see `lineCount`). */
export const MAX_QUOTE_LINES = 500;

/** The most tiers one quote offers (Good/Better/Best and a little room). */
export const MAX_QUOTE_TIERS = 5;

/** The largest quantity on a line; with MAX_AMOUNT as unit price the figures stay exact (pricing.ts). */
export const MAX_QUANTITY = 1_000_000;

/** Quantities are exact to this many decimal places (2.5 hours, 0.125 days, 1.0625 m²). */
export const QUANTITY_DECIMALS = 4;

const QUANTITY_SCALE = 10 ** QUANTITY_DECIMALS;

/** True when `q` is a number with at most four decimal places, as JSON writes it (0.1234, not 0.12345). */
const hasAtMostFourDecimals = (q: number) => Math.round(q * QUANTITY_SCALE) / QUANTITY_SCALE === q;

const quantity = z
  .number({ error: 'Enter a number' })
  .gt(0, 'Must be more than 0')
  .max(MAX_QUANTITY, 'At most 1,000,000')
  .refine(hasAtMostFourDecimals, 'At most 4 decimal places');

const bps = (what: string) =>
  z
    .number({ error: 'Enter a whole number of basis points' })
    .int(`Use whole basis points (100 = 1%) for the ${what}`)
    .min(0, 'At least 0%')
    .max(10_000, 'At most 100%');

/**
 * One line of a quote as a request sends it. A catalog line names its `productId` and may leave
 * `unitPrice` and `taxRateBps` to the catalog; a free-text line (no `productId`) must type its
 * `unitPrice` and `taxRateBps`. `optional` lines are offered to the customer and count only when `selected`
 * (`selected` on a line that is not optional changes nothing: it always counts).
 * This is a superset of shared/API.md's Line, under the same names.
 */
export const quoteLineInput = z
  .strictObject({
    lineId: pathId.optional(),
    productId: pathId.optional(),
    description: text(2000),
    quantity,
    unitPrice: moneyInput.optional(),
    discountBps: bps('discount').optional(),
    discountAmount: z
      .number({ error: 'Enter a whole number of minor units' })
      .int('Use whole minor units (pence, cents)')
      .min(0, 'Cannot be negative')
      .max(MAX_AMOUNT, 'Too large')
      .optional(),
    taxRateBps: bps('tax rate').optional(),
    optional: z.boolean().optional(),
    selected: z.boolean().optional(),
    section: optionalText(120),
  })
  .superRefine((line, ctx) => {
    if (line.productId === undefined && line.unitPrice === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['unitPrice'],
        message: 'Type a unit price for a line that is not from the catalog',
      });
    if (line.productId === undefined && line.taxRateBps === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['taxRateBps'],
        message: 'Give a tax rate (0 for none) for a line that is not from the catalog',
      });
    if (line.discountBps !== undefined && line.discountAmount !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['discountAmount'],
        message: 'Give a percentage discount or an amount off, not both',
      });
  });
export type QuoteLineInput = z.output<typeof quoteLineInput>;

/** One tier of a Good/Better/Best quote: its own lines and totals; the customer picks one. */
export const quoteTierInput = z.strictObject({
  name: text(60),
  lines: z.array(quoteLineInput).max(MAX_QUOTE_LINES, `At most ${MAX_QUOTE_LINES} lines`),
});
export type QuoteTierInput = z.output<typeof quoteTierInput>;

/** The priced content of a quote: either `lines` or `tiers`, never both. */
export interface QuoteContent {
  lines?: readonly unknown[] | undefined;
  tiers?: readonly { name: string; lines: readonly unknown[] }[] | undefined;
}

/** Lines in a quote, over every tier: what MAX_QUOTE_LINES caps. */
export function lineCount(content: QuoteContent): number {
  return (content.lines?.length ?? 0) + (content.tiers ?? []).reduce((n, tier) => n + tier.lines.length, 0);
}

/**
 * The checks a quote body needs on top of its fields' own (for a quote schema's superRefine):
 * lines or tiers, not both; at most MAX_QUOTE_TIERS tiers, distinct names; at most
 * MAX_QUOTE_LINES lines in all.
 */
export function checkQuoteContent(content: QuoteContent, ctx: z.RefinementCtx): void {
  if (content.lines && content.tiers) {
    ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'Give lines or tiers, not both' });
  }
  if (content.tiers) {
    if (content.tiers.length > MAX_QUOTE_TIERS)
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: `At most ${MAX_QUOTE_TIERS} tiers` });
    const seen = new Set<string>();
    content.tiers.forEach((tier, i) => {
      const key = tier.name.toLocaleLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'name'], message: 'Another tier has this name' });
      seen.add(key);
    });
  }
  const seen = new Set<string>();
  const lineId = (l: unknown) => (l as { lineId?: unknown }).lineId;
  const scopes = content.tiers
    ? content.tiers.map((t, i) => ({ path: ['tiers', i, 'lines'], lines: t.lines }))
    : [{ path: ['lines'], lines: content.lines ?? [] }];
  for (const { path, lines } of scopes)
    lines.forEach((l, j) => {
      const id = lineId(l);
      if (typeof id !== 'string') return;
      if (seen.has(id))
        ctx.addIssue({ code: 'custom', path: [...path, j, 'lineId'], message: 'Another line has this id' });
      seen.add(id);
    });
  const count = lineCount(content);
  if (count > MAX_QUOTE_LINES)
    ctx.addIssue({
      code: 'custom',
      path: [content.tiers ? 'tiers' : 'lines'],
      message: `At most ${MAX_QUOTE_LINES} lines in a quote (this one has ${count})`,
    });
}

const active = z.boolean().default(true);

const volumeTier = z.strictObject({
  minQuantity: quantity,
  unitPrice: moneyInput,
});

/**
 * A pricing rule, by `kind`:
 * - `customer_price`: this company pays `unitPrice` for this product;
 * - `volume`: from `minQuantity` up, a unit costs the tier's `unitPrice` (tiers ascending, one currency);
 * - `bundle`: a discount on every line of these products when all of them are on the quote (or tier).
 * An inactive rule (`active: false`) is kept but never applies. pricing.ts says which rule wins.
 */
export const pricingRuleInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('customer_price'),
      companyId: pathId,
      productId: pathId,
      unitPrice: moneyInput,
      active,
    }),
    z.strictObject({
      kind: z.literal('volume'),
      productId: pathId,
      tiers: z
        .array(volumeTier)
        .min(1, 'Add at least one tier')
        .max(20, 'At most 20 tiers')
        .superRefine((tiers, ctx) => {
          tiers.forEach((tier, i) => {
            const before = tiers[i - 1];
            if (before && tier.minQuantity <= before.minQuantity)
              ctx.addIssue({
                code: 'custom',
                path: [i, 'minQuantity'],
                message: 'Each tier must start at a larger quantity than the one before',
              });
            if (tier.unitPrice.currency !== tiers[0]!.unitPrice.currency)
              ctx.addIssue({
                code: 'custom',
                path: [i, 'unitPrice', 'currency'],
                message: 'Every tier of a rule uses one currency',
              });
          });
        }),
      active,
    }),
    z.strictObject({
      kind: z.literal('bundle'),
      name: text(200),
      productIds: z
        .array(pathId)
        .min(2, 'A bundle has at least 2 products')
        .max(20, 'At most 20 products')
        .superRefine((ids, ctx) => {
          ids.forEach((id, i) => {
            if (ids.indexOf(id) !== i)
              ctx.addIssue({ code: 'custom', path: [i], message: 'This product is already in the bundle' });
          });
        }),
      discountBps: z
        .number({ error: 'Enter a whole number of basis points' })
        .int('Use whole basis points (100 = 1%)')
        .min(1, 'At least 0.01%')
        .max(10_000, 'At most 100%'),
      active,
    }),
  ],
  { error: 'Choose a kind: customer_price, volume or bundle' },
);
export type PricingRuleInput = z.output<typeof pricingRuleInput>;

/** Where a priced line's unit price came from (pricing.ts says which applies first). */
export const PRICE_SOURCES = ['typed', 'customer_price', 'volume', 'list'] as const;

/** Where a priced line's discount came from. */
export const DISCOUNT_SOURCES = ['line', 'bundle', 'none'] as const;

/** A priced line as the API returns it: pricing.ts's PricedLine. */
export const pricedLineView = z
  .object({
    lineId: z.string().optional(),
    productId: z.string().optional(),
    description: z.string(),
    quantity: z.number(),
    unitPrice: money,
    discountBps: z.number().optional(),
    discountAmount: z.number().optional(),
    taxRateBps: z.number(),
    optional: z.boolean().optional(),
    selected: z.boolean().optional(),
    section: z.string().optional(),
    gross: money,
    discount: money,
    net: money,
    tax: money,
    priceSource: z.enum(PRICE_SOURCES),
    priceRuleId: z.string().optional(),
    discountSource: z.enum(DISCOUNT_SOURCES),
    bundle: z.object({ name: z.string(), discountBps: z.number(), ruleId: z.string().optional() }).optional(),
    counts: z.boolean(),
  })
  .meta({ id: 'PricedQuoteLine' });

/** Totals of a tier or an untiered quote, as the API returns them: pricing.ts's QuoteTotals. */
export const quoteTotalsView = z
  .object({
    subtotal: money,
    discount: money,
    tax: money,
    total: money,
    taxSummary: z.array(z.object({ rateBps: z.number(), net: money, tax: money })),
  })
  .meta({ id: 'QuoteTotals' });
