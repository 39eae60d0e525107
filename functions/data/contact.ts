import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { CONTACT_ROLES, EMAIL_TYPES, PHONE_TYPES } from '../shared/enums.js';

/** A person at a company. */
export const ContactEntity = new Entity(
  {
    model: { entity: 'contact', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      contactId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      firstName: { type: 'string', required: true },
      lastName: { type: 'string', required: true },
      jobTitle: { type: 'string' },
      role: { type: CONTACT_ROLES, required: true },
      emails: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            address: { type: 'string', required: true },
            type: { type: EMAIL_TYPES, required: true },
            primary: { type: 'boolean', required: true },
          },
        },
      },
      phones: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            number: { type: 'string', required: true },
            type: { type: PHONE_TYPES, required: true },
            primary: { type: 'boolean', required: true },
          },
        },
      },
      notes: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One contact by id. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['contactId'] } },
      /** A company's contacts by surname. */
      byCompany: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'companyId'] },
        sk: { field: 'gsi1sk', composite: ['lastName', 'firstName', 'contactId'] },
      },
    },
  },
  entityConfig,
);
export type Contact = EntityItem<typeof ContactEntity>;
