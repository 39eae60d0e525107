import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig, moneyAttribute } from './client.js';

const money = { ...moneyAttribute, required: true } as const;

/** A day-rate card: what each role costs a customer by the day and the hour, and its multipliers. */
export const RateCardEntity = new Entity(
  {
    model: { entity: 'rateCard', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      rateCardId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      /** The name folded (functions/search/normalise.ts): the list's order. */
      nameKey: { type: 'string', required: true },
      currency: { type: 'string', required: true },
      roles: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            role: { type: 'string', required: true },
            dayRate: money,
            hourRate: money,
            overtimeMultiplierBps: { type: 'number', required: true },
            travelMultiplierBps: { type: 'number', required: true },
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
      /** One rate card by id. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['rateCardId'] } },
      /** A tenant's rate cards A→Z: the list. */
      byName: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'] },
        sk: { field: 'gsi1sk', composite: ['nameKey', 'rateCardId'] },
      },
    },
  },
  entityConfig,
);
export type RateCard = EntityItem<typeof RateCardEntity>;
