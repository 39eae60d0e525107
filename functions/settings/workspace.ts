import type { Tenant } from '../data/tenant.js';
import { isConditionFailure } from '../data/transaction.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { NotFoundError } from '../shared/errors.js';
import { DEFAULT_CURRENCY } from '../shared/validation.js';
import { staleVersion } from '../shared/records.js';
import type { WorkspaceSettingsView } from './contract.js';
import type { WorkspaceSettingsPatch } from './schema.js';

const view = (tenant: Pick<Tenant, 'name' | 'currency' | 'updatedAt' | 'version'>): WorkspaceSettingsView => ({
  name: tenant.name,
  currency: tenant.currency ?? DEFAULT_CURRENCY,
  updatedAt: tenant.updatedAt,
  version: tenant.version,
});

async function getTenant(ctx: TenantContext, deps: Deps): Promise<Tenant> {
  const { data } = await deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go({ consistent: true });
  if (!data) throw new NotFoundError('Workspace');
  return data;
}

/** The workspace's defaults. */
export async function getWorkspaceSettings(ctx: TenantContext, deps: Deps): Promise<WorkspaceSettingsView> {
  return view(await getTenant(ctx, deps));
}

/**
 * Sets the default currency on the workspace's version. A patch, not a put, so the owner count
 * other transactions move is never written back stale.
 */
export async function updateWorkspaceSettings(
  ctx: TenantContext,
  patch: WorkspaceSettingsPatch,
  expectedVersion: number,
  deps: Deps,
): Promise<WorkspaceSettingsView> {
  const before = await getTenant(ctx, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const set = { currency: patch.currency, updatedAt: deps.now(), version: before.version + 1 };
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
  return view({ ...before, ...set });
}
