import type { Role } from '../shared/enums.js';
import type { Tenant } from '../data/tenant.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { User } from '../data/user.js';
import type { UserView } from './contract.js';
import type { TenantContext } from '../shared/auth-context.js';
import { config } from '../shared/config.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, DomainRuleError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { OutgoingEmail } from '../shared/mailer.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import { staleVersion } from '../shared/records.js';
import { temporaryPassword, type Identity } from './identity.js';
import { invitationEmail } from './invitation.js';
import type { InviteUserInput, UpdateUserInput } from './schema.js';

export interface UserDeps extends Deps {
  identity: Identity;
  sendEmail: (email: OutgoingEmail) => Promise<unknown>;
}

export const toUserView = ({ tenantId: _tenantId, ...user }: User): UserView => user;

/**
 * Creates the Cognito user and returns the stored user record to write (in the caller's
 * transaction) plus the invitation to send once that write has landed. If the write fails,
 * call `rollback`.
 */
export async function prepareInvitation(
  tenant: Pick<Tenant, 'tenantId' | 'name'>,
  person: { email: string; name: string; role: Role },
  invitedBy: { id: string; name: string },
  deps: UserDeps,
) {
  const password = temporaryPassword();
  const userId = await deps.identity.createUser({ ...person, tenantId: tenant.tenantId, temporaryPassword: password });
  const now = deps.now();
  const user: User = {
    tenantId: tenant.tenantId,
    userId,
    ...person,
    status: 'invited',
    invitedBy: invitedBy.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const invitation = invitationEmail({
    to: person.email,
    name: person.name,
    tenantName: tenant.name,
    invitedBy: invitedBy.name,
    temporaryPassword: password,
    signInUrl: config.webUrl,
  });
  return {
    user,
    rollback: () => deps.identity.deleteUser(person.email),
    /** A failed send is logged, not fatal: the user exists and an admin can re-invite. */
    send: () => deps.sendEmail(invitation).catch((error) => logger.error('invitation email failed', { error })),
  };
}

/** Only an owner may create, promote to, demote from or remove an owner. */
function assertMayManage(ctx: TenantContext, roles: (Role | undefined)[]) {
  if (ctx.role !== 'owner' && roles.includes('owner')) {
    throw new ForbiddenError('Only an owner can manage owners');
  }
}

async function getUser(ctx: TenantContext, userId: string, deps: Deps): Promise<User> {
  const found = await deps.db.entities.user.get({ tenantId: ctx.tenantId, userId }).go();
  if (!found.data) throw new NotFoundError('User');
  return found.data;
}

async function countOwners(ctx: TenantContext, deps: Deps): Promise<number> {
  const users = await deps.db.entities.user.query
    .byTenant({ tenantId: ctx.tenantId })
    .go({ pages: 'all', attributes: ['role'] });
  return users.data.filter((u) => u.role === 'owner').length;
}

/** The signed-in user and their tenant; the first call after sign-in marks an invitation accepted. */
export async function getMe(ctx: TenantContext, deps: Deps) {
  const [user, tenant] = await Promise.all([
    getUser(ctx, ctx.userId, deps),
    deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go(),
  ]);
  let current = user;
  if (user.status === 'invited') {
    const now = deps.now();
    await deps.db.entities.user
      .patch({ tenantId: ctx.tenantId, userId: ctx.userId })
      .set({ status: 'active', updatedAt: now })
      .go();
    current = { ...user, status: 'active', updatedAt: now };
  }
  const t = tenant.data!;
  return { ...toUserView(current), tenant: { tenantId: t.tenantId, name: t.name, slug: t.slug, plan: t.plan } };
}

/** The tenant's team. */
export async function listUsers(
  ctx: TenantContext,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<UserView>> {
  const page = await deps.db.entities.user.query
    .byTenant({ tenantId: ctx.tenantId })
    .go({ count: query.limit, cursor: checkCursor(query.cursor, ctx.tenantId) });
  return mapPage(page, toUserView);
}

/** Invites a person to the tenant: a Cognito user, a user record and an invitation email. */
export async function inviteUser(ctx: TenantContext, input: InviteUserInput, deps: UserDeps): Promise<UserView> {
  assertMayManage(ctx, [input.role]);
  const tenant = (await deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go()).data!;
  const invitation = await prepareInvitation(tenant, input, { id: ctx.userId, name: ctx.name }, deps);
  try {
    await deps.db.entities.user.create(invitation.user).go();
  } catch (error) {
    await invitation.rollback();
    throw error;
  }
  await invitation.send();
  return toUserView(invitation.user);
}

/** Renames a user or changes their role; the last owner cannot be demoted. */
export async function updateUser(
  ctx: TenantContext,
  userId: string,
  patch: UpdateUserInput,
  expectedVersion: number,
  deps: UserDeps,
): Promise<UserView> {
  const before = await getUser(ctx, userId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const roleChanges = patch.role !== undefined && patch.role !== before.role;
  if (roleChanges) {
    assertMayManage(ctx, [before.role, patch.role]);
    if (before.role === 'owner' && (await countOwners(ctx, deps)) <= 1) {
      throw new DomainRuleError('A workspace needs at least one owner; make someone else owner first', [
        { path: 'role', message: 'Last owner' },
      ]);
    }
  }
  const after: User = {
    ...before,
    name: patch.name ?? before.name,
    role: patch.role ?? before.role,
    updatedAt: deps.now(),
    version: before.version + 1,
  };
  await writeVersioned(deps.db, { entity: 'user', op: 'update', item: after });
  // The stored role is what authorises requests; the token claim follows at the next sign-in.
  if (roleChanges) await deps.identity.setRole(before.email, after.role);
  return toUserView(after);
}

/** Sends an invitation again with a fresh temporary password (the old one expires after 7 days). */
export async function resendInvitation(ctx: TenantContext, userId: string, deps: UserDeps): Promise<UserView> {
  const user = await getUser(ctx, userId, deps);
  assertMayManage(ctx, [user.role]);
  if (user.status !== 'invited') {
    throw new DomainRuleError(`${user.name} has already signed in; they can reset their own password`);
  }
  const tenant = (await deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go()).data!;
  const password = temporaryPassword();
  await deps.identity.resetTemporaryPassword(user.email, password);
  await deps.sendEmail(
    invitationEmail({
      to: user.email,
      name: user.name,
      tenantName: tenant.name,
      invitedBy: ctx.name,
      temporaryPassword: password,
      signInUrl: config.webUrl,
    }),
  );
  return toUserView(user);
}

/** Removes a user from the tenant and deletes their sign-in. */
export async function deleteUser(ctx: TenantContext, userId: string, deps: UserDeps): Promise<void> {
  if (userId === ctx.userId) throw new DomainRuleError('You cannot remove yourself');
  const user = await getUser(ctx, userId, deps);
  assertMayManage(ctx, [user.role]);
  if (user.role === 'owner' && (await countOwners(ctx, deps)) <= 1) {
    throw new ConflictError('A workspace needs at least one owner');
  }
  await deps.db.entities.user.delete({ tenantId: ctx.tenantId, userId }).go();
  await deps.identity.deleteUser(user.email);
}
