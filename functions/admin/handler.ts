import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { sendEmail } from '../shared/mailer.js';
import * as tenants from '../tenants/service.js';
import { cognitoIdentity } from '../users/identity.js';
import { adminUpdateUser, type UserDeps } from '../users/service.js';
import { adminApi } from './contract.js';

const deps: UserDeps = { ...defaultDeps, identity: cognitoIdentity, sendEmail };

export const handler = createApi(adminApi, {
  createTenant: ({ ctx, body }) => tenants.createTenant(ctx, body, deps),
  listTenants: ({ query }) => tenants.listTenants(query, deps),
  getTenant: ({ params }) => tenants.getTenant(params.tenantId, deps),
  updateTenant: ({ params, body, version }) => tenants.updateTenant(params.tenantId, body, version, deps),
  listTenantUsers: ({ params, query }) => tenants.listTenantUsers(params.tenantId, query, deps),
  updateTenantUser: ({ params, body, version }) => adminUpdateUser(params.tenantId, params.userId, body, version, deps),
});
