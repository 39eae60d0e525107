import type { Tenant } from '../data/tenant.js';
import { isConditionFailure } from '../data/transaction.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { DomainRuleError, NotFoundError } from '../shared/errors.js';
import { staleVersion } from '../shared/records.js';
import type { SecuritySettingsView } from './contract.js';
import type { SecuritySettingsPatch } from './schema.js';

const view = (tenant: Pick<Tenant, 'mfaRequired' | 'updatedAt' | 'version'>): SecuritySettingsView => ({
  mfaRequired: tenant.mfaRequired === true,
  updatedAt: tenant.updatedAt,
  version: tenant.version,
});

async function getTenant(ctx: TenantContext, deps: Deps): Promise<Tenant> {
  const { data } = await deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go({ consistent: true });
  if (!data) throw new NotFoundError('Workspace');
  return data;
}

/** What the workspace asks of everyone's sign-in. */
export async function getSecuritySettings(ctx: TenantContext, deps: Deps): Promise<SecuritySettingsView> {
  return view(await getTenant(ctx, deps));
}

/**
 * Requires (or stops requiring) TOTP for the workspace, on the workspace's version. An owner
 * without TOTP cannot require it: they would lock themselves out of everything but the setup.
 * A patch, not a put, so the owner count other transactions move is never written back stale.
 */
export async function updateSecuritySettings(
  ctx: TenantContext,
  patch: SecuritySettingsPatch,
  expectedVersion: number,
  deps: Deps,
): Promise<SecuritySettingsView> {
  if (patch.mfaRequired && !ctx.mfaEnabled) {
    throw new DomainRuleError(
      'Set up two-factor sign-in for your own account before requiring it for everyone, so you cannot lock yourself out',
      [{ path: 'mfaRequired', message: 'Set up your own two-factor sign-in first' }],
    );
  }
  const before = await getTenant(ctx, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const after = { mfaRequired: patch.mfaRequired, updatedAt: deps.now(), version: before.version + 1 };
  try {
    await deps.db.entities.tenant
      .patch({ tenantId: ctx.tenantId })
      .set(after)
      .where((attr, { eq }) => eq(attr.version, expectedVersion))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw staleVersion();
    throw error;
  }
  return view(after);
}
