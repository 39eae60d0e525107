import { CALL_LIMITS, providerFor, runPrompt } from '../ai/runner.js';
import type { AiProvider } from '../ai/provider.js';
import { PROMPT_TEST_BUDGET_MS } from '../shared/budgets.js';
import { assertWithinBudget } from '../ai/usage.js';
import { gatherFacts, type CompaniesHouseLookup } from '../analysis/facts.js';
import { getCompany } from '../companies/service.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { promptForTest, type PromptActor } from './service.js';
import type { PromptTestResult } from './contract.js';
import type { TestPromptInput } from './schema.js';
import { AiOutputInvalidError, AiRejectedError, AiUnavailableError } from '../ai/provider.js';
import { DomainRuleError, HttpError } from '../shared/errors.js';

/** What the provider said, as a problem the person testing the prompt can act on. */
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
      {
        'retry-after': String(error.retryAfterSeconds ?? 30),
      },
    );
  }
  throw error;
}

/** Below this much budget left, the AI call is not started at all: it could not finish. */
const MIN_AI_MS = 2_000;

/** The answer when the budget runs out before the model could be asked or could answer. */
const outOfTime = (detail: string) =>
  new HttpError(503, 'https://quoteflow.app/problems/timeout', 'The test run ran out of time', detail, undefined, {
    'retry-after': '5',
  });

/**
 * Renders a prompt (saved, or the unsaved draft) against a company and runs it, all within
 * PROMPT_TEST_BUDGET_MS (26 s, under API Gateway's 30 s): the OpenAI call gets what the budget
 * has left and is cut off before it ends, so no answer arrives after the client stopped waiting.
 * Nothing about the prompt or the company is saved; tokens are counted only for an answer that
 * arrived (a call cut off is not billed to the month's usage).
 */
export async function testPrompt(
  ctx: TenantContext,
  actor: PromptActor,
  promptId: string,
  input: TestPromptInput,
  deps: Deps & { companiesHouse?: CompaniesHouseLookup; provider?: AiProvider; budgetMs?: number },
): Promise<PromptTestResult> {
  const deadline = performance.now() + (deps.budgetMs ?? PROMPT_TEST_BUDGET_MS);
  const prompt = await promptForTest(actor, promptId, input.draft, deps);
  const company = await getCompany(ctx, input.companyId, deps);
  await assertWithinBudget(ctx.tenantId, deps);
  const facts = { ...(await gatherFacts(company, deps, deps.companiesHouse)), requirements: input.requirements };
  const started = performance.now();
  const left = Math.floor(deadline - started);
  if (left < MIN_AI_MS) throw outOfTime('Gathering the company’s facts took the time the model needed. Try again.');
  const limits = { ...CALL_LIMITS.interactive, timeoutMs: Math.min(CALL_LIMITS.interactive.timeoutMs, left) };
  const provider = deps.provider ?? (await providerFor(ctx.tenantId, deps, limits));
  const run = await runPrompt(ctx.tenantId, prompt, facts, deps, provider).catch(asProblem);
  return {
    prompt: {
      promptId: prompt.promptId,
      version: prompt.version,
      model: prompt.model,
      temperature: prompt.temperature,
      draft: !!input.draft,
    },
    rendered: run.rendered,
    output: run.output,
    provider: run.provider,
    model: run.model,
    usage: run.usage,
    costMicros: run.costMicros,
    cached: run.cached,
    durationMs: Math.round(performance.now() - started),
  };
}
