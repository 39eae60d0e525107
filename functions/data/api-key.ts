import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { KEY_PROVIDERS } from '../shared/enums.js';

/** A provider API key, encrypted; `scope` is `platform` or a tenant id. Only `last4` is ever shown. */
export const ApiKeyEntity = new Entity(
  {
    model: { entity: 'apiKey', version: '1', service: SERVICE },
    attributes: {
      scope: { type: 'string', required: true, readOnly: true },
      provider: { type: KEY_PROVIDERS, required: true, readOnly: true },
      sealed: { type: 'string', required: true },
      last4: { type: 'string', required: true },
      setAt: { type: 'string', required: true },
      setBy: { type: 'string', required: true },
    },
    indexes: {
      /** The keys of one scope, by provider. */
      byScope: { pk: { field: 'pk', composite: ['scope'] }, sk: { field: 'sk', composite: ['provider'] } },
    },
  },
  entityConfig,
);
export type ApiKey = EntityItem<typeof ApiKeyEntity>;
