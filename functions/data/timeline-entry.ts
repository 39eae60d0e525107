import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';

/** One change to a company or its contacts: who, when, what changed. */
export const TimelineEntryEntity = new Entity(
  {
    model: { entity: 'timelineEntry', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      entryId: { type: 'string', required: true, readOnly: true },
      at: { type: 'string', required: true },
      actorId: { type: 'string', required: true },
      actorName: { type: 'string', required: true },
      action: { type: ['created', 'updated', 'deleted'] as const, required: true },
      subjectType: { type: ['company', 'contact'] as const, required: true },
      subjectId: { type: 'string', required: true },
      subjectName: { type: 'string', required: true },
      changes: {
        type: 'list',
        items: {
          type: 'map',
          properties: { field: { type: 'string', required: true }, from: { type: 'any' }, to: { type: 'any' } },
        },
      },
    },
    indexes: {
      /** A company's history; entry ids are ULIDs, so they sort by time. */
      byCompany: {
        pk: { field: 'pk', composite: ['tenantId', 'companyId'] },
        sk: { field: 'sk', composite: ['entryId'] },
      },
    },
  },
  entityConfig,
);
export type TimelineEntry = EntityItem<typeof TimelineEntryEntity>;
