import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/**
 * One tenant's token bucket for one limit (the API, an external provider), as GCRA keeps it: a
 * single time. The key is the tenant's own partition, so tenant-scoped credentials (IAM
 * `dynamodb:LeadingKeys` on the tenant's key prefix) reach it like any other tenant item. A missing
 * item is a full bucket, so idle buckets simply expire.
 */
export const TokenBucketEntity = new Entity(
  {
    model: { entity: 'tokenBucket', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      /** Which limit: `api`, `companiesHouse`, `openai` (functions/shared/limits.ts). */
      bucket: { type: 'string', required: true, readOnly: true },
      /** Epoch ms at which the bucket is full again; each token taken pushes it one interval later. */
      fullAt: { type: 'number', required: true },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      /** One tenant's bucket for one limit. */
      byBucket: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['bucket'] } },
    },
  },
  entityConfig,
);
export type TokenBucket = EntityItem<typeof TokenBucketEntity>;
