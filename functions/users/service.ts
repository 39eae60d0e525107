import type { Role } from '../shared/enums.js';
import type { Tenant } from '../data/tenant.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { User, UserRemoval } from '../data/user.js';
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
import { currentDataScope } from '../data/tenant-scope.js';
import { isConditionFailure, TransactionCancelledError } from '../data/transaction.js';

export interface UserDeps extends Deps {
  identity: Identity;
  sendEmail: (email: OutgoingEmail) => Promise<unknown>;
}

export const toUserView = ({
  tenantId: _tenantId,
  sessionsValidAfter: _sessionsValidAfter,
  mfaEnabled,
  timeZone,
  ...user
}: User): UserView => ({
  ...user,
  mfaEnabled: mfaEnabled === true,
  timeZone: timeZone ?? null,
});

/**
 * The sign-in for an invitation: a new Cognito user, or one no user record points at (an orphan
 * left by an invitation whose table write failed, or by a removal whose Cognito call did), which
 * is adopted rather than blocking the email with 409 for good. A sign-in that a record does point
 * at is someone's account: 409. A tenant request reads only its own tenant's records (tenant-scoped
 * credentials), so it adopts only sign-ins naming its tenant; one naming another tenant is
 * checked only where the function's role runs (a platform admin creating a tenant).
 */
async function signInFor(
  person: { email: string; name: string; role: Role; tenantId: string; temporaryPassword: string },
  deps: UserDeps,
): Promise<string> {
  try {
    return await deps.identity.createUser(person);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const login = await deps.identity.findUser(person.email);
    if (!login) throw error;
    const sameTenant = login.tenantId === person.tenantId;
    if (!sameTenant && currentDataScope()?.kind === 'tenant') throw error;
    const { data: record } = login.tenantId
      ? await deps.db.entities.user.get({ tenantId: login.tenantId, userId: login.userId }).go({ consistent: true })
      : { data: null };
    if (record && sameTenant && record.status === 'invited')
      throw new ConflictError(
        `${record.name} was invited on ${record.createdAt.slice(0, 10)} and has not signed in yet`,
        [{ path: 'email', message: 'Already invited: send the invitation again instead' }],
      );
    if (record && sameTenant)
      throw new ConflictError(`${record.name} is already in this workspace`, [
        { path: 'email', message: 'Already in this workspace' },
      ]);
    if (record) throw error;
    await deps.identity.adoptUser(person);
    logger.warn('adopted a sign-in no user record pointed at', { userId: login.userId });
    return login.userId;
  }
}

/**
 * Creates (or adopts) the Cognito user and returns the stored user record to write (in the
 * caller's transaction) plus the invitation to send once that write has landed. If the write
 * fails, call `rollback`; a rollback that fails too leaves an orphan the next invitation adopts.
 */
