import { Entity, type EntityItem } from 'electrodb';
import { DEAL_STATUSES } from '../shared/enums.js';
import { SERVICE, entityConfig } from './client.js';

/** A sale in progress with one company: its value, close date and place in a pipeline. */
export const DealEntity = new Entity(
  {
    model: { entity: 'deal', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      dealId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      contactIds: { type: 'list', items: { type: 'string' } },
      ownerId: { type: 'string', required: true },
      value: {
        type: 'map',
        required: true,
        properties: { amount: { type: 'number', required: true }, currency: { type: 'string', required: true } },
      },
      /** YYYY-MM-DD. */
      expectedCloseDate: { type: 'string', required: true },
      /** Overrides the stage's probability when set. */
      probabilityBps: { type: 'number' },
      pipelineId: { type: 'string', required: true },
      stageId: { type: 'string', required: true },
      /** Follows the stage's kind. */
      status: { type: DEAL_STATUSES, required: true },
      lostReason: { type: 'string' },
      source: { type: 'string' },
      /** The quote whose total the deal's value follows (its first quote; functions/quotes/deal-value.ts). */
      primaryQuoteId: { type: 'string' },
      stageChangedAt: { type: 'string', required: true },
      /** When it was won or lost. */
      closedAt: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One deal by id. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['dealId'] } },
      /** A company's deals, oldest first (ids are ULIDs): its Deals tab, and the company purge. */
      byCompany: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'companyId'] },
        sk: { field: 'gsi1sk', composite: ['dealId'] },
      },
      /**
       * A pipeline's deals by stage then close date: the board (`?pipelineId=`, `&stageId=` a
       * begins), and the check that a stage is empty before it is removed. Every deal write is a
       * whole-item put, so the keys follow a stage move.
       */
      byPipeline: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'pipelineId'] },
        sk: { field: 'gsi2sk', composite: ['stageId', 'expectedCloseDate', 'dealId'] },
      },
      /** All of a tenant's deals by expected close date: the list, `?closeMonth=` (a begins) and the forecast (a range). */
      byCloseDate: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['tenantId'] },
        sk: { field: 'gsi3sk', composite: ['expectedCloseDate', 'dealId'] },
      },
    },
  },
  entityConfig,
);
export type Deal = EntityItem<typeof DealEntity>;
