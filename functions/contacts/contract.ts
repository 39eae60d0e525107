import * as z from 'zod';
import { defineContract, idParams, MANAGE_USERS, noContent, page, READ, WRITE } from '../shared/contract.js';
import { CONTACT_ROLES, EMAIL_TYPES, PHONE_TYPES, STAGES } from '../shared/enums.js';
import { createContactSchema, listAllContactsSchema, listContactsSchema, updateContactSchema } from './schema.js';

/** A person at a company, as the API returns them. */
export const contactView = z
  .object({
    contactId: z.string(),
    companyId: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    jobTitle: z.string().optional(),
    role: z.enum(CONTACT_ROLES),
    emails: z.array(z.object({ address: z.string(), type: z.enum(EMAIL_TYPES), primary: z.boolean() })),
    phones: z.array(z.object({ number: z.string(), type: z.enum(PHONE_TYPES), primary: z.boolean() })),
    notes: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Contact' });
export type ContactView = z.output<typeof contactView>;

/** A contact in the list across companies: with the company's name and stage. */
export const contactListItem = contactView
  .extend({ companyName: z.string(), companyStage: z.enum(STAGES) })
  .meta({ id: 'ContactListItem' });
export type ContactListItem = z.output<typeof contactListItem>;

const company = idParams('companyId');
const contact = idParams('contactId');

/** The people at a company. */
export const contactsApi = defineContract('contacts', {
  listAll: {
    method: 'GET',
    path: '/v1/contacts',
    auth: 'tenant',
    roles: READ,
    summary:
      'Contacts across companies, newest first, each with its company’s name and stage; by role, company stage, company owner or words (`q`)',
    query: listAllContactsSchema,
    response: page(contactListItem),
  },
  list: {
    method: 'GET',
    path: '/v1/companies/{companyId}/contacts',
    auth: 'tenant',
    roles: READ,
    summary: 'A company’s contacts',
    params: company,
    query: listContactsSchema,
    response: page(contactView),
  },
  create: {
    method: 'POST',
    path: '/v1/companies/{companyId}/contacts',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Add a contact to a company',
    params: company,
    body: createContactSchema,
    response: contactView,
    status: 201,
  },
  get: {
    method: 'GET',
    path: '/v1/contacts/{contactId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One contact',
    params: contact,
    response: contactView,
  },
  update: {
    method: 'PATCH',
    path: '/v1/contacts/{contactId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Change some of a contact’s fields; `null` clears an optional one',
    params: contact,
    body: updateContactSchema,
    response: contactView,
    versioned: true,
  },
  remove: {
    method: 'DELETE',
    path: '/v1/contacts/{contactId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Delete a contact',
    params: contact,
    response: noContent,
    status: 204,
  },
  erase: {
    method: 'POST',
    path: '/v1/contacts/{contactId}/erase',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary:
      'Erase a contact everywhere (GDPR): the contact, its search entries, its name on activities and in the history, and their name, emails and phones in the free text of their company (activities, tasks, notifications, AI analyses: "[erased contact]"); the timeline keeps only "a contact was erased". Safe to repeat after a failure',
    params: contact,
    response: noContent,
    status: 204,
  },
});
