import type { Tenant } from '../data/tenant.js';
import { isConditionFailure } from '../data/transaction.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { NotFoundError } from '../shared/errors.js';
import { staleVersion } from '../shared/records.js';

/** The caller's workspace record, read consistently (settings pages write it back on its version). */
export async function callerTenant(ctx: TenantContext, deps: Deps): Promise<Tenant> {
  const { data } = await deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go({ consistent: true });
  if (!data) throw new NotFoundError('Workspace');
  return data;
}

/**
 * Sets workspace fields on its version (409 when stale). A patch, not a put, so the owner count
 * other transactions move is never written back stale. Answers the record as it now stands.
 */
export async function patchCallerTenant(
  ctx: TenantContext,
  fields: Partial<Pick<Tenant, 'currency' | 'mfaRequired' | 'branding' | 'quoteApproval'>>,
  expectedVersion: number,
  deps: Deps,
): Promise<Tenant> {
  const before = await callerTenant(ctx, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const set = { ...fields, updatedAt: deps.now(), version: before.version + 1 };
  try {
    await deps.db.entities.tenant
      .patch({ tenantId: ctx.tenantId })
      .set(set)
      .where((attr, { eq }) => eq(attr.version, expectedVersion))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw staleVersion();
    throw error;
  }
  return { ...before, ...set };
}
