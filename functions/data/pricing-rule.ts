import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/**
 * A pricing rule (customer price, volume tiers or bundle), stored as POST /v1/pricing-rules took
 * it (functions/quotes/pricing-schema.ts pricingRuleInput): `definition` is that input, whole.
 */
export const PricingRuleEntity = new Entity(
  {
    model: { entity: 'pricingRule', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      ruleId: { type: 'string', required: true, readOnly: true },
      kind: { type: ['customer_price', 'volume', 'bundle'] as const, required: true },
      /** The rule as given (kind and its fields), for the pricing engine. */
      definition: { type: 'any', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One rule by id; and all of a tenant's rules, oldest first (ids are ULIDs): the list and a quote's pricing. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['ruleId'] } },
    },
  },
  entityConfig,
);
export type PricingRuleRecord = EntityItem<typeof PricingRuleEntity>;
