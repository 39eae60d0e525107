import { defaultDeps as deps } from '../shared/deps.js';
import { createApi, created, expectedVersion, noContent, ok, type TenantOperation } from '../shared/http.js';
import { parseInput } from '../shared/validation.js';
import { createContactSchema, listContactsSchema, updateContactSchema } from './schema.js';
import * as contacts from './service.js';

const list: TenantOperation = async (req) =>
  ok(
    await contacts.listContacts(
      req.ctx,
      req.params.companyId!,
      parseInput(listContactsSchema, req.query, 'query'),
      deps,
    ),
  );

const create: TenantOperation = async (req) =>
  created(
    await contacts.createContact(req.ctx, req.params.companyId!, parseInput(createContactSchema, req.body), deps),
  );

const get: TenantOperation = async (req) =>
  ok(contacts.toContactView(await contacts.getContact(req.ctx, req.params.contactId!, deps)));

const update: TenantOperation = async (req) => {
  const patch = parseInput(updateContactSchema, req.body);
  return ok(await contacts.updateContact(req.ctx, req.params.contactId!, patch, expectedVersion(req), deps));
};

const remove: TenantOperation = async (req) => {
  await contacts.deleteContact(req.ctx, req.params.contactId!, deps);
  return noContent();
};

export const handler = createApi('contacts', {
  'GET /v1/companies/{companyId}/contacts': list,
  'POST /v1/companies/{companyId}/contacts': create,
  'GET /v1/contacts/{contactId}': get,
  'PATCH /v1/contacts/{contactId}': update,
  'DELETE /v1/contacts/{contactId}': remove,
});
