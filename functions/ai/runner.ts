import * as z from 'zod';
import { createHash } from 'node:crypto';
import { optionalEnv } from '../../lib/manifest-runtime.js';
import { variablesFromFacts, renderTemplate } from '../prompts/render.js';
import { resolveApiKey } from '../settings/keys.js';
import type { Deps } from '../shared/deps.js';
import { takeProviderToken } from '../shared/token-bucket.js';
import type { CompanyFacts } from './facts.js';
import { offlineProvider } from './offline-provider.js';
import { createOpenAiProvider } from './openai-provider.js';
import { costMicros, worstCaseMicros } from './pricing.js';
import { AiOutputInvalidError, type AiProvider, type AiUsage, type ProviderName } from './provider.js';
import type { PromptCategory } from '../shared/enums.js';
import { OUTPUT_SCHEMAS, type OutputOf } from './schemas.js';
import { recordUsage, releaseBudget, reserveBudget } from './usage.js';

/** Cached answers live a week: long enough to save re-runs, short enough to expire stale facts. */
const CACHE_TTL_SECONDS = 7 * 24 * 3600;

export interface PromptContent {
  category: PromptCategory;
  systemTemplate: string;
  userTemplate: string;
  model: string;
  temperature: number;
}

export interface PromptRun<T> {
  output: T;
  usage: AiUsage;
  costMicros: number;
  provider: ProviderName;
  model: string;
  /** Served from the cache: nothing was sent and nothing charged. */
  cached: boolean;
  rendered: { instructions: string; input: string };
}

import { CALL_LIMITS } from '../shared/budgets.js';

export { CALL_LIMITS };

/** OpenAI with the tenant's (or platform's) key when one is set; otherwise the offline provider. */
export async function providerFor(
  tenantId: string,
  deps: Deps,
  limits: { timeoutMs: number; maxAttempts: number } = CALL_LIMITS.step,
): Promise<AiProvider> {
  const key = await resolveApiKey(tenantId, 'openai', deps);
  if (!key) return offlineProvider;
  return createOpenAiProvider({
    apiKey: key.key,
    baseUrl: process.env[optionalEnv.openaiBaseUrl] || undefined,
    ...limits,
  });
}

const schemaTexts = new Map<PromptCategory, string>();
/** The output schema as the model is sent it (it counts as input tokens), once per category. */
function schemaText(category: PromptCategory): string {
  let text = schemaTexts.get(category);
  if (text === undefined) {
    text = JSON.stringify(z.toJSONSchema(OUTPUT_SCHEMAS[category], { unrepresentable: 'any' }));
    schemaTexts.set(category, text);
  }
  return text;
}

const hashOf = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');

/**
 * Renders a prompt against a company's facts and runs it: identical paid requests are answered
 * from the cache, and tokens and estimated cost are added to the tenant's monthly usage. A paid call
 * takes a token of the tenant's OpenAI limit first, waiting at most `maxTokenWaitMs` for one (0:
 * TenantRateLimitedError at once).
 */
export async function runPrompt<C extends PromptCategory>(
  tenantId: string,
  prompt: PromptContent & { category: C },
  facts: CompanyFacts,
  deps: Deps,
  provider?: AiProvider,
  /** `schema`: a narrower output schema than the category's (e.g. a draft of exactly three tiers). */
  options: { maxTokenWaitMs?: number; schema?: z.ZodType<OutputOf<C>> } = {},
): Promise<PromptRun<OutputOf<C>>> {
  const ai = provider ?? (await providerFor(tenantId, deps));
  const values = variablesFromFacts(facts);
  const rendered = {
    instructions: renderTemplate(prompt.systemTemplate, values),
    input: renderTemplate(prompt.userTemplate, values),
  };
  const schema = options.schema ?? (OUTPUT_SCHEMAS[prompt.category] as unknown as z.ZodType<OutputOf<C>>);
  const sentSchema = options.schema
    ? JSON.stringify(z.toJSONSchema(options.schema, { unrepresentable: 'any' }))
    : schemaText(prompt.category);
  const task = {
    category: prompt.category,
    ...rendered,
    model: prompt.model,
    temperature: prompt.temperature,
    schema,
    schemaName: prompt.category,
    facts,
  };

  // The offline provider is free and instant; caching it would only cost a write.
  if (ai.name === 'offline') {
    const answer = await ai.generate(task);
    return { ...answer, costMicros: 0, cached: false, rendered };
  }

  const inputHash = hashOf([
    ai.name,
    prompt.model,
    prompt.temperature,
    prompt.category,
    rendered.instructions,
    rendered.input,
    // Only a narrower schema changes the key, so answers cached before it existed stay valid.
    ...(options.schema ? [sentSchema] : []),
  ]);
  const { data: hit } = await deps.db.entities.aiCacheEntry.get({ tenantId, inputHash }).go();
  const parsedHit = hit && hit.ttl * 1000 > Date.parse(deps.now()) ? schema.safeParse(hit.output) : undefined;
  if (hit && parsedHit?.success) {
    await recordUsage(tenantId, { cacheHits: 1 }, deps);
    return {
      output: parsedHit.data,
      usage: { inputTokens: hit.inputTokens, outputTokens: hit.outputTokens },
      costMicros: 0,
      provider: ai.name,
      model: hit.model,
      cached: true,
      rendered,
    };
  }

  // Only a paid call spends the tenant's share of the provider; the cache and offline are free.
  // Taken before the budget is reserved, so a refused token leaves nothing to release.
  await takeProviderToken(tenantId, 'openai', { maxWaitMs: options.maxTokenWaitMs });
  // Held before the call and settled after, so concurrent calls cannot together pass the budget.
  const reservation = await reserveBudget(
    tenantId,
    worstCaseMicros(prompt.model, { ...rendered, schema: sentSchema }),
    deps,
  );
  const answer = await ai.generate(task).catch(async (error: unknown) => {
    // An unusable answer was still billed: count it, or a failing prompt would spend unseen.
    if (error instanceof AiOutputInvalidError && error.usage) {
      await recordUsage(
        tenantId,
        { ...error.usage, costMicros: costMicros(prompt.model, error.usage) },
        deps,
        reservation,
      );
    } else {
      await releaseBudget(tenantId, reservation, deps);
    }
    throw error;
  });
  const cost = costMicros(answer.model, answer.usage);
  const now = deps.now();
  await Promise.all([
    recordUsage(
      tenantId,
      { inputTokens: answer.usage.inputTokens, outputTokens: answer.usage.outputTokens, costMicros: cost },
      deps,
      reservation,
    ),
    deps.db.entities.aiCacheEntry
      .put({
        tenantId,
        inputHash,
        provider: answer.provider,
        model: answer.model,
        output: answer.output,
        inputTokens: answer.usage.inputTokens,
        outputTokens: answer.usage.outputTokens,
        createdAt: now,
        ttl: Math.floor(Date.parse(now) / 1000) + CACHE_TTL_SECONDS,
      })
      .go(),
  ]);
  return { ...answer, costMicros: cost, cached: false, rendered };
}
