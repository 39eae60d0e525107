import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/**
 * What is left of a deleted company: written in the transaction that removes the company, so the
 * company is gone from every read at once, and kept after its children are purged as the minimal
 * record of who deleted what, and when (its deletion timeline entry is spared by the purge).
 */
export const CompanyTombstoneEntity = new Entity(
  {
    model: { entity: 'companyTombstone', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true, readOnly: true },
      deletedAt: { type: 'string', required: true, readOnly: true },
      deletedBy: { type: 'string', required: true, readOnly: true },
      /** The timeline entry recording the deletion, which the purge leaves in place. */
      deletionEntryId: { type: 'string', required: true, readOnly: true },
      /** Set when the company was merged into another (functions/merges): never purged, an undo restores it. */
      mergeId: { type: 'string', readOnly: true },
      /** Set when the last child is gone. */
      purgedAt: { type: 'string' },
    },
    indexes: {
      /** One deleted company by id. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['companyId'] } },
    },
  },
  entityConfig,
);
export type CompanyTombstone = EntityItem<typeof CompanyTombstoneEntity>;

/**
 * A purge not yet finished (the outbox of the company-purge queue): written with the tombstone,
 * removed with the last child, so a purge whose message was never sent, or was lost, is found
 * and queued again (resumeCompanyPurges). Kept apart from the tombstones so finding the
 * unfinished ones reads only those.
 */
export const CompanyPurgeEntity = new Entity(
  {
    model: { entity: 'companyPurge', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      requestedAt: { type: 'string', required: true, readOnly: true },
      /** When a message for it was last queued. */
      queuedAt: { type: 'string' },
    },
    indexes: {
      /** A tenant's unfinished purges. */
      byTenant: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['companyId'] } },
    },
  },
  entityConfig,
);
export type CompanyPurge = EntityItem<typeof CompanyPurgeEntity>;
