import { runWhileWaiting } from '../ai/interactive.js';
import type { AiProvider } from '../ai/provider.js';
import { PROMPT_TEST_BUDGET_MS } from '../shared/budgets.js';
import { assertWithinBudget } from '../ai/usage.js';
import { gatherFacts, type CompaniesHouseLookup } from '../analysis/facts.js';
import { catalogFacts } from '../catalog/facts.js';
import { getCompany } from '../companies/service.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { quoteDraftPrompt } from './quote-draft.js';
import { promptForTest, type PromptActor } from './service.js';
import type { PromptTestResult } from './contract.js';
import type { TestPromptInput } from './schema.js';

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
  const [known, catalog] = await Promise.all([
    gatherFacts(company, deps, deps.companiesHouse),
    prompt.category === 'quote_draft' ? catalogFacts(ctx, deps) : undefined,
  ]);
  const facts = { ...known, requirements: input.requirements, catalog };
  // A quote draft's test renders what POST /v1/quotes/draft sends (the catalog always included).
  const content = prompt.category === 'quote_draft' ? quoteDraftPrompt(prompt) : prompt;
  const run = await runWhileWaiting(ctx.tenantId, content, facts, deadline, deps);
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
    durationMs: run.durationMs,
  };
}
