import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/** A tenant's AI preferences; absent means the defaults (see functions/settings/service.ts). */
export const AiSettingsEntity = new Entity(
  {
    model: { entity: 'aiSettings', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      /** Monthly spending cap in US cents; new runs stop once the month's estimated cost reaches it. */
      monthlyBudgetCents: { type: 'number', required: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      /** For If-Match; absent on rows older than it, which count as version 1 (as do the defaults). */
      version: { type: 'number' },
    },
    indexes: {
      /** The one settings row of a tenant. */
      byTenant: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  entityConfig,
);
export type AiSettings = EntityItem<typeof AiSettingsEntity>;
