import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { EXPORT_KINDS } from '../shared/enums.js';

/** An export too large to answer at once (or a whole-workspace export): written by the export queue. */
export const ExportJobEntity = new Entity(
  {
    model: { entity: 'exportJob', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      exportId: { type: 'string', required: true, readOnly: true },
      kind: { type: EXPORT_KINDS, required: true, readOnly: true },
      /** The list filters, as the list route takes them (JSON). */
      filters: { type: 'string', required: true, readOnly: true },
      status: { type: ['running', 'done', 'failed'] as const, required: true },
      rows: { type: 'number' },
      /** The file in the documents bucket, once written. */
      key: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      /** One export by id (GET /v1/exports/{exportId}). */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['exportId'] } },
    },
  },
  entityConfig,
);
export type ExportJob = EntityItem<typeof ExportJobEntity>;
