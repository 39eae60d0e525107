import * as z from 'zod';
import { pathId } from '../shared/contract.js';
import { MAX_INLINE_CSV, rowError } from '../imports/schema.js';
import { pricingRuleInput } from '../quotes/pricing-schema.js';
import { moneyInput, weightedAmount, type Money } from '../shared/money.js';
import { currencyCode, optionalText, pageQuery, text } from '../shared/validation.js';

/** The default tax rate of a new product: 20 % (UK standard rate). */
export const DEFAULT_TAX_RATE_BPS = 2000;
/** Roles one rate card may list. */
export const MAX_RATE_CARD_ROLES = 50;

/** A product code: letters and digits, with spaces, dots, dashes, slashes and underscores inside. */
const productCode = text(40).regex(
  /^[\p{L}\p{N}](?:[\p{L}\p{N} ._/-]*[\p{L}\p{N}])?$/u,
  'Use letters and digits, with - _ . / or spaces between them',
);
const basisPoints = (max: number, label: string) =>
  z.number().int('Use whole basis points').min(0, 'Cannot be negative').max(max, `At most ${label}`);

const productFields = {
  code: productCode,
  name: text(200),
  description: optionalText(2000),
  category: optionalText(100),
  /** hour, day, each, month… free text so a seller may sell by the licence or the metre. */
  unit: text(30),
  unitPrice: moneyInput,
  costPrice: moneyInput,
  taxRateBps: basisPoints(10_000, '100%'),
  supplierId: pathId,
  active: z.boolean(),
};

/**
 * `POST /v1/products`. Without a `unitPrice`, a product with a supplier and a cost price is
 * priced at the supplier's markup (functions/catalog/suggested-price.ts).
 */
export const createProductSchema = z.strictObject({
  code: productFields.code,
  name: productFields.name,
  description: productFields.description,
  category: productFields.category,
  unit: productFields.unit.default('each'),
  unitPrice: productFields.unitPrice.optional(),
  costPrice: productFields.costPrice.optional(),
  taxRateBps: productFields.taxRateBps.default(DEFAULT_TAX_RATE_BPS),
  supplierId: productFields.supplierId.optional(),
  active: productFields.active.default(true),
});
export type CreateProductInput = z.infer<typeof createProductSchema>;

