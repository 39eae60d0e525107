import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { PLANS, TENANT_STATUSES } from '../shared/enums.js';

/** A customer organisation of the platform (platform scope). */
export const TenantEntity = new Entity(
  {
    model: { entity: 'tenant', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      slug: { type: 'string', required: true, readOnly: true },
      plan: { type: PLANS, required: true },
      status: { type: TENANT_STATUSES, required: true, default: 'active' },
      ownerEmail: { type: 'string', required: true },
      /**
       * How many users are owners, kept in the transaction of every write that changes it and
       * conditioned (> 1) on every demotion or removal of an owner. Tenants stored before it
       * existed get it derived on first use (users/service.ts ensureOwnerCount).
       */
      ownerCount: { type: 'number' },
      /** The owner requires TOTP of everyone (GET/PATCH /v1/settings/security); absent means not. */
      mfaRequired: { type: 'boolean' },
      /** Default ISO 4217 currency of new deals and quotes (GET/PATCH /v1/settings/workspace); absent means GBP. */
      currency: { type: 'string' },
      /** How the workspace's quote PDFs look (GET/PUT /v1/settings/branding); absent until first saved. */
      branding: {
        type: 'map',
        properties: {
          accentColour: { type: 'string' },
          addressLines: { type: 'list', items: { type: 'string' } },
          footerTerms: { type: 'string' },
          /** The adopted logo in the documents bucket: `branding/{tenantId}/logo/{uploadKey}`, never re-uploadable. */
          logoKey: { type: 'string' },
          logoType: { type: 'string' },
          logoBytes: { type: 'number' },
        },
      },
      /** When a quote needs an approver (GET/PUT /v1/settings/quote-approval); absent: the default rules. */
      quoteApproval: {
        type: 'map',
        properties: {
          maxLineDiscountBps: { type: 'number', required: true },
          maxTotal: {
            type: 'list',
            items: {
              type: 'map',
              properties: {
                amount: { type: 'number', required: true },
                currency: { type: 'string', required: true },
              },
            },
          },
        },
      },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One tenant by id. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: [] } },
      /** Every tenant, oldest first: the platform admin's list. */
      all: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: [] },
        sk: { field: 'gsi1sk', composite: ['createdAt', 'tenantId'] },
      },
    },
  },
  entityConfig,
);
export type Tenant = EntityItem<typeof TenantEntity>;

/** Claims a slug so two tenants can never share one (written in the tenant's transaction). */
export const TenantSlugEntity = new Entity(
  {
    model: { entity: 'tenantSlug', version: '1', service: SERVICE },
    attributes: {
      slug: { type: 'string', required: true },
      tenantId: { type: 'string', required: true },
    },
    indexes: {
      /** The tenant holding a slug. */
      bySlug: { pk: { field: 'pk', composite: ['slug'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  entityConfig,
);
