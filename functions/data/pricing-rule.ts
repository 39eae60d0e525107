import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

const money = {
  type: 'map',
  properties: { amount: { type: 'number', required: true }, currency: { type: 'string', required: true } },
} as const;

/**
 * A pricing rule of the catalog (functions/quotes/pricing-schema.ts `pricingRuleInput` says
 * what each kind carries; functions/quotes/pricing.ts which one wins): a customer's own price
 * for a product, a product's volume tiers, or a bundle discount.
 */
export const PricingRuleEntity = new Entity(
  {
    model: { entity: 'pricingRule', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      ruleId: { type: 'string', required: true, readOnly: true },
      kind: { type: ['customer_price', 'volume', 'bundle'] as const, required: true, readOnly: true },
      active: { type: 'boolean', required: true },
      /** customer_price: the company that pays `unitPrice`. */
      companyId: { type: 'string' },
      /** customer_price and volume: the product priced. */
      productId: { type: 'string' },
      unitPrice: money,
      /** volume: ascending tiers, one currency. */
      tiers: {
        type: 'list',
        items: {
          type: 'map',
          properties: { minQuantity: { type: 'number', required: true }, unitPrice: { ...money, required: true } },
        },
      },
      /** bundle: its name, its products and the discount on each of their lines. */
      name: { type: 'string' },
      productIds: { type: 'list', items: { type: 'string' } },
      discountBps: { type: 'number' },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One rule by id; all of a tenant's rules (a catalog's few hundred), read whole to price a quote. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['ruleId'] } },
    },
  },
  entityConfig,
);
export type PricingRuleItem = EntityItem<typeof PricingRuleEntity>;
