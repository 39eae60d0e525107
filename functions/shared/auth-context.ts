import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../shared/enums.js';
import { documentClient } from '../data/client.js';
import { db } from '../data/service.js';
import { ServiceUnavailableError } from './aws-errors.js';
import { ForbiddenError, MfaRequiredError, UnauthorizedError } from './errors.js';

/** Who is calling, from a verified tenant-pool token and the records it points at. */
export interface TenantContext {
  kind: 'tenant';
  tenantId: string;
  userId: string;
  role: Role;
  email: string;
  name: string;
  /** The workspace requires TOTP of everyone (absent in contexts built outside a request: seeds, tests). */
  mfaRequired?: boolean;
  /** This user has TOTP set up, as last read from the user pool. */
  mfaEnabled?: boolean;
}

/** A platform admin, from a verified admin-pool token. */
export interface AdminContext {
  kind: 'admin';
  adminId: string;
  email: string;
}

/** A caller without an account (an email recipient, a customer opening a quote link). */
export interface PublicContext {
  kind: 'public';
  sourceIp: string;
  userAgent: string;
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
  const { tenant, user } = await getTenantAndUser(tenantId, userId);
  if (!tenant || !user) throw new ForbiddenError('Your account no longer has access');
  if (issuedBefore(claims.iat, user.sessionsValidAfter)) {
    throw new UnauthorizedError('You signed out of all devices; sign in again');
  }
  if (tenant.status === 'suspended') {
    throw new ForbiddenError(`${tenant.name} is suspended; contact Quoteflow support`);
  }
  return {
    kind: 'tenant',
    tenantId,
    userId,
    role: user.role,
    email: user.email,
    name: user.name,
    mfaRequired: tenant.mfaRequired === true,
    mfaEnabled: user.mfaEnabled === true,
  };
}

/**
 * Whether a token was issued before the user's last "sign out of all devices" (`validAfter` is a
 * whole second after it: users/profile.ts). API Gateway hands claims over as strings.
 */
function issuedBefore(iat: unknown, validAfter: number | undefined): boolean {
  if (validAfter === undefined) return false;
  const issued = Number(iat);
  return !Number.isFinite(issued) || issued < validAfter;
}

/**
 * A workspace that requires MFA lets a user without TOTP reach only the routes that set it up.
 * The stored flags come from the access check's read, so this costs no extra call.
 */
export function assertMfaSatisfied(ctx: TenantContext, route: { mfaSetup?: boolean }): void {
  if (ctx.mfaRequired && !ctx.mfaEnabled && !route.mfaSetup) throw new MfaRequiredError();
}

/** Both records in one BatchGetItem: this runs before every tenant request. */
async function getTenantAndUser(tenantId: string, userId: string) {
  const tenantGet = db.entities.tenant.get({ tenantId }).params<{ Key: Record<string, string>; TableName: string }>();
  const userGet = db.entities.user.get({ tenantId, userId }).params<{ Key: Record<string, string> }>();
  const result = await documentClient.send(
    new BatchGetCommand({
      RequestItems: { [tenantGet.TableName]: { Keys: [tenantGet.Key, userGet.Key], ConsistentRead: true } },
    }),
  );
  // Keys come back unprocessed only under throttling (after the SDK's retries): the caller may retry.
  if (Object.keys(result.UnprocessedKeys ?? {}).length > 0) throw new ServiceUnavailableError();
  const items = result.Responses?.[tenantGet.TableName] ?? [];
  const find = (key: Record<string, string>) => items.find((i) => i.pk === key.pk && i.sk === key.sk);
  const tenantItem = find(tenantGet.Key);
  const userItem = find(userGet.Key);
  return {
    tenant: tenantItem ? db.entities.tenant.parse({ Item: tenantItem }).data : null,
    user: userItem ? db.entities.user.parse({ Item: userItem }).data : null,
  };
}

/** Any user of the admin pool is a platform admin. */
export function resolveAdminContext(claims: Claims): AdminContext {
  if (typeof claims.sub !== 'string') throw new UnauthorizedError();
  return { kind: 'admin', adminId: claims.sub, email: String(claims.email ?? '') };
}
