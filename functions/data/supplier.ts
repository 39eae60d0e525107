import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/** Someone the tenant buys from: products naming it are priced at cost plus its markup. */
export const SupplierEntity = new Entity(
  {
    model: { entity: 'supplier', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      supplierId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      /** The name folded (functions/search/normalise.ts): the list's order. */
      nameKey: { type: 'string', required: true },
      email: { type: 'string' },
      markupBps: { type: 'number', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One supplier by id. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['supplierId'] } },
      /** A tenant's suppliers A→Z: the list. */
      byName: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'] },
        sk: { field: 'gsi1sk', composite: ['nameKey', 'supplierId'] },
      },
    },
  },
  entityConfig,
);
export type Supplier = EntityItem<typeof SupplierEntity>;
