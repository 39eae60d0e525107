import { currentUsage, monthOf } from '../ai/usage.js';
import type { KeyProvider } from '../shared/enums.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { KEY_PROVIDERS } from '../shared/enums.js';
import { PLATFORM_SCOPE } from '../data/client.js';
import { isConditionFailure } from '../data/transaction.js';
import { staleVersion } from '../shared/records.js';
import type {
  AiSettingsView,
  KeyDescriptionView,
  PlatformKeyView,
  PlatformUsageView,
  UsageHistoryView,
} from './contract.js';
import { describeApiKeys, removeApiKey, storeApiKey } from './keys.js';
import type { AiSettingsPatch } from './schema.js';

/** What the tenant's AI runs on, its key (last four only), budget and this month's usage. */
export async function getAiSettings(ctx: TenantContext, deps: Deps): Promise<AiSettingsView> {
  const [own, platform, usage, stored] = await Promise.all([
    describeApiKeys(ctx.tenantId, deps),
    describeApiKeys(PLATFORM_SCOPE, deps),
    currentUsage(ctx.tenantId, deps),
    deps.db.entities.aiSettings.get({ tenantId: ctx.tenantId }).go(),
  ]);
  const tenantKey = own.find((k) => k.provider === 'openai') ?? null;
  const platformKey = platform.find((k) => k.provider === 'openai');
  const active = tenantKey
    ? { source: 'tenant' as const, last4: tenantKey.last4 }
    : platformKey
      ? { source: 'platform' as const, last4: platformKey.last4 }
      : null;
  return {
    provider: active ? 'openai' : 'offline',
    activeKey: active,
    tenantKey,
    platformKeySet: !!platformKey,
    monthlyBudget: { amount: usage.budgetCents, currency: 'USD' },
    usage,
    version: stored.data ? (stored.data.version ?? 1) : 1,
  };
}

/**
 * Sets the monthly budget, if the settings are still at `version` (409 otherwise): two admins
 * changing the budget at once must not silently overwrite each other.
 */
export async function updateAiSettings(
  ctx: TenantContext,
  patch: AiSettingsPatch,
  version: number,
  deps: Deps,
): Promise<AiSettingsView> {
  const now = deps.now();
  const settings = deps.db.entities.aiSettings;
  const { data: stored } = await settings.get({ tenantId: ctx.tenantId }).go();
  const current = stored ? (stored.version ?? 1) : 1;
  if (version !== current) throw staleVersion(current);
  const fields = {
    monthlyBudgetCents: patch.monthlyBudget.amount,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: current + 1,
  };
  try {
    if (!stored) {
      await settings.create({ tenantId: ctx.tenantId, ...fields }).go();
    } else {
      await settings
        .patch({ tenantId: ctx.tenantId })
        .set(fields)
        .where((attr, { eq, notExists }) =>
          stored.version === undefined ? notExists(attr.version) : eq(attr.version, current),
        )
        .go();
    }
  } catch (error) {
    // Someone else saved between our read and our write.
    if (isConditionFailure(error)) throw staleVersion();
    throw error;
  }
  return getAiSettings(ctx, deps);
}

/** Stores the tenant's own OpenAI key (encrypted); from now on only its last four characters are shown. */
export async function setTenantKey(ctx: TenantContext, apiKey: string, deps: Deps): Promise<AiSettingsView> {
  await storeApiKey(ctx.tenantId, 'openai', apiKey, ctx.userId, deps);
  return getAiSettings(ctx, deps);
}

/** Removes the tenant's key: runs fall back to the platform key, or offline. */
export async function removeTenantKey(ctx: TenantContext, deps: Deps): Promise<void> {
  await removeApiKey(ctx.tenantId, 'openai', deps);
}

/** Month-by-month usage, newest first, with the budget. */
export async function usageHistory(ctx: TenantContext, months: number, deps: Deps): Promise<UsageHistoryView> {
  const { data } = await deps.db.entities.aiUsage.query
    .byTenant({ tenantId: ctx.tenantId })
    .go({ order: 'desc', count: months });
  const current = await currentUsage(ctx.tenantId, deps);
  return {
    items: data.map((m) => ({
      month: m.month,
      runs: m.runs ?? 0,
      cacheHits: m.cacheHits ?? 0,
      inputTokens: m.inputTokens ?? 0,
      outputTokens: m.outputTokens ?? 0,
      costMicros: m.costMicros ?? 0,
    })),
    cursor: null,
    current,
  };
}

/** The platform's provider keys: set or not, last four characters. */
export async function listPlatformKeys(deps: Deps): Promise<{ items: PlatformKeyView[]; cursor: null }> {
  const keys = await describeApiKeys(PLATFORM_SCOPE, deps);
  return {
    items: KEY_PROVIDERS.map((provider) => {
      const key = keys.find((k) => k.provider === provider);
      return { provider, set: !!key, last4: key?.last4 ?? null, setAt: key?.setAt ?? null };
    }),
    cursor: null,
  };
}

export async function setPlatformKey(
  provider: KeyProvider,
  apiKey: string,
  adminId: string,
  deps: Deps,
): Promise<KeyDescriptionView> {
  return storeApiKey(PLATFORM_SCOPE, provider, apiKey, adminId, deps);
}

export async function removePlatformKey(provider: KeyProvider, deps: Deps) {
  await removeApiKey(PLATFORM_SCOPE, provider, deps);
}

/** Every tenant's AI usage in a month, highest cost first, with tenant names. */
export async function platformUsage(month: string | undefined, deps: Deps): Promise<PlatformUsageView> {
  const wanted = month ?? monthOf(deps.now());
  const { data } = await deps.db.entities.aiUsage.query.byMonth({ month: wanted }).go({ pages: 'all' });
  const tenants = data.length
    ? (await deps.db.entities.tenant.get(data.map((u) => ({ tenantId: u.tenantId }))).go()).data
    : [];
  const items = data
    .map((u) => ({
      tenantId: u.tenantId,
      tenantName: tenants.find((t) => t.tenantId === u.tenantId)?.name ?? '(deleted tenant)',
      runs: u.runs ?? 0,
      cacheHits: u.cacheHits ?? 0,
      inputTokens: u.inputTokens ?? 0,
      outputTokens: u.outputTokens ?? 0,
      costMicros: u.costMicros ?? 0,
    }))
    .sort((a, b) => b.costMicros - a.costMicros);
  return { month: wanted, items, cursor: null };
}
