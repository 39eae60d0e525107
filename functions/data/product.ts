import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig, moneyAttribute } from './client.js';

/** A product or service the tenant sells: its code, unit, price, cost and default tax rate. */
export const ProductEntity = new Entity(
  {
    model: { entity: 'product', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      productId: { type: 'string', required: true, readOnly: true },
      /** As typed; unique per tenant whatever its case (functions/data/product-code.ts holds the claim). */
      code: { type: 'string', required: true },
      /** The code folded (lower case, accents dropped): the list's order and the `?q=` code prefix. */
      codeKey: { type: 'string', required: true },
      name: { type: 'string', required: true },
      /** The name folded the same way: the `?q=` name prefix. */
      nameKey: { type: 'string', required: true },
      description: { type: 'string' },
      category: { type: 'string' },
      /** The category folded; '' without one: the sparse byCategory index needs the attribute on every write to decide it has no keys. */
      categoryKey: { type: 'string', default: '' },
      unit: { type: 'string', required: true },
      unitPrice: { ...moneyAttribute, required: true },
      costPrice: moneyAttribute,
      taxRateBps: { type: 'number', required: true },
      supplierId: { type: 'string' },
      active: { type: 'boolean', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One product by id. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['productId'] } },
      /** All of a tenant's products by code: the list, and `?q=` as a code prefix (a begins). */
      byCode: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'] },
        sk: { field: 'gsi1sk', composite: ['codeKey', 'productId'] },
      },
      /** All of a tenant's products by name: `?q=` as a name prefix (a begins). */
      byName: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId'] },
        sk: { field: 'gsi2sk', composite: ['nameKey', 'productId'] },
      },
      /**
       * One category's products by code (`?category=`). Sparse: a product without a category has
       * no keys here; every product write is a whole-item put, so the keys follow the category.
       */
      byCategory: {
        index: 'gsi3',
        condition: (attr) => !!attr.categoryKey,
        pk: { field: 'gsi3pk', composite: ['tenantId', 'categoryKey'] },
        sk: { field: 'gsi3sk', composite: ['codeKey', 'productId'] },
      },
    },
  },
  entityConfig,
);
export type Product = EntityItem<typeof ProductEntity>;
