import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { STAGES } from '../shared/enums.js';

/** A company the tenant sells to, from first discovery to customer. */
export const CompanyEntity = new Entity(
  {
    model: { entity: 'company', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      domain: { type: 'string' },
      companyNumber: { type: 'string' },
      stage: { type: STAGES, required: true },
      industry: { type: 'string' },
      addresses: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            type: { type: 'string' },
            line1: { type: 'string' },
            line2: { type: 'string' },
            city: { type: 'string' },
            region: { type: 'string' },
            postcode: { type: 'string' },
            country: { type: 'string' },
          },
        },
      },
      tags: { type: 'list', items: { type: 'string' } },
      /** '' when nobody owns the company: the byOwner index needs the attribute on every write to decide it has no keys. */
      ownerId: { type: 'string', default: '' },
      knownFacts: { type: 'list', items: { type: 'string' } },
      leadScore: { type: 'number' },
      healthScore: { type: 'number' },
      /** The latest successful AI analysis, when there is one. */
      lastAnalysisRunId: { type: 'string' },
      lastAnalysedAt: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One company by id. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['companyId'] } },
      /** All of a tenant's companies A→Z; keys are lower-cased, so a name prefix search is case-insensitive. */
      byName: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'] },
        sk: { field: 'gsi1sk', composite: ['name', 'companyId'] },
      },
      /** One stage's companies A→Z, with the same prefix search. */
      byStage: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'stage'] },
        sk: { field: 'gsi2sk', composite: ['name', 'companyId'] },
      },
      /**
       * One owner's companies A→Z (`?owner=`), with the same prefix search. Sparse: a company
       * without an owner has no keys here (and a put that clears the owner removes them). Every
       * company write is a whole-item put, so the keys follow the owner.
       */
      byOwner: {
        index: 'gsi3',
        condition: (attr) => !!attr.ownerId,
        pk: { field: 'gsi3pk', composite: ['tenantId', 'ownerId'] },
        sk: { field: 'gsi3sk', composite: ['name', 'companyId'] },
      },
    },
  },
  entityConfig,
);
export type Company = EntityItem<typeof CompanyEntity>;
