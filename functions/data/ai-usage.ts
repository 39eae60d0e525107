import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/** One tenant's AI consumption in one calendar month (UTC), kept with atomic ADDs. */
export const AiUsageEntity = new Entity(
  {
    model: { entity: 'aiUsage', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      /** `2026-11` */
      month: { type: 'string', required: true, readOnly: true },
      runs: { type: 'number', default: 0 },
      cacheHits: { type: 'number', default: 0 },
      inputTokens: { type: 'number', default: 0 },
      outputTokens: { type: 'number', default: 0 },
      /** Estimated cost in millionths of a US dollar: token prices are fractions of a cent. */
      costMicros: { type: 'number', default: 0 },
      /**
       * Spent plus reserved by calls in flight: a call reserves its worst-case cost here, under the
       * budget, before it is sent, and settles to its actual cost after. Absent on rows older than it.
       */
      committedMicros: { type: 'number' },
      updatedAt: { type: 'string' },
    },
    indexes: {
      /** A tenant's months, oldest first. */
      byTenant: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['month'] } },
      /** Every tenant's usage in one month: the platform admin's view. */
      byMonth: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['month'] },
        sk: { field: 'gsi1sk', composite: ['tenantId'] },
      },
    },
  },
  entityConfig,
);
export type AiUsage = EntityItem<typeof AiUsageEntity>;
