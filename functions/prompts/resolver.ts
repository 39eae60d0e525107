import type { PromptCategory, PromptSource } from '../shared/enums.js';
import { PLATFORM_SCOPE } from '../data/client.js';
import { readScope } from '../data/tenant-scope.js';
import type { Prompt } from '../data/prompt.js';
import type { Deps } from '../shared/deps.js';
import { CATEGORIES } from './catalog.js';

/** The prompt a run will use, and where it came from (recorded on every run). */
export interface ResolvedPrompt {
  category: PromptCategory;
  source: PromptSource;
  promptId: string | null;
  version: number | null;
  name: string;
  systemTemplate: string;
  userTemplate: string;
  model: string;
  temperature: number;
}

/**
 * How long a resolution is reused. Saves in this process invalidate at once; other Lambda
 * containers see an edit within this window (a run started within it may use the previous version).
 */
export const PROMPT_CACHE_TTL_MS = 15_000;

const cache = new Map<string, { value: ResolvedPrompt; expires: number }>();

/** Forgets cached resolutions after a save: every tenant's when a system prompt changed. */
export function invalidatePrompts(scope: string): void {
  if (scope === PLATFORM_SCOPE) cache.clear();
  else for (const key of cache.keys()) if (key.startsWith(`${scope}|`)) cache.delete(key);
}

export const fromPrompt = (p: Prompt, source: Exclude<PromptSource, 'default'>): ResolvedPrompt => ({
  category: p.category,
  source,
  promptId: p.promptId,
  version: p.version,
  name: p.name,
  systemTemplate: p.systemTemplate,
  userTemplate: p.userTemplate,
  model: p.model,
  temperature: p.temperature,
});

export const builtInDefault = (category: PromptCategory): ResolvedPrompt => ({
  category,
  source: 'default',
  promptId: null,
  version: null,
  name: `${CATEGORIES[category].label} (built-in)`,
  ...CATEGORIES[category].defaults,
});

/** Tenant override → system prompt → built-in default, without the cache (two reads at most). */
export async function resolvePromptUncached(
  tenantId: string,
  category: PromptCategory,
  deps: Deps,
): Promise<ResolvedPrompt> {
  // Single reads, not a batch: an unprocessed key would silently fall back to the next prompt in line.
  const scopes = [tenantId, PLATFORM_SCOPE];
  // System prompts through the platform read path: the tenant's credentials cannot reach them.
  const slots = await Promise.all(
    scopes.map((scope) => readScope(scope, () => deps.db.entities.promptSlot.get({ scope, category }).go())),
  );
  for (const [index, scope] of scopes.entries()) {
    const slot = slots[index]!.data;
    if (!slot) continue;
    const { data: prompt } = await readScope(scope, () =>
      deps.db.entities.prompt.get({ scope, promptId: slot.promptId }).go(),
    );
    if (prompt) return fromPrompt(prompt, scope === PLATFORM_SCOPE ? 'system' : 'tenant');
  }
  return builtInDefault(category);
}

/** The prompt in effect for a tenant and category, cached for PROMPT_CACHE_TTL_MS. */
export async function resolvePrompt(
  tenantId: string,
  category: PromptCategory,
  deps: Deps,
  clock: () => number = Date.now,
): Promise<ResolvedPrompt> {
  const key = `${tenantId}|${category}`;
  const hit = cache.get(key);
  if (hit && hit.expires > clock()) return hit.value;
  const value = await resolvePromptUncached(tenantId, category, deps);
  cache.set(key, { value, expires: clock() + PROMPT_CACHE_TTL_MS });
  return value;
}
