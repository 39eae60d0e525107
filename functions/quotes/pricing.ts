/**
 * Quote pricing: from a quote's lines (or its tiers' lines) and the tenant's catalog to priced
 * lines and totals. Pure: no I/O and no clock, so the service, the builder's live totals and the
 * public page all price alike. This comment is the one place the rules are written.
 *
 * Unit price, the first that applies (recorded on each line as `priceSource`):
 * 1. `typed`: the line's own `unitPrice`, as the seller typed it;
 * 2. `customer_price`: the rule for this quote's company and the line's product (the lowest
 *    price, if several);
 * 3. `volume`: the tier with the highest `minQuantity` ≤ the line's quantity over the product's
 *    volume rules (the lower price if two tiers start at the same quantity);
 * 4. `list`: the product's catalog price.
 * A rule applies only when active and priced in the quote's currency. A list price in another
 * currency is an error on the line's `unitPrice`: the seller must type a price.
 * Tax rate: the line's `taxRateBps`, else the product's.
 *
 * Discount, at most one per line (recorded as `discountSource`): the line's own `discountBps` or
 * `discountAmount` if it has one (0 included: a seller's "no discount"), else the largest active
 * bundle discount whose every product is on a line that counts in the same tier (or in the
 * untiered quote), the first such bundle in rule order on a tie. A line counts when it is not
 * optional, or optional and `selected`; optional lines that do not count are still priced, to show.
 *
 * Figures, per line, in whole minor units of the quote's currency:
 *   gross = quantity × unitPrice; discount = gross × bps / 10,000, or min(amount, gross);
 *   net = gross − discount; tax = net × taxRateBps / 10,000,
 * each rounded to a whole minor unit by functions/shared/money.ts's rule, then summed. They are
 * computed exactly (BigInt, quantities in ten-thousandths), so 1,000,000 × 100,000,000,000 loses
 * nothing. Totals, per tier and for an untiered quote, are sums over the lines that count, never
 * rounded again: total = subtotal − discount + tax, and `taxSummary` sums net and tax per rate,
 * rates ascending. Nothing is negative. A line's gross, and a quote's (or tier's) subtotal and
 * total with every optional line taken, are at most MAX_AMOUNT, or the line or quote is an error.
 *
 * Rounding bound: each line's tax is rounded once, so over n lines Σ tax is within n/2 minor
 * units of Σ net × taxRateBps / 10,000 on the lines' nets; against figures with no rounding at
 * all, a line's net is within 1 minor unit and its tax within 1.5.
 *
 * Re-pricing is idempotent: pricing the output's lines again (their resolved `unitPrice` and
 * `taxRateBps` now typed) gives the same figures.
 */
import type { FieldError } from '../shared/errors.js';
import { MAX_AMOUNT, type Money } from '../shared/money.js';
import type {
  DISCOUNT_SOURCES,
  PRICE_SOURCES,
  PricingRuleInput,
  QuoteLineInput,
  QuoteTierInput,
} from './pricing-schema.js';
import { QUANTITY_DECIMALS } from './pricing-schema.js';

/** What pricing needs to know of a catalog product. */
export interface CatalogProduct {
  name: string;
  code: string;
  /** The list price; a product without one can only be quoted at a typed price. */
  unitPrice?: Money | undefined;
  taxRateBps: number;
  /** An archived product (false) can no longer be put on a quote. */
  active?: boolean;
}

/** A stored pricing rule: the rule as created (`active` may be absent: active), with its id. */
export type PricingRule = (
  | Omit<Extract<PricingRuleInput, { kind: 'customer_price' }>, 'active'>
  | Omit<Extract<PricingRuleInput, { kind: 'volume' }>, 'active'>
  | Omit<Extract<PricingRuleInput, { kind: 'bundle' }>, 'active'>
) & { active?: boolean | undefined; ruleId?: string | undefined };

export interface PricingCatalog {
  products: ReadonlyMap<string, CatalogProduct>;
  rules: readonly PricingRule[];
}

export interface PricingInput<L extends QuoteLineInput = QuoteLineInput> {
  currency: string;
  companyId: string;
  lines?: readonly L[] | undefined;
  tiers?: readonly (Omit<QuoteTierInput, 'lines'> & { lines: readonly L[] })[] | undefined;
}

export type PriceSource = (typeof PRICE_SOURCES)[number];
export type DiscountSource = (typeof DISCOUNT_SOURCES)[number];

