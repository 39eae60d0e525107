import * as z from 'zod';
import { pricingRuleInput } from '../quotes/pricing-schema.js';
import { defineContract, idParams, MANAGE_WORKSPACE, money, noContent, page, READ, WRITE } from '../shared/contract.js';
import {
  catalogPageQuery,
  createProductSchema,
  createRateCardSchema,
  createSupplierSchema,
  listProductsSchema,
  updateProductSchema,
  updateRateCardSchema,
  updateSupplierSchema,
  importProductsSchema,
  importRowError,
  listPricingRulesSchema,
  updatePricingRuleSchema,
} from './schema.js';

const audit = {
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  version: z.number(),
};

/** A product or service as the API returns it. */
export const productView = z
  .object({
    productId: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string().optional(),
    category: z.string().optional(),
    unit: z.string(),
    unitPrice: money,
    costPrice: money.optional(),
    taxRateBps: z.number(),
    supplierId: z.string().optional(),
    active: z.boolean(),
    ...audit,
  })
  .meta({ id: 'Product' });
export type ProductView = z.output<typeof productView>;

/** A supplier as the API returns it. */
export const supplierView = z
  .object({
    supplierId: z.string(),
    name: z.string(),
    email: z.string().optional(),
    markupBps: z.number(),
    ...audit,
  })
  .meta({ id: 'Supplier' });
export type SupplierView = z.output<typeof supplierView>;

/** A day-rate card as the API returns it. */
export const rateCardView = z
  .object({
    rateCardId: z.string(),
    name: z.string(),
    currency: z.string(),
    roles: z.array(
      z.object({
        role: z.string(),
        dayRate: money,
        hourRate: money,
        overtimeMultiplierBps: z.number(),
        travelMultiplierBps: z.number(),
      }),
    ),
    ...audit,
  })
  .meta({ id: 'RateCard' });
export type RateCardView = z.output<typeof rateCardView>;

/** What a products import did, or (dry run) would do: counts, the first rows, every problem by row. */
export const productImportView = z
  .object({
    dryRun: z.boolean(),
    counts: z.object({
      rows: z.number(),
      valid: z.number(),
      invalid: z.number(),
      create: z.number(),
      update: z.number(),
    }),
    preview: z.array(
      z.object({
        row: z.number(),
        action: z.enum(['create', 'update']),
        code: z.string(),
        name: z.string(),
        unitPrice: money,
      }),
    ),
    errors: z.array(importRowError),
    /** The errors as CSV (row, column, field, message), to fix the file against. */
    errorReport: z.string().optional(),
  })
  .meta({ id: 'ProductImport' });
export type ProductImportView = z.output<typeof productImportView>;

/** A pricing rule as the API returns it: the rule as given, with its id and version. */
export const pricingRuleView = z
  .object({
    ruleId: z.string(),
    kind: z.enum(['customer_price', 'volume', 'bundle']),
    active: z.boolean(),
    name: z.string().optional(),
    companyId: z.string().optional(),
    productId: z.string().optional(),
    productIds: z.array(z.string()).optional(),
    unitPrice: money.optional(),
    tiers: z.array(z.object({ minQuantity: z.number(), unitPrice: money })).optional(),
    discountBps: z.number().optional(),
    ...audit,
  })
  .meta({ id: 'PricingRule' });
export type PricingRuleView = z.output<typeof pricingRuleView>;

const product = idParams('productId');
const rule = idParams('ruleId');
const supplier = idParams('supplierId');
const rateCard = idParams('rateCardId');