export async function prepareInvitation(
  tenant: Pick<Tenant, 'tenantId' | 'name'>,
  person: { email: string; name: string; role: Role },
  invitedBy: { id: string; name: string },
  deps: UserDeps,
) {
  const password = temporaryPassword();
  const userId = await signInFor({ ...person, tenantId: tenant.tenantId, temporaryPassword: password }, deps);
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

export async function getUser(ctx: TenantContext, userId: string, deps: Deps): Promise<User> {
  const found = await deps.db.entities.user.get({ tenantId: ctx.tenantId, userId }).go();
  if (!found.data) throw new NotFoundError('User');
  return found.data;
}

type WriteEntities = Parameters<Parameters<Deps['db']['transaction']['write']>[0]>[0];

const lastOwner = () =>
  new DomainRuleError('A workspace needs at least one owner; make someone else owner first', [
    { path: 'role', message: 'Last owner' },
  ]);

/**
 * The tenant's owner count, derived once from its users for tenants stored before the count
 * existed (a migration on read). Set only if still absent, so a concurrent derivation or a write
 * that already moved the count wins; every owner-count change calls this first, so none of them
 * ADDs to a missing count.
 */
export async function ensureOwnerCount(tenantId: string, deps: Deps): Promise<void> {
  const { data: tenant } = await deps.db.entities.tenant.get({ tenantId }).go({ attributes: ['ownerCount'] });
  if (typeof tenant?.ownerCount === 'number') return;
  const users = await deps.db.entities.user.query.byTenant({ tenantId }).go({ pages: 'all', attributes: ['role'] });
  const ownerCount = users.data.filter((u) => u.role === 'owner').length;
  try {
    await deps.db.entities.tenant
      .patch({ tenantId })
      .set({ ownerCount })
      .where((attr, { notExists }) => notExists(attr.ownerCount))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * The transaction item moving the tenant's owner count by `delta` (-1, 0 or +1). Taking an owner
 * away is conditioned on another owner remaining, so two owners demoting each other at once
 * cannot both succeed.
 */
function ownerCountItem(entities: WriteEntities, tenantId: string, delta: number): object[] {
  if (delta === 0) return [];
  const patch = entities.tenant.patch({ tenantId }).add({ ownerCount: delta });
  return [(delta < 0 ? patch.where((attr, { gt }) => gt(attr.ownerCount, 1)) : patch).commit()];
}

/** A transaction that lost to a concurrent one on the same tenant (another role change): 409, try again. */
const raced = (error: unknown): never => {
  if (error instanceof TransactionCancelledError) {
    throw new ConflictError('The workspace’s team changed at the same time; reload and try again');
  }
  throw error;
};

const ownerDelta = (before: Role | undefined, after: Role | undefined) =>
  (after === 'owner' ? 1 : 0) - (before === 'owner' ? 1 : 0);

/**
 * The signed-in user and their tenant; the first call after sign-in marks an invitation accepted.
 * In a workspace that requires MFA, a user recorded with TOTP is checked against the pool again
 * (every app load calls this), since anyone may turn their own TOTP off with their access token.
 */
export async function getMe(ctx: TenantContext, deps: UserDeps) {
  const [user, tenant] = await Promise.all([
    getUser(ctx, ctx.userId, deps),
    deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go(),
  ]);
  const t = tenant.data!;
  const changes: Partial<Pick<User, 'status' | 'mfaEnabled'>> = {};
  if (user.status === 'invited') changes.status = 'active';
  if (t.mfaRequired && user.mfaEnabled && !(await deps.identity.totpEnabled(user.email))) changes.mfaEnabled = false;
  let current = user;
  if (Object.keys(changes).length > 0) {
    const now = deps.now();
    await patchOwnRecord(ctx, { ...changes, updatedAt: now }, deps);
    current = { ...user, ...changes, updatedAt: now };
  }
  return meViewOf(current, t);
}

/** The signed-in user with the workspace they belong to. */
export const meViewOf = (user: User, t: Tenant) => ({
  ...toUserView(user),
  tenant: { tenantId: t.tenantId, name: t.name, slug: t.slug, plan: t.plan, mfaRequired: t.mfaRequired === true },
});

/**
 * Changes to the caller's own record that are not edits of it (status, TOTP), so they take no
 * version: a pending rename keeps its If-Match.
 */
async function patchOwnRecord(
  ctx: TenantContext,
  set: Partial<Pick<User, 'status' | 'mfaEnabled'>> & { updatedAt: string },
  deps: Deps,
): Promise<void> {
  try {
    await deps.db.entities.user.patch({ tenantId: ctx.tenantId, userId: ctx.userId }).set(set).go();
  } catch (error) {
    // Removed from the workspace since the access check.
    if (isConditionFailure(error)) throw new ForbiddenError('Your account no longer has access');
    throw error;
  }
}

/**
 * Records what the user pool says about the caller's TOTP. The SPA sets TOTP up with the user's
 * own access token (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference), which
 * the API never sees; the flag is only ever taken from the pool, never from the client.
 */
export async function refreshMfa(ctx: TenantContext, deps: UserDeps) {
  const mfaEnabled = await deps.identity.totpEnabled(ctx.email);
  await patchOwnRecord(ctx, { mfaEnabled, updatedAt: deps.now() }, deps);
  return getMe(ctx, deps);
}

/** The tenant's team. */
export async function listUsers(
  ctx: TenantContext,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<UserView>> {
  const team = deps.db.entities.user.query.byTenant({ tenantId: ctx.tenantId });
  const page = await team.go({ count: query.limit, cursor: checkCursor(query.cursor, team) });
  return mapPage(page, toUserView);
}

/** Invites a person to the tenant: a Cognito user, a user record and an invitation email. */
export async function inviteUser(ctx: TenantContext, input: InviteUserInput, deps: UserDeps): Promise<UserView> {
  assertMayManage(ctx, [input.role]);
  const tenant = (await deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go()).data!;
  if (input.role === 'owner') await ensureOwnerCount(ctx.tenantId, deps);
  const invitation = await prepareInvitation(tenant, input, { id: ctx.userId, name: ctx.name }, deps);
  try {
    await writeVersioned(deps.db, {
      entity: 'user',
      op: 'create',
      item: invitation.user,
      also: (entities) => ownerCountItem(entities, ctx.tenantId, ownerDelta(undefined, input.role)),
      conflict: () => new ConflictError('This user is already in the workspace'),
    });
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
  if (patch.role !== undefined && patch.role !== before.role) assertMayManage(ctx, [before.role, patch.role]);
  return writeUser(before, patch, expectedVersion, deps);
}

/**
 * Writes a rename or role change on the user's version, moving the tenant's owner count in the
 * same transaction: the last owner's demotion is refused with 422 even when it races another.
 */
async function writeUser(
  before: User,
  patch: UpdateUserInput,
  expectedVersion: number,
  deps: UserDeps,
): Promise<UserView> {
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const roleChanges = patch.role !== undefined && patch.role !== before.role;
  const delta = roleChanges ? ownerDelta(before.role, patch.role) : 0;
  if (delta !== 0) await ensureOwnerCount(before.tenantId, deps);
  const after: User = {
    ...before,
    name: patch.name ?? before.name,
    role: patch.role ?? before.role,
    updatedAt: deps.now(),
    version: before.version + 1,
  };
  await writeVersioned(deps.db, {
    entity: 'user',
    op: 'update',
    item: after,
    also: delta === 0 ? undefined : (entities) => ownerCountItem(entities, before.tenantId, delta),
    conflict: (index) => (index === 0 ? staleVersion() : lastOwner()),
  }).catch(raced);
  // The stored role is what authorises requests; the token claim follows at the next sign-in.
  if (roleChanges) await deps.identity.setRole(before.email, after.role);
  return toUserView(after);
}

/** A platform admin changes a user's role, e.g. to give a workspace left without an owner a new one. */
export async function adminUpdateUser(
  tenantId: string,
  userId: string,
  patch: UpdateUserInput,
  expectedVersion: number,
  deps: UserDeps,
): Promise<UserView> {
  const found = await deps.db.entities.user.get({ tenantId, userId }).go();
  if (!found.data) throw new NotFoundError('User');
  return writeUser(found.data, patch, expectedVersion, deps);
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

/**
 * Removes a user from the tenant and deletes their sign-in. The record goes first, with a removal
 * record in the same transaction (the stored record is what grants access, so access ends at
 * once), conditioned on another owner remaining; then the Cognito user goes and the removal
 * record with it. If the Cognito call fails the removal is finished by removing the user again
 * (the same route, which finds the removal record) or by resumeUserRemovals.
 */
export async function deleteUser(ctx: TenantContext, userId: string, deps: UserDeps): Promise<void> {
  if (userId === ctx.userId) throw new DomainRuleError('You cannot remove yourself');
  const key = { tenantId: ctx.tenantId, userId };
  const { data: user } = await deps.db.entities.user.get(key).go();
  if (!user) {
    const { data: pending } = await deps.db.entities.userRemoval.get(key).go();
    if (!pending) throw new NotFoundError('User');
    return finishRemoval(pending, deps);
  }
  assertMayManage(ctx, [user.role]);
  const delta = ownerDelta(user.role, undefined);
  if (delta !== 0) await ensureOwnerCount(ctx.tenantId, deps);
  const removal: UserRemoval = { ...key, email: user.email, requestedAt: deps.now() };
  await writeVersioned(deps.db, {
    entity: 'user',
    op: 'delete',
    item: user,
    also: (entities) => [
      // put, not create: a removal left from an earlier membership of the same sign-in is replaced.
      entities.userRemoval.put(removal).commit(),
      ...ownerCountItem(entities, ctx.tenantId, delta),
    ],
    conflict: (index) =>
      index === 0 ? new ConflictError('The user changed while being removed; try again') : lastOwner(),
  }).catch(raced);
  await finishRemoval(removal, deps);
}

/**
 * Deletes the sign-in of a removal, unless it has since been adopted by an invitation (a user
 * record points at it again), then the removal record. Safe to run again after any failure.
 */
async function finishRemoval(removal: UserRemoval, deps: Pick<UserDeps, 'db' | 'identity'>): Promise<void> {
  const login = await deps.identity.findUser(removal.email);
  // A sign-in naming another tenant now was adopted there: not this removal's to delete.
  if (login?.userId === removal.userId && login.tenantId === removal.tenantId) {
    const { data: member } = await deps.db.entities.user
      .get({ tenantId: removal.tenantId, userId: removal.userId })
      .go({ consistent: true });
    if (!member) await deps.identity.deleteUser(removal.email);
  }
  await deps.db.entities.userRemoval.delete({ tenantId: removal.tenantId, userId: removal.userId }).go();
}

/**
 * Finishes every removal whose Cognito call failed and was not retried: the local cloud calls it
 * at start-up, and a schedule should in the cloud. Bounded per tenant per sweep; returns how many were finished.
 */
export async function resumeUserRemovals(deps: Pick<UserDeps, 'db' | 'identity'>): Promise<number> {
  const { data: tenants } = await deps.db.entities.tenant.query.all({}).go({ pages: 'all', attributes: ['tenantId'] });
  let finished = 0;
  for (const { tenantId } of tenants) {
    const { data: pending } = await deps.db.entities.userRemoval.query
      .byTenant({ tenantId: tenantId! })
      .go({ count: 100 });
    for (const removal of pending) {
      await finishRemoval(removal, deps);
      finished++;
    }
  }
  return finished;
}
