import { Entity, type EntityItem } from 'electrodb';
import { DEAL_STATUSES } from '../shared/enums.js';
import { SERVICE, entityConfig } from './client.js';

/** A tenant's sales pipeline: its stages in order, each with a win probability and a rotting limit. */
export const PipelineEntity = new Entity(
  {
    model: { entity: 'pipeline', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      pipelineId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      stages: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            stageId: { type: 'string', required: true },
            name: { type: 'string', required: true },
            order: { type: 'number', required: true },
            probabilityBps: { type: 'number', required: true },
            rottingDays: { type: 'number' },
            kind: { type: DEAL_STATUSES, required: true },
          },
        },
      },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One pipeline by id, and all of a tenant's pipelines (a handful) in id order. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['pipelineId'] } },
    },
  },
  entityConfig,
);
export type Pipeline = EntityItem<typeof PipelineEntity>;
export type PipelineStage = Pipeline['stages'][number];
