import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/** A provider answer kept by the hash of its exact input, so identical requests are not paid twice. */
export const AiCacheEntryEntity = new Entity(
  {
    model: { entity: 'aiCacheEntry', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      inputHash: { type: 'string', required: true, readOnly: true },
      provider: { type: 'string', required: true },
      model: { type: 'string', required: true },
      output: { type: 'any', required: true },
      inputTokens: { type: 'number', required: true },
      outputTokens: { type: 'number', required: true },
      createdAt: { type: 'string', required: true },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      /** One cached answer. */
      byHash: { pk: { field: 'pk', composite: ['tenantId', 'inputHash'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  entityConfig,
);
export type AiCacheEntry = EntityItem<typeof AiCacheEntryEntity>;
