import { defaultDeps } from '../shared/deps.js';
import { createApi, created, expectedVersion, ok, type AdminOperation } from '../shared/http.js';
import { sendEmail } from '../shared/mailer.js';
import { parseInput } from '../shared/validation.js';
import { createTenantSchema, listTenantsSchema, updateTenantSchema } from '../tenants/schema.js';
import * as tenants from '../tenants/service.js';
import { cognitoIdentity } from '../users/identity.js';
import type { UserDeps } from '../users/service.js';

const deps: UserDeps = { ...defaultDeps, identity: cognitoIdentity, sendEmail };

const create: AdminOperation = async (req) =>
  created(await tenants.createTenant(req.ctx, parseInput(createTenantSchema, req.body), deps));

const list: AdminOperation = async (req) =>
  ok(await tenants.listTenants(parseInput(listTenantsSchema, req.query, 'query'), deps));

const get: AdminOperation = async (req) => ok(await tenants.getTenant(req.params.tenantId!, deps));

const update: AdminOperation = async (req) => {
  const patch = parseInput(updateTenantSchema, req.body);
  return ok(await tenants.updateTenant(req.params.tenantId!, patch, expectedVersion(req), deps));
};

const users: AdminOperation = async (req) =>
  ok(await tenants.listTenantUsers(req.params.tenantId!, parseInput(listTenantsSchema, req.query, 'query'), deps));

export const handler = createApi('admin', {
  'POST /v1/admin/tenants': create,
  'GET /v1/admin/tenants': list,
  'GET /v1/admin/tenants/{tenantId}': get,
  'PATCH /v1/admin/tenants/{tenantId}': update,
  'GET /v1/admin/tenants/{tenantId}/users': users,
});
