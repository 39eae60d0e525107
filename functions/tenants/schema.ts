import * as z from 'zod';
import { PLANS, TENANT_STATUSES } from '../shared/enums.js';
import { newUserFields } from '../users/schema.js';
import { pageQuery, text } from '../shared/validation.js';

/** `POST /v1/admin/tenants`. */
export const createTenantSchema = z.strictObject({
  name: text(120),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/,
      '3–40 lower-case letters, digits or dashes, not starting or ending with a dash',
    ),
  plan: z.enum(PLANS).default('starter'),
  owner: z.strictObject(newUserFields),
});
export type CreateTenantInput = z.infer<typeof createTenantSchema>;

/** `PATCH /v1/admin/tenants/{tenantId}`. */
export const updateTenantSchema = z
  .strictObject({
    name: text(120),
    plan: z.enum(PLANS),
    status: z.enum(TENANT_STATUSES),
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateTenantInput = z.infer<typeof updateTenantSchema>;

/** `GET /v1/admin/tenants` and a tenant's users. */
export const listTenantsSchema = z.strictObject(pageQuery);
