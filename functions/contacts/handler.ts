import { defaultDeps as deps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { eraseContact } from './erase.js';
import { contactsApi } from './contract.js';
import { listAllContacts } from './directory.js';
import * as contacts from './service.js';

export const handler = createApi(contactsApi, {
  listAll: ({ ctx, query }) => listAllContacts(ctx, query, deps),
  list: ({ ctx, params, query }) => contacts.listContacts(ctx, params.companyId, query, deps),
  create: ({ ctx, params, body }) => contacts.createContact(ctx, params.companyId, body, deps),
  get: async ({ ctx, params }) => contacts.toContactView(await contacts.getContact(ctx, params.contactId, deps)),
  update: ({ ctx, params, body, version }) => contacts.updateContact(ctx, params.contactId, body, version, deps),
  erase: ({ ctx, params }) => eraseContact(ctx, params.contactId, deps),
  remove: ({ ctx, params }) => contacts.deleteContact(ctx, params.contactId, deps),
});
