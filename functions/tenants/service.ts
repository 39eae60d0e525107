import type { Tenant } from '../data/tenant.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { AdminContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import { staleVersion } from '../shared/records.js';
import type { UserView } from '../users/contract.js';
import { prepareInvitation, toUserView, type UserDeps } from '../users/service.js';
import type { CreateTenantInput, UpdateTenantInput } from './schema.js';

const slugTaken = () => new ConflictError('This slug is already in use', [{ path: 'slug', message: 'Already taken' }]);

/** Loads a tenant or fails with 404. */
export async function getTenant(tenantId: string, deps: Deps): Promise<Tenant> {
  const found = await deps.db.entities.tenant.get({ tenantId }).go();
  if (!found.data) throw new NotFoundError('Tenant');
  return found.data;
}

/**
 * Creates a tenant, claims its slug and invites its owner. The Cognito user comes first (it
 * fails on a taken email) and is removed again if the table write is refused.
 */
export async function createTenant(
  admin: AdminContext,
  input: CreateTenantInput,
  deps: UserDeps,
): Promise<Tenant & { owner: UserView }> {
  if ((await deps.db.entities.tenantSlug.get({ slug: input.slug }).go()).data) throw slugTaken();
  const now = deps.now();
  const tenant: Tenant = {
    tenantId: deps.newId(),
    name: input.name,
    slug: input.slug,
    plan: input.plan,
    status: 'active',
    ownerEmail: input.owner.email,
    ownerCount: 1,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const invitation = await prepareInvitation(
    tenant,
    { ...input.owner, role: 'owner' },
    { id: admin.adminId, name: 'The Quoteflow team' },
    deps,
  );
  try {
    await writeVersioned(deps.db, {
      entity: 'tenant',
      op: 'create',
      item: tenant,
      also: ({ tenantSlug, user }) => [
        tenantSlug.create({ slug: tenant.slug, tenantId: tenant.tenantId }).commit(),
        user.create(invitation.user).commit(),
      ],
      conflict: (index) => (index === 1 ? slugTaken() : new ConflictError('The tenant already exists')),
    });
  } catch (error) {
    await invitation.rollback();
    throw error;
  }
  await invitation.send();
  return { ...tenant, owner: toUserView(invitation.user) };
}

/** Every tenant, oldest first. */
export async function listTenants(query: { limit: number; cursor?: string }, deps: Deps): Promise<Page<Tenant>> {
  const all = deps.db.entities.tenant.query.all({});
  const page = await all.go({ count: query.limit, cursor: checkCursor(query.cursor, all) });
  return mapPage(page, (t) => t);
}

/** Renames, re-plans, suspends or reactivates a tenant. */
export async function updateTenant(
  tenantId: string,
  patch: UpdateTenantInput,
  expectedVersion: number,
  deps: Deps,
): Promise<Tenant> {
  const before = await getTenant(tenantId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const { version: _version, ...fields } = patch;
  const after: Tenant = { ...before, ...fields, updatedAt: deps.now(), version: before.version + 1 };
  await writeVersioned(deps.db, { entity: 'tenant', op: 'update', item: after });
  return after;
}

/** A tenant's users, for support. */
export async function listTenantUsers(
  tenantId: string,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<UserView>> {
  await getTenant(tenantId, deps);
  const users = deps.db.entities.user.query.byTenant({ tenantId });
  const page = await users.go({ count: query.limit, cursor: checkCursor(query.cursor, users) });
  return mapPage(page, toUserView);
}
