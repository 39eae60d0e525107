import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/**
 * One normalised word of one searchable record (functions/search/tokens.ts), written in the
 * same transaction as the record. The sort key starts with the token, so a word prefix is one
 * Query on the tenant's partition; title and subtitle are copied so results need no second read.
 */
export const SearchTokenEntity = new Entity(
  {
    model: { entity: 'searchToken', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      token: { type: 'string', required: true, readOnly: true },
      kind: { type: ['company', 'contact', 'deal', 'quote'] as const, required: true, readOnly: true },
      recordId: { type: 'string', required: true, readOnly: true },
      /** 2 when the word is in the record's name, 1 when in its domain, email or phone. */
      weight: { type: 'number', required: true },
      title: { type: 'string', required: true },
      subtitle: { type: 'string' },
      /** The company a contact (or deal) belongs to, so a hit links to its page without a second read. */
      companyId: { type: 'string' },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      /** A tenant's tokens by word: `begins(token)` finds every record with a word starting so. */
      byToken: {
        pk: { field: 'pk', composite: ['tenantId'] },
        sk: { field: 'sk', composite: ['token', 'kind', 'recordId'] },
      },
    },
  },
  entityConfig,
);
export type SearchToken = EntityItem<typeof SearchTokenEntity>;
