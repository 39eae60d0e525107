import type { Tenant } from '../data/tenant.js';
import { callerTenant, patchCallerTenant } from './tenant-record.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { DomainRuleError } from '../shared/errors.js';
import type { SecuritySettingsView } from './contract.js';
import type { SecuritySettingsPatch } from './schema.js';

const view = (tenant: Pick<Tenant, 'mfaRequired' | 'updatedAt' | 'version'>): SecuritySettingsView => ({
  mfaRequired: tenant.mfaRequired === true,
  updatedAt: tenant.updatedAt,
  version: tenant.version,
});

/** What the workspace asks of everyone's sign-in. */
export async function getSecuritySettings(ctx: TenantContext, deps: Deps): Promise<SecuritySettingsView> {
  return view(await callerTenant(ctx, deps));
}

/**
 * Requires (or stops requiring) TOTP for the workspace, on the workspace's version. An owner
 * without TOTP cannot require it: they would lock themselves out of everything but the setup.
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
  return view(await patchCallerTenant(ctx, { mfaRequired: patch.mfaRequired }, expectedVersion, deps));
}
