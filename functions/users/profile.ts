import { writeVersioned } from '../data/versioned-write.js';
import { isConditionFailure } from '../data/transaction.js';
import type { User } from '../data/user.js';
import type { TenantContext } from '../shared/auth-context.js';
import { ForbiddenError } from '../shared/errors.js';
import { staleVersion } from '../shared/records.js';
import type { MeView } from './contract.js';
import type { UpdateMeInput } from './schema.js';
import { getUser, meViewOf, type UserDeps } from './service.js';

/** The signed-in user changes their own name or time zone, on their record's version. */
export async function updateMe(
  ctx: TenantContext,
  patch: UpdateMeInput,
  expectedVersion: number,
  deps: UserDeps,
): Promise<MeView> {
  const [before, tenant] = await Promise.all([
    getUser(ctx, ctx.userId, deps),
    deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go(),
  ]);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const after: User = {
    ...before,
    name: patch.name ?? before.name,
    timeZone: patch.timeZone ?? before.timeZone,
    updatedAt: deps.now(),
    version: before.version + 1,
  };
  await writeVersioned(deps.db, { entity: 'user', op: 'update', item: after });
  return meViewOf(after, tenant.data!);
}

/**
 * Signs the caller out of every device. Cognito first (their refresh tokens stop working, so no
 * session can mint a token after the stamp), then the stamp the adapter checks every token's
 * `iat` against, which ends the ID tokens already handed out (valid for up to an hour otherwise).
 * `iat` has whole seconds, so the stamp is the next whole second (refusing every token of this
 * one) and the answer waits until it has begun (under a second): a sign-in after the answer gets
 * an `iat` at or after the stamp. Real clocks on purpose: Cognito stamps `iat` with its own.
 * Both steps are idempotent: after a failure, the user presses the button again. The stamp bumps
 * the record's version so a profile or role write based on an older read cannot put it back.
 */
export async function signOutEverywhere(ctx: TenantContext, deps: UserDeps): Promise<void> {
  await deps.identity.signOutEverywhere(ctx.email);
  const validAfter = Math.floor(Date.now() / 1000) + 1;
  try {
    await deps.db.entities.user
      .patch({ tenantId: ctx.tenantId, userId: ctx.userId })
      .set({ sessionsValidAfter: validAfter, updatedAt: deps.now() })
      .add({ version: 1 })
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ForbiddenError('Your account no longer has access');
    throw error;
  }
  const wait = validAfter * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
