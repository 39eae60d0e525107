import type { Tenant } from '../data/tenant.js';
import { callerTenant, patchCallerTenant } from './tenant-record.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { DEFAULT_CURRENCY } from '../shared/validation.js';
import type { WorkspaceSettingsView } from './contract.js';
import type { WorkspaceSettingsPatch } from './schema.js';

const view = (tenant: Pick<Tenant, 'name' | 'currency' | 'updatedAt' | 'version'>): WorkspaceSettingsView => ({
  name: tenant.name,
  currency: tenant.currency ?? DEFAULT_CURRENCY,
  updatedAt: tenant.updatedAt,
  version: tenant.version,
});

/** The workspace's defaults. */
export async function getWorkspaceSettings(ctx: TenantContext, deps: Deps): Promise<WorkspaceSettingsView> {
  return view(await callerTenant(ctx, deps));
}

/**
 * Sets the default currency on the workspace's version (functions/settings/tenant-record.ts).
 */
export async function updateWorkspaceSettings(
  ctx: TenantContext,
  patch: WorkspaceSettingsPatch,
  expectedVersion: number,
  deps: Deps,
): Promise<WorkspaceSettingsView> {
  return view(await patchCallerTenant(ctx, { currency: patch.currency }, expectedVersion, deps));
}
