import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { ACTIVITY_TYPES } from '../shared/enums.js';

/** Something a seller did with a company: a call, an email, a meeting, a note. */
export const ActivityEntity = new Entity(
  {
    model: { entity: 'activity', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      activityId: { type: 'string', required: true, readOnly: true },
      type: { type: ACTIVITY_TYPES, required: true },
      subject: { type: 'string', required: true },
      body: { type: 'string' },
      contactId: { type: 'string' },
      occurredAt: { type: 'string', required: true },
      durationMinutes: { type: 'number' },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      createdByName: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string' },
      updatedBy: { type: 'string' },
      /** Optimistic concurrency for edits; activities logged before edits existed have none (read as 1). */
      version: { type: 'number' },
    },
    indexes: {
      /** A company's activities by when they happened (ISO times sort as strings). */
      byCompany: {
        pk: { field: 'pk', composite: ['tenantId', 'companyId'] },
        sk: { field: 'sk', composite: ['occurredAt', 'activityId'] },
      },
      /** One activity by id, for `PATCH|DELETE /v1/activities/{activityId}`, which name no company. */
      byId: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'activityId'] },
        sk: { field: 'gsi1sk', composite: [] },
      },
      /** The whole tenant's activities by when they happened: the dashboard's recent activity. */
      byTenantRecent: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId'] },
        sk: { field: 'gsi2sk', composite: ['occurredAt', 'activityId'] },
      },
    },
  },
  entityConfig,
);
export type Activity = EntityItem<typeof ActivityEntity>;