/** The catalog: products and services, suppliers and their markups, day-rate cards. */
export const catalogApi = defineContract('catalog', {
  listProducts: {
    method: 'GET',
    path: '/v1/products',
    auth: 'tenant',
    roles: READ,
    summary: 'Products by code; `q` a code or name prefix (case and accents ignored), `category` and `active` filters',
    query: listProductsSchema,
    response: page(productView),
  },
  createProduct: {
    method: 'POST',
    path: '/v1/products',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Add a product (code unique per workspace, any case: 409 naming `code`); prices in the workspace currency',
    body: createProductSchema,
    response: productView,
    status: 201,
  },
  getProduct: {
    method: 'GET',
    path: '/v1/products/{productId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One product',
    params: product,
    response: productView,
  },
  updateProduct: {
    method: 'PATCH',
    path: '/v1/products/{productId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Change a product; `active: false` archives it (products are never deleted)',
    params: product,
    body: updateProductSchema,
    response: productView,
    versioned: true,
  },
  importProducts: {
    method: 'POST',
    path: '/v1/products/import',
    auth: 'tenant',
    roles: WRITE,
    summary:
      'Import products from CSV, matched by code (created or updated); `dryRun` writes nothing. At most 1,000 rows (413 above)',
    body: importProductsSchema,
    response: productImportView,
  },
  listSuppliers: {
    method: 'GET',
    path: '/v1/suppliers',
    auth: 'tenant',
    roles: READ,
    summary: 'Suppliers A→Z',
    query: catalogPageQuery,
    response: page(supplierView),
  },
  createSupplier: {
    method: 'POST',
    path: '/v1/suppliers',
    auth: 'tenant',
    roles: MANAGE_WORKSPACE,
    summary: 'Add a supplier with its markup on cost (basis points)',
    body: createSupplierSchema,
    response: supplierView,
    status: 201,
  },
  getSupplier: {
    method: 'GET',
    path: '/v1/suppliers/{supplierId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One supplier',
    params: supplier,
    response: supplierView,
  },
  updateSupplier: {
    method: 'PATCH',
    path: '/v1/suppliers/{supplierId}',
    auth: 'tenant',
    roles: MANAGE_WORKSPACE,
    summary: 'Change a supplier; its products keep their prices until they are saved again',
    params: supplier,
    body: updateSupplierSchema,
    response: supplierView,
    versioned: true,
  },
  listRateCards: {
    method: 'GET',
    path: '/v1/rate-cards',
    auth: 'tenant',
    roles: READ,
    summary: 'Day-rate cards A→Z',
    query: catalogPageQuery,
    response: page(rateCardView),
  },
  createRateCard: {
    method: 'POST',
    path: '/v1/rate-cards',
    auth: 'tenant',
    roles: MANAGE_WORKSPACE,
    summary: 'Add a day-rate card: 1–50 roles with day and hour rates and overtime and travel multipliers',
    body: createRateCardSchema,
    response: rateCardView,
    status: 201,
  },
  getRateCard: {
    method: 'GET',
    path: '/v1/rate-cards/{rateCardId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One day-rate card',
    params: rateCard,
    response: rateCardView,
  },
  updateRateCard: {
    method: 'PATCH',
    path: '/v1/rate-cards/{rateCardId}',
    auth: 'tenant',
    roles: MANAGE_WORKSPACE,
    summary: 'Change a day-rate card; `roles` replaces the list',
    params: rateCard,
    body: updateRateCardSchema,
    response: rateCardView,
    versioned: true,
  },
  listPricingRules: {
    method: 'GET',
    path: '/v1/pricing-rules',
    auth: 'tenant',
    roles: READ,
    summary: 'Pricing rules, oldest first; `kind`, `productId` and `companyId` filter the page read',
    query: listPricingRulesSchema,
    response: page(pricingRuleView),
  },
  createPricingRule: {
    method: 'POST',
    path: '/v1/pricing-rules',
    auth: 'tenant',
    roles: MANAGE_WORKSPACE,
    summary:
      'Add a pricing rule: a customer price, volume tiers or a bundle discount (products and companies of this workspace)',
    body: pricingRuleInput,
    response: pricingRuleView,
    status: 201,
  },
  getPricingRule: {
    method: 'GET',
    path: '/v1/pricing-rules/{ruleId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One pricing rule',
    params: rule,
    response: pricingRuleView,
  },
  updatePricingRule: {
    method: 'PATCH',
    path: '/v1/pricing-rules/{ruleId}',
    auth: 'tenant',
    roles: MANAGE_WORKSPACE,
    summary: 'Replace a pricing rule with the one sent (any kind); `active: false` keeps it without applying it',
    params: rule,
    body: updatePricingRuleSchema,
    response: pricingRuleView,
    versioned: true,
  },
  removePricingRule: {
    method: 'DELETE',
    path: '/v1/pricing-rules/{ruleId}',
    auth: 'tenant',
    roles: MANAGE_WORKSPACE,
    summary: 'Delete a pricing rule; quotes already priced keep their prices',
    params: rule,
    response: noContent,
    status: 204,
  },
});