/** `PATCH /v1/products/{productId}`: any subset; `null` clears an optional field; `active: false` archives. */
export const updateProductSchema = z
  .strictObject({
    code: productFields.code,
    name: productFields.name,
    description: productFields.description.nullable(),
    category: productFields.category.nullable(),
    unit: productFields.unit,
    unitPrice: productFields.unitPrice,
    costPrice: productFields.costPrice.nullable(),
    taxRateBps: productFields.taxRateBps,
    supplierId: productFields.supplierId.nullable(),
    active: productFields.active,
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

/** `GET /v1/products`: `q` is a code or name prefix, folded (case and accents do not matter). */
export const listProductsSchema = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  category: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type ListProductsQuery = z.infer<typeof listProductsSchema>;

const supplierFields = {
  name: text(200),
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')).pipe(z.string().max(254)),
  /** 2500 = 25 % on top of cost. */
  markupBps: basisPoints(100_000, '1000%'),
};

/** `POST /v1/suppliers`. */
export const createSupplierSchema = z.strictObject({
  name: supplierFields.name,
  email: supplierFields.email.optional(),
  markupBps: supplierFields.markupBps.default(0),
});
export type CreateSupplierInput = z.infer<typeof createSupplierSchema>;

/** `PATCH /v1/suppliers/{supplierId}`. */
export const updateSupplierSchema = z
  .strictObject({
    name: supplierFields.name,
    email: supplierFields.email.nullable(),
    markupBps: supplierFields.markupBps,
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateSupplierInput = z.infer<typeof updateSupplierSchema>;

/** One role of a rate card; both rates are in the card's currency. */
export const rateCardRole = z.strictObject({
  role: text(100),
  dayRate: moneyInput,
  hourRate: moneyInput,
  /** 15000 = time and a half. */
  overtimeMultiplierBps: basisPoints(100_000, '10×').default(15_000),
  travelMultiplierBps: basisPoints(100_000, '10×').default(10_000),
});

const rateCardRoles = z
  .array(rateCardRole)
  .min(1, 'At least one role')
  .max(MAX_RATE_CARD_ROLES, `At most ${MAX_RATE_CARD_ROLES} roles`)
  .superRefine((roles, ctx) => {
    const seen = new Set<string>();
    roles.forEach((r, i) => {
      const key = r.role.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'role'], message: 'Another role has this name' });
      seen.add(key);
    });
  });

/** `POST /v1/rate-cards`: the currency defaults to the workspace's. */
export const createRateCardSchema = z.strictObject({
  name: text(200),
  currency: currencyCode.optional(),
  roles: rateCardRoles,
});
export type CreateRateCardInput = z.infer<typeof createRateCardSchema>;

/** `PATCH /v1/rate-cards/{rateCardId}`: `roles` replaces the whole list. */
export const updateRateCardSchema = z
  .strictObject({
    name: text(200),
    currency: currencyCode,
    roles: rateCardRoles,
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateRateCardInput = z.infer<typeof updateRateCardSchema>;

/** `GET /v1/suppliers`, `GET /v1/rate-cards`. */
export const catalogPageQuery = z.strictObject({ ...pageQuery });

/**
 * The price a product bought in at `cost` is offered at: cost × (1 + markup), rounded half up to
 * a whole minor unit (functions/shared/money.ts). The product form shows it and the API applies
 * it when a product with a supplier is saved without a unit price.
 */
export function suggestedUnitPrice(cost: Money, markupBps: number): Money {
  return { amount: weightedAmount(cost.amount, 10_000 + markupBps), currency: cost.currency };
}

/** The most rows one products import may hold: a catalog, imported in one request. */
export const MAX_PRODUCT_ROWS = 1000;
/** The dry run shows this many rows as they would be written. */
export const PRODUCT_PREVIEW_ROWS = 20;

/**
 * `POST /v1/products/import`: the CSV inline (`csv`), or uploaded first through
 * POST /v1/imports/uploads (`uploadKey`) when it is larger than a request body; never both. Its
 * header names the columns (the export's own, or the aliases below).
 */
export const importProductsSchema = z
  .strictObject({
    csv: z
      .string()
      .min(1, 'Required')
      .max(MAX_INLINE_CSV, `At most ${MAX_INLINE_CSV} characters; upload larger files`)
      .optional(),
    uploadKey: pathId.optional(),
    dryRun: z.boolean().default(false),
  })
  .superRefine((body, ctx) => {
    if ((body.csv === undefined) === (body.uploadKey === undefined))
      ctx.addIssue({ code: 'custom', path: ['csv'], message: 'Send either csv or uploadKey' });
  });
export type ImportProductsInput = z.infer<typeof importProductsSchema>;

export const importRowError = rowError;

/** A products CSV's columns: field → header names (folded: lower case, letters and digits only) that mean it. */
export const PRODUCT_COLUMNS = {
  code: ['code', 'sku', 'productcode', 'itemcode'],
  name: ['name', 'productname', 'product', 'item'],
  description: ['description', 'details'],
  category: ['category', 'group'],
  unit: ['unit', 'uom', 'unitofmeasure'],
  unitPrice: ['unitprice', 'price', 'sellprice', 'saleprice'],
  costPrice: ['costprice', 'cost', 'buyprice'],
  taxRate: ['taxrate', 'tax', 'vat', 'vatrate'],
  supplier: ['supplier', 'suppliername', 'vendor'],
  active: ['active', 'status'],
} as const;
export type ProductColumn = keyof typeof PRODUCT_COLUMNS;

const ruleVersion = { version: z.number().int().positive().optional() };
const [customerPriceRule, volumeRule, bundleRule] = pricingRuleInput.options;

/** `PATCH /v1/pricing-rules/{ruleId}`: the whole rule again (any kind), replacing the stored one. */
export const updatePricingRuleSchema = z.discriminatedUnion(
  'kind',
  [customerPriceRule.extend(ruleVersion), volumeRule.extend(ruleVersion), bundleRule.extend(ruleVersion)],
  { error: 'Choose a kind: customer_price, volume or bundle' },
);
export type UpdatePricingRuleInput = z.infer<typeof updatePricingRuleSchema>;

/** `GET /v1/pricing-rules`: `kind`, `productId` and `companyId` filter the rules read. */
export const listPricingRulesSchema = z.strictObject({
  ...pageQuery,
  kind: z.enum(['customer_price', 'volume', 'bundle']).optional(),
  productId: pathId.optional(),
  companyId: pathId.optional(),
});
export type ListPricingRulesQuery = z.infer<typeof listPricingRulesSchema>;
