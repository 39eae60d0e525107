import type { KeyProvider } from '../shared/enums.js';
import { PLATFORM_SCOPE } from '../data/client.js';
import type { Deps } from '../shared/deps.js';
import type { KeyDescriptionView } from './contract.js';
import { lazy } from '../shared/lazy.js';
import { secretBoxFromEnv, type SecretBox } from '../shared/secrets.js';
import { readScope } from '../data/tenant-scope.js';

/** Which providers a tenant may bring its own key for; the others are platform-only. */
export const TENANT_KEY_PROVIDERS: readonly KeyProvider[] = ['openai'];

/** A stored key as it may be shown (never its value). */
export type KeyDescription = KeyDescriptionView;

export interface ResolvedKey {
  key: string;
  source: 'tenant' | 'platform';
  last4: string;
}

const box = lazy(async (): Promise<SecretBox> => secretBoxFromEnv());

// Decrypting costs a KMS call; a sealed value never changes, so its plaintext can be reused.
const opened = new Map<string, string>();

/**
 * The encryption context bound into a stored key. The KMS grants require `tenantId` (a tenant id,
 * or `platform` for the platform's keys; lib/cloud/secrets.ts), so a value copied to another
 * tenant's row, or to another provider, does not decrypt.
 */
export const keyContext = (scope: string, provider: KeyProvider) => ({ tenantId: scope, provider });

/** Values sealed before the context named the tenant carry no version and used `{scope, provider}`. */
const legacyContext = (scope: string, provider: KeyProvider) => ({ scope, provider });
const CONTEXT_V2 = 'v2:';

/** Seals a key for a scope and provider, marked with the context version it was sealed under. */
export async function sealApiKey(box: SecretBox, scope: string, provider: KeyProvider, plaintext: string) {
  return CONTEXT_V2 + (await box.seal(plaintext, keyContext(scope, provider)));
}

/** Opens a stored key; values from before the tenant context open with the context they were sealed under. */
export async function openApiKey(box: SecretBox, scope: string, provider: KeyProvider, sealed: string) {
  return sealed.startsWith(CONTEXT_V2)
    ? box.open(sealed.slice(CONTEXT_V2.length), keyContext(scope, provider))
    : box.open(sealed, legacyContext(scope, provider));
}

/** Stores (or replaces) a key, encrypted; returns what may be shown from now on. */
export async function storeApiKey(
  scope: string,
  provider: KeyProvider,
  plaintext: string,
  actorId: string,
  deps: Deps,
): Promise<KeyDescription> {
  const sealed = await sealApiKey(await box(), scope, provider, plaintext);
  const item = { scope, provider, sealed, last4: plaintext.slice(-4), setAt: deps.now(), setBy: actorId };
  await deps.db.entities.apiKey.put(item).go();
  return describe(item);
}

/** Removes a key; removing one that is not set is not an error. */
export async function removeApiKey(scope: string, provider: KeyProvider, deps: Deps): Promise<void> {
  await deps.db.entities.apiKey.delete({ scope, provider }).go();
}

/** The keys set in a scope, without their values. */
export async function describeApiKeys(scope: string, deps: Deps): Promise<KeyDescription[]> {
  const { data } = await readScope(scope, () => deps.db.entities.apiKey.query.byScope({ scope }).go({ pages: 'all' }));
  return data.map(describe);
}

/** The key to use for a tenant: its own override when it may have one, else the platform's. */
export async function resolveApiKey(
  tenantId: string,
  provider: KeyProvider,
  deps: Deps,
): Promise<ResolvedKey | undefined> {
  const scopes = TENANT_KEY_PROVIDERS.includes(provider) ? [tenantId, PLATFORM_SCOPE] : [PLATFORM_SCOPE];
  // Single reads, not a batch: a batch may leave a key unprocessed, which would silently fall back to the platform's.
  // The platform's key is read with the platform read path: the tenant's credentials cannot reach it.
  const items = await Promise.all(
    scopes.map((scope) => readScope(scope, () => deps.db.entities.apiKey.get({ scope, provider }).go())),
  );
  for (const [index, scope] of scopes.entries()) {
    const item = items[index]!.data;
    if (!item) continue;
    const cacheKey = `${scope}|${provider}|${item.sealed}`;
    let key = opened.get(cacheKey);
    if (key === undefined) {
      key = await openApiKey(await box(), scope, provider, item.sealed);
      opened.set(cacheKey, key);
    }
    return { key, source: scope === PLATFORM_SCOPE ? 'platform' : 'tenant', last4: item.last4 };
  }
  return undefined;
}

function describe(item: { provider: KeyProvider; last4: string; setAt: string; setBy: string }): KeyDescription {
  return { provider: item.provider, last4: item.last4, setAt: item.setAt, setBy: item.setBy };
}
