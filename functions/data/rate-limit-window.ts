import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/** Requests one caller made to one public route in one fixed window; expires with the window. */
export const RateLimitWindowEntity = new Entity(
  {
    model: { entity: 'rateLimitWindow', version: '1', service: SERVICE },
    attributes: {
      /** `<route key> <caller>`: the limit is per route and per caller. */
      scope: { type: 'string', required: true, readOnly: true },
      windowStart: { type: 'number', required: true, readOnly: true },
      count: { type: 'number', required: true },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      /** One caller's window on one route. */
      byWindow: { pk: { field: 'pk', composite: ['scope', 'windowStart'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  entityConfig,
);
export type RateLimitWindow = EntityItem<typeof RateLimitWindowEntity>;
