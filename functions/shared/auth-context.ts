import type { Role } from '../../lib/manifest.js';
import { db } from '../data/service.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';

/** Who is calling, from a verified tenant-pool token and the records it points at. */
export interface TenantContext {
  kind: 'tenant';
  tenantId: string;
  userId: string;
  role: Role;
  email: string;
  name: string;
}

/** A platform admin, from a verified admin-pool token. */
export interface AdminContext {
  kind: 'admin';
  adminId: string;
  email: string;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * The tenant comes only from the token's `custom:tenantId`. The stored user supplies the role, so
 * a demotion or removal takes effect at once rather than when the token expires; a suspended
 * tenant's users are refused everywhere.
 */
export async function resolveTenantContext(claims: Claims): Promise<TenantContext> {
  const tenantId = claims['custom:tenantId'];
  const userId = claims.sub;
  if (typeof tenantId !== 'string' || !tenantId || typeof userId !== 'string') {
    throw new UnauthorizedError('This token does not belong to a tenant user');
  }
  const [tenant, user] = await Promise.all([
    db.entities.tenant.get({ tenantId }).go(),
    db.entities.user.get({ tenantId, userId }).go(),
  ]);
  if (!tenant.data || !user.data) throw new ForbiddenError('Your account no longer has access');
  if (tenant.data.status === 'suspended') {
    throw new ForbiddenError(`${tenant.data.name} is suspended; contact Quoteflow support`);
  }
  return {
    kind: 'tenant',
    tenantId,
    userId,
    role: user.data.role,
    email: user.data.email,
    name: user.data.name,
  };
}

/** Any user of the admin pool is a platform admin. */
export function resolveAdminContext(claims: Claims): AdminContext {
  if (typeof claims.sub !== 'string') throw new UnauthorizedError();
  return { kind: 'admin', adminId: claims.sub, email: String(claims.email ?? '') };
}