/** What pricing adds to a line. */
export interface LineFigures {
  unitPrice: Money;
  taxRateBps: number;
  gross: Money;
  discount: Money;
  net: Money;
  tax: Money;
  priceSource: PriceSource;
  /** The rule that set the price (`customer_price`, `volume`), when it has an id. */
  priceRuleId?: string;
  discountSource: DiscountSource;
  /** The bundle whose discount applied (`discountSource: 'bundle'`). */
  bundle?: { name: string; discountBps: number; ruleId?: string };
  /** Whether the line is in the totals. */
  counts: boolean;
}

/** A priced line: its input fields, with `unitPrice` and `taxRateBps` resolved, and its figures. */
export type PricedLine<L extends QuoteLineInput = QuoteLineInput> = Omit<L, keyof LineFigures> & LineFigures;

export interface TaxSummaryRow {
  rateBps: number;
  net: Money;
  tax: Money;
}

export interface QuoteTotals {
  subtotal: Money;
  discount: Money;
  tax: Money;
  total: Money;
  taxSummary: TaxSummaryRow[];
}

export interface PricedTier<L extends QuoteLineInput = QuoteLineInput> {
  name: string;
  lines: PricedLine<L>[];
  totals: QuoteTotals;
}

/** An untiered quote has `lines` and `totals`; a tiered one `tiers`, each with its own. */
export type PricedQuote<L extends QuoteLineInput = QuoteLineInput> =
  | { currency: string; lines: PricedLine<L>[]; totals: QuoteTotals; tiers?: undefined }
  | { currency: string; tiers: PricedTier<L>[]; lines?: undefined; totals?: undefined };

export interface PricingErrors {
  errors: FieldError[];
}

const SCALE = 10n ** BigInt(QUANTITY_DECIMALS);
const BPS = 10_000n;
const MAX = BigInt(MAX_AMOUNT);

/** n / d rounded half up, for n ≥ 0 and d > 0. */
const divRound = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

/** A quantity in ten-thousandths: the schema allows at most four decimal places. */
const quantityUnits = (q: number): bigint => BigInt(Math.round(q * Number(SCALE)));

