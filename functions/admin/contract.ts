import * as z from 'zod';
import { defineContract, idParams, page } from '../shared/contract.js';
import { PLANS, TENANT_STATUSES } from '../shared/enums.js';
import { createTenantSchema, listTenantsSchema, updateTenantSchema } from '../tenants/schema.js';
import { userView } from '../users/contract.js';
import { adminUpdateUserSchema } from '../users/schema.js';

/** A workspace as the platform admin sees it. */
export const tenantView = z
  .object({
    tenantId: z.string(),
    name: z.string(),
    slug: z.string(),
    plan: z.enum(PLANS),
    status: z.enum(TENANT_STATUSES),
    ownerEmail: z.string(),
    ownerCount: z.number().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Tenant' });
export type TenantView = z.output<typeof tenantView>;

const tenant = idParams('tenantId');
const tenantUser = idParams('tenantId', 'userId');

/** Platform admin: workspaces and their users. */
export const adminApi = defineContract('admin', {
  createTenant: {
    method: 'POST',
    path: '/v1/admin/tenants',
    auth: 'admin',
    summary: 'Create a workspace and invite its owner',
    body: createTenantSchema,
    response: tenantView,
    status: 201,
  },
  listTenants: {
    method: 'GET',
    path: '/v1/admin/tenants',
    auth: 'admin',
    summary: 'Every workspace, oldest first',
    query: listTenantsSchema,
    response: page(tenantView),
  },
  getTenant: {
    method: 'GET',
    path: '/v1/admin/tenants/{tenantId}',
    auth: 'admin',
    summary: 'One workspace',
    params: tenant,
    response: tenantView,
  },
  updateTenant: {
    method: 'PATCH',
    path: '/v1/admin/tenants/{tenantId}',
    auth: 'admin',
    summary: 'Rename a workspace, change its plan, suspend or reactivate it',
    params: tenant,
    body: updateTenantSchema,
    response: tenantView,
    versioned: true,
  },
  listTenantUsers: {
    method: 'GET',
    path: '/v1/admin/tenants/{tenantId}/users',
    auth: 'admin',
    summary: 'A workspace’s users, for support',
    params: tenant,
    query: listTenantsSchema,
    response: page(userView),
  },
  updateTenantUser: {
    method: 'PATCH',
    path: '/v1/admin/tenants/{tenantId}/users/{userId}',
    auth: 'admin',
    summary: 'Change a workspace user’s role, for support (e.g. give an ownerless workspace an owner)',
    params: tenantUser,
    body: adminUpdateUserSchema,
    response: userView,
    versioned: true,
  },
});
