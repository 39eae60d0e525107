import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/**
 * A key that signs tokens (quote links, email tracking, unsubscribe), stored sealed by the
 * secret box. `scope` is `platform` (tests use their own); a retired key no longer verifies.
 */
export const SigningKeyEntity = new Entity(
  {
    model: { entity: 'signingKey', version: '1', service: SERVICE },
    attributes: {
      scope: { type: 'string', required: true, readOnly: true },
      keyId: { type: 'string', required: true, readOnly: true },
      sealed: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      retiredAt: { type: 'string' },
    },
    indexes: {
      /** The keys of one scope. */
      byScope: { pk: { field: 'pk', composite: ['scope'] }, sk: { field: 'sk', composite: ['keyId'] } },
    },
  },
  entityConfig,
);
export type SigningKeyRecord = EntityItem<typeof SigningKeyEntity>;