function largestAmount(currency: string): string {
  try {
    const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    return format.format(MAX_AMOUNT / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${MAX_AMOUNT} minor units`;
  }
}

interface ResolvedPrice {
  unitPrice: Money;
  source: PriceSource;
  ruleId?: string | undefined;
}

type BundleRule = Extract<PricingRule, { kind: 'bundle' }>;

/** The rules that can apply to this quote (active, its company, its currency), by product. */
interface RulesInForce {
  /** The lowest customer price per product. */
  customer: Map<string, ResolvedPrice>;
  /** Every volume tier per product, `from` in ten-thousandths. */
  volume: Map<string, (ResolvedPrice & { from: bigint })[]>;
  bundles: BundleRule[];
}

function rulesInForce(rules: readonly PricingRule[], currency: string, companyId: string): RulesInForce {
  const force: RulesInForce = { customer: new Map(), volume: new Map(), bundles: [] };
  for (const rule of rules) {
    if (rule.active === false) continue;
    if (rule.kind === 'bundle') force.bundles.push(rule);
    else if (rule.kind === 'customer_price') {
      if (rule.companyId !== companyId || rule.unitPrice.currency !== currency) continue;
      const best = force.customer.get(rule.productId);
      if (!best || rule.unitPrice.amount < best.unitPrice.amount)
        force.customer.set(rule.productId, {
          unitPrice: rule.unitPrice,
          source: 'customer_price',
          ruleId: rule.ruleId,
        });
    } else {
      const tiers = force.volume.get(rule.productId) ?? [];
      for (const tier of rule.tiers)
        if (tier.unitPrice.currency === currency)
          tiers.push({
            unitPrice: tier.unitPrice,
            source: 'volume',
            ruleId: rule.ruleId,
            from: quantityUnits(tier.minQuantity),
          });
      force.volume.set(rule.productId, tiers);
    }
  }
  return force;
}

function resolvePrice(
  line: QuoteLineInput,
  product: CatalogProduct | undefined,
  currency: string,
  force: RulesInForce,
): ResolvedPrice | string {
  if (line.unitPrice) return { unitPrice: line.unitPrice, source: 'typed' };
  const productId = line.productId;
  if (productId === undefined || !product) return 'Type a unit price for a line that is not from the catalog';

  const customer = force.customer.get(productId);
  if (customer) return customer;

  const quantity = quantityUnits(line.quantity);
  let volume: (ResolvedPrice & { from: bigint }) | undefined;
  for (const tier of force.volume.get(productId) ?? []) {
    if (tier.from > quantity) continue;
    if (
      !volume ||
      tier.from > volume.from ||
      (tier.from === volume.from && tier.unitPrice.amount < volume.unitPrice.amount)
    )
      volume = tier;
  }
  if (volume) return { unitPrice: volume.unitPrice, source: volume.source, ruleId: volume.ruleId };

  if (!product.unitPrice) return `${product.code} has no price in the catalog: type a unit price`;
  if (product.unitPrice.currency !== currency)
    return `${product.code} is priced in ${product.unitPrice.currency} in the catalog: type a unit price in ${currency}`;
  return { unitPrice: product.unitPrice, source: 'list' };
}

const money = (amount: bigint, currency: string): Money => ({ amount: Number(amount), currency });

const FIGURE_FIELDS = new Set<string>([
  'gross',
  'discount',
  'net',
  'tax',
  'priceSource',
  'priceRuleId',
  'discountSource',
  'bundle',
  'counts',
] satisfies (keyof LineFigures)[]);

/** A line's own fields: a priced line priced again loses what its last pricing added. */
const ownFields = <L extends QuoteLineInput>(line: L) =>
  Object.fromEntries(Object.entries(line).filter(([key]) => !FIGURE_FIELDS.has(key))) as L;

/** Prices one tier, or an untiered quote: `path` is where its lines are (`lines`, `tiers.1.lines`). */
function priceScope<L extends QuoteLineInput>(
  lines: readonly L[],
  path: string,
  currency: string,
  products: PricingCatalog['products'],
  force: RulesInForce,
  errors: FieldError[],
): { lines: PricedLine<L>[]; totals: QuoteTotals } | undefined {
  const counts = (line: QuoteLineInput) => !line.optional || line.selected === true;
  const present = new Set(lines.filter((l) => counts(l) && l.productId !== undefined).map((l) => l.productId!));
  const bundles = force.bundles.filter((r) => r.productIds.every((id) => present.has(id)));
  const errorsBefore = errors.length;
  const priced: PricedLine<L>[] = [];
  let allGross = 0n;
  let allTotal = 0n;

  lines.forEach((line, i) => {
    const at = (field: string) => `${path}.${i}.${field}`;
    const product = line.productId === undefined ? undefined : products.get(line.productId);
    if (line.productId !== undefined && !product) {
      errors.push({ path: at('productId'), message: 'Not in the catalog' });
      return;
    }
    if (line.unitPrice && line.unitPrice.currency !== currency) {
      errors.push({ path: at('unitPrice.currency'), message: `Use the quote’s currency, ${currency}` });
      return;
    }
    const price = resolvePrice(line, product, currency, force);
    if (typeof price === 'string') {
      errors.push({ path: at('unitPrice'), message: price });
      return;
    }
    const taxRateBps = line.taxRateBps ?? product?.taxRateBps;
    if (taxRateBps === undefined) {
      errors.push({
        path: at('taxRateBps'),
        message: 'Give a tax rate (0 for none) for a line that is not from the catalog',
      });
      return;
    }

    const gross = divRound(quantityUnits(line.quantity) * BigInt(price.unitPrice.amount), SCALE);
    if (gross > MAX) {
      errors.push({ path: at('quantity'), message: `This line comes to more than ${largestAmount(currency)}` });
      return;
    }
    let discountSource: DiscountSource = 'none';
    let bundle: LineFigures['bundle'];
    let discount = 0n;
    if (line.discountAmount !== undefined) {
      discountSource = 'line';
      discount = BigInt(line.discountAmount) < gross ? BigInt(line.discountAmount) : gross;
    } else if (line.discountBps !== undefined) {
      discountSource = 'line';
      discount = divRound(gross * BigInt(line.discountBps), BPS);
    } else if (line.productId !== undefined) {
      for (const rule of bundles) {
        if (rule.productIds.includes(line.productId) && (!bundle || rule.discountBps > bundle.discountBps))
          bundle = { name: rule.name, discountBps: rule.discountBps, ...(rule.ruleId ? { ruleId: rule.ruleId } : {}) };
      }
      if (bundle) {
        discountSource = 'bundle';
        discount = divRound(gross * BigInt(bundle.discountBps), BPS);
      }
    }
    const net = gross - discount;
    const tax = divRound(net * BigInt(taxRateBps), BPS);
    allGross += gross;
    allTotal += net + tax;

    priced.push({
      ...ownFields(line),
      unitPrice: { ...price.unitPrice },
      taxRateBps,
      gross: money(gross, currency),
      discount: money(discount, currency),
      net: money(net, currency),
      tax: money(tax, currency),
      priceSource: price.source,
      ...(price.ruleId !== undefined && price.source !== 'typed' ? { priceRuleId: price.ruleId } : {}),
      discountSource,
      ...(bundle ? { bundle } : {}),
      counts: counts(line),
    } as PricedLine<L>);
  });

  if (errors.length > errorsBefore) return undefined;
  if (allGross > MAX || allTotal > MAX) {
    errors.push({
      path,
      message: `The lines come to more than ${largestAmount(currency)} (optional lines included): split the quote`,
    });
    return undefined;
  }
  return { lines: priced, totals: totalsOf(priced, currency) };
}

/** The totals of priced lines: sums over the lines that count, never rounded again. */
export function totalsOf(lines: readonly PricedLine<QuoteLineInput>[], currency: string): QuoteTotals {
  let subtotal = 0;
  let discount = 0;
  let tax = 0;
  const byRate = new Map<number, { net: number; tax: number }>();
  for (const line of lines) {
    if (!line.counts) continue;
    subtotal += line.gross.amount;
    discount += line.discount.amount;
    tax += line.tax.amount;
    const row = byRate.get(line.taxRateBps) ?? { net: 0, tax: 0 };
    row.net += line.net.amount;
    row.tax += line.tax.amount;
    byRate.set(line.taxRateBps, row);
  }
  const m = (amount: number): Money => ({ amount, currency });
  return {
    subtotal: m(subtotal),
    discount: m(discount),
    tax: m(tax),
    total: m(subtotal - discount + tax),
    taxSummary: [...byRate]
      .sort(([a], [b]) => a - b)
      .map(([rateBps, row]) => ({ rateBps, net: m(row.net), tax: m(row.tax) })),
  };
}

/**
 * The customer's picks on priced lines: an optional line counts when its id is picked, and not
 * otherwise; no line is priced again (the figures stay those the customer was shown), only the
 * totals are summed anew.
 */
export function withPicks<L extends QuoteLineInput>(
  lines: readonly PricedLine<L>[],
  picked: ReadonlySet<string>,
  currency: string,
): { lines: PricedLine<L>[]; totals: QuoteTotals } {
  const chosen = lines.map((l) => {
    if (!l.optional) return l;
    const on = l.lineId !== undefined && picked.has(l.lineId);
    return { ...l, selected: on, counts: on };
  });
  return { lines: chosen, totals: totalsOf(chosen, currency) };
}

/** Prices a quote against the catalog: every line and total, or every line's problem by its path. */
export function priceQuote<L extends QuoteLineInput>(
  input: PricingInput<L>,
  catalog: PricingCatalog,
): PricedQuote<L> | PricingErrors {
  const errors: FieldError[] = [];
  const force = rulesInForce(catalog.rules, input.currency, input.companyId);
  const price = (lines: readonly L[], path: string) =>
    priceScope(lines, path, input.currency, catalog.products, force, errors);
  if (input.lines && input.tiers) return { errors: [{ path: 'tiers', message: 'Give lines or tiers, not both' }] };
  if (input.tiers && input.tiers.length > 0) {
    const tiers = input.tiers.map((tier, t) => {
      const priced = price(tier.lines, `tiers.${t}.lines`);
      return priced && { ...tier, ...priced };
    });
    if (errors.length) return { errors };
    return { currency: input.currency, tiers: tiers.filter((t) => t !== undefined) };
  }
  const priced = price(input.lines ?? [], 'lines');
  if (!priced) return { errors };
  return { currency: input.currency, ...priced };
}

/** True when pricing failed; its `errors` name each line's field at fault. */
export const isPricingErrors = <L extends QuoteLineInput>(
  result: PricedQuote<L> | PricingErrors,
): result is PricingErrors => 'errors' in result;
