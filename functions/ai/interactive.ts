import type * as z from 'zod';
import type { CompanyFacts } from './facts.js';
import { AiOutputInvalidError, AiRejectedError, AiUnavailableError, type AiProvider } from './provider.js';
import { CALL_LIMITS, providerFor, runPrompt, type PromptContent, type PromptRun } from './runner.js';
import type { PromptCategory } from '../shared/enums.js';
import type { Deps } from '../shared/deps.js';
import { DomainRuleError, HttpError } from '../shared/errors.js';
import type { OutputOf } from './schemas.js';

/** What the provider said, as a problem the person waiting can act on. */
function asProblem(error: unknown): never {
  if (error instanceof AiRejectedError)
    throw new DomainRuleError(`The AI provider refused the request: ${error.message}`);
  if (error instanceof AiOutputInvalidError) {
    throw new DomainRuleError(
      `The model answered in an unexpected shape: ${error.message}`,
      error.issues.map((i) => ({ path: `output.${i.path}`, message: i.message })),
    );
  }
  if (error instanceof AiUnavailableError) {
    throw new HttpError(
      503,
      'https://quoteflow.app/problems/ai-unavailable',
      'The AI provider is unavailable',
      error.message,
      undefined,
      { 'retry-after': String(error.retryAfterSeconds ?? 30) },
    );
  }
  throw error;
}

/** Below this much time left, the AI call is not started at all: it could not finish. */
const MIN_AI_MS = 2_000;

/** The answer when the time runs out before the model could be asked or could answer. */
const outOfTime = (detail: string) =>
  new HttpError(503, 'https://quoteflow.app/problems/timeout', 'The AI ran out of time', detail, undefined, {
    'retry-after': '5',
  });

/**
 * Runs a prompt for someone waiting on an HTTP answer: the OpenAI call gets what is left before
 * `deadline` (a performance.now() instant) and is cut off before it, so no answer arrives after the
 * client stopped waiting, and the provider's failures become problems (422, 503 with retry-after).
 */
export async function runWhileWaiting<C extends PromptCategory>(
  tenantId: string,
  prompt: PromptContent & { category: C },
  facts: CompanyFacts,
  deadline: number,
  deps: Deps & { provider?: AiProvider },
  schema?: z.ZodType<OutputOf<C>>,
): Promise<PromptRun<OutputOf<C>> & { durationMs: number }> {
  const started = performance.now();
  const left = Math.floor(deadline - started);
  if (left < MIN_AI_MS) throw outOfTime('Gathering the company’s facts took the time the model needed. Try again.');
  const limits = { ...CALL_LIMITS.interactive, timeoutMs: Math.min(CALL_LIMITS.interactive.timeoutMs, left) };
  const provider = deps.provider ?? (await providerFor(tenantId, deps, limits));
  const run = await runPrompt(tenantId, prompt, facts, deps, provider, { schema }).catch(asProblem);
  return { ...run, durationMs: Math.round(performance.now() - started) };
}
