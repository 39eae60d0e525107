import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/**
 * Claims a product code within a tenant, whatever its case: created in the product's transaction
 * (so two concurrent creates of one code cannot both land), moved in the transaction that
 * changes the code.
 */
export const ProductCodeEntity = new Entity(
  {
    model: { entity: 'productCode', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      /** The code lower-cased (functions/catalog/product-rules.ts codeClaimKey). */
      codeKey: { type: 'string', required: true, readOnly: true },
      productId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      /** The product holding a code. */
      byCode: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['codeKey'] } },
    },
  },
  entityConfig,
);
export type ProductCode = EntityItem<typeof ProductCodeEntity>;
