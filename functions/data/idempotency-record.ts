import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/** The first response to a write sent with an Idempotency-Key, replayed for repeats for 24 h. */
export const IdempotencyRecordEntity = new Entity(
  {
    model: { entity: 'idempotencyRecord', version: '1', service: SERVICE },
    attributes: {
      scope: { type: 'string', required: true, readOnly: true },
      key: { type: 'string', required: true, readOnly: true },
      requestHash: { type: 'string', required: true },
      status: { type: ['pending', 'done'] as const, required: true },
      /** Random per claim: a request completes or releases only the claim it made. */
      claimToken: { type: 'string' },
      lockExpiresAt: { type: 'number' },
      statusCode: { type: 'number' },
      body: { type: 'string' },
      headers: { type: 'any' },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      /** One key within a tenant (or the platform scope); `key` is a digest of user, route and the client's key. */
      byKey: { pk: { field: 'pk', composite: ['scope', 'key'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  entityConfig,
);
export type IdempotencyRecord = EntityItem<typeof IdempotencyRecordEntity>;
