import { diffFields } from '../activities/timeline.js';
import type { CompanyFacts } from '../ai/facts.js';
import type { AiProvider } from '../ai/provider.js';
import { runPrompt, providerFor, type PromptRun } from '../ai/runner.js';
import type { CompanyAnalysis, LeadScoring } from '../ai/schemas.js';
import { assertWithinBudget } from '../ai/usage.js';
import type { AnalysisRun } from '../data/analysis-run.js';
import { isConditionFailure, TransactionCancelledError } from '../data/transaction.js';
import { writeVersioned } from '../data/versioned-write.js';
import { resolvePrompt, type ResolvedPrompt } from '../prompts/resolver.js';
import type { Deps } from '../shared/deps.js';
import { gatherFacts, type CompaniesHouseLookup } from './facts.js';
import { finished, releaseLock, RunFailedError, TransientError, type RunKey } from './run-state.js';

export interface PipelineDeps extends Deps {
  companiesHouse?: CompaniesHouseLookup;
  /** Overrides provider selection (tests, benchmarks). */
  provider?: AiProvider;
}

const ACTOR_NAME = 'AI analysis';

/**
 * A step waits this long for the tenant's next OpenAI token (one a second at the real limit), then
 * throws TenantRateLimitedError for the workflow's Retry or the queue's redelivery. Part of the
 * step's time budget, beside its calls (functions/ai/runner.ts CALL_LIMITS).
 */
const AI_TOKEN_WAIT_MS = 5_000;

async function loadRun(key: RunKey, deps: Deps): Promise<AnalysisRun> {
  const { data } = await deps.db.entities.analysisRun.get(key).go();
  if (!data) throw new RunFailedError('run-missing', 'This analysis run no longer exists');
  return data;
}

/**
 * The run if it is at `step`, else undefined: a redelivered message or a retried task whose
 * reply was lost must not redo (and pay for) a step that already landed.
 */
async function runAt(key: RunKey, step: AnalysisRun['step'], deps: Deps): Promise<AnalysisRun | undefined> {
  const run = await loadRun(key, deps);
  return finished(run) || run.step !== step ? undefined : run;
}

/** Moves a run on from `step` with `changes`, only if no one else already did. */
async function advance(
  key: RunKey,
  step: AnalysisRun['step'],
  changes: Partial<AnalysisRun>,
  deps: Deps,
): Promise<void> {
  try {
    await deps.db.entities.analysisRun
      .patch(key)
      .set(changes)
      .where((attr, op) => `${op.eq(attr.step, step)} AND ${op.ne(attr.status, 'failed')}`)
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

async function loadCompany(key: RunKey, deps: Deps) {
  const { data } = await deps.db.entities.company.get({ tenantId: key.tenantId, companyId: key.companyId }).go();
  if (!data) throw new RunFailedError('company-deleted', 'The company was deleted before the analysis finished');
  return data;
}

const promptUsed = (p: ResolvedPrompt) => ({
  source: p.source,
  promptId: p.promptId ?? undefined,
  version: p.version ?? undefined,
  name: p.name,
  model: p.model,
});

/** Step 1: gather the company's facts (record, contacts, activities, public record). */
export async function gatherStep(key: RunKey, deps: PipelineDeps): Promise<void> {
  const run = await runAt(key, 'gather', deps);
  if (!run) return;
  const company = await loadCompany(key, deps);
  const facts = await gatherFacts(company, deps, deps.companiesHouse);
  const now = deps.now();
  await advance(
    key,
    'gather',
    { status: 'running', step: 'analyse', facts, startedAt: run.startedAt ?? now, updatedAt: now },
    deps,
  );
}

async function runStep<T>(
  key: RunKey,
  step: 'analyse' | 'score',
  category: 'company_analysis' | 'lead_scoring',
  deps: PipelineDeps,
): Promise<{ run: AnalysisRun; result: PromptRun<T>; prompt: ResolvedPrompt } | undefined> {
  const run = await runAt(key, step, deps);
  if (!run) return undefined;
  await assertWithinBudget(key.tenantId, deps);
  const prompt = await resolvePrompt(key.tenantId, category, deps);
  const provider = deps.provider ?? (await providerFor(key.tenantId, deps));
  const result = (await runPrompt(key.tenantId, prompt, run.facts as CompanyFacts, deps, provider, {
    maxTokenWaitMs: AI_TOKEN_WAIT_MS,
  })) as PromptRun<T>;
  return { run, result, prompt };
}

function usageOf(run: AnalysisRun, result: PromptRun<unknown>) {
  return {
    provider: result.provider,
    model: result.model,
    inputTokens: (run.inputTokens ?? 0) + (result.cached ? 0 : result.usage.inputTokens),
    outputTokens: (run.outputTokens ?? 0) + (result.cached ? 0 : result.usage.outputTokens),
    costMicros: (run.costMicros ?? 0) + result.costMicros,
    cached: (run.cached ?? true) && result.cached,
  };
}

/** Step 2: summary, opportunities, risks, competitors and next actions. */
export async function analyseStep(key: RunKey, deps: PipelineDeps): Promise<void> {
  const done = await runStep<CompanyAnalysis>(key, 'analyse', 'company_analysis', deps);
  if (!done) return;
  const { run, result, prompt } = done;
  const changes = {
    step: 'score',
    analysis: result.output,
    prompts: { ...run.prompts, analysis: promptUsed(prompt) },
  } as const;
  await advance(key, 'analyse', { ...changes, ...usageOf(run, result), updatedAt: deps.now() }, deps);
}

/** Step 3: lead and health scores with the factors that drove them. */
export async function scoreStep(key: RunKey, deps: PipelineDeps): Promise<void> {
  const done = await runStep<LeadScoring>(key, 'score', 'lead_scoring', deps);
  if (!done) return;
  const { run, result, prompt } = done;
  const changes = {
    step: 'persist',
    scores: result.output,
    prompts: { ...run.prompts, scoring: promptUsed(prompt) },
  } as const;
  await advance(key, 'score', { ...changes, ...usageOf(run, result), updatedAt: deps.now() }, deps);
}

/** Step 4: the scores land on the company (with a timeline entry) and the run succeeds, in one transaction. */
export async function persistStep(key: RunKey, deps: PipelineDeps): Promise<void> {
  const run = await runAt(key, 'persist', deps);
  if (!run) return;
  const company = await loadCompany(key, deps);
  const scores = run.scores as LeadScoring;
  const now = deps.now();
  const after = {
    ...company,
    leadScore: scores.leadScore.score,
    healthScore: scores.healthScore.score,
    lastAnalysisRunId: key.runId,
    lastAnalysedAt: now,
    version: company.version + 1,
    updatedAt: now,
  };
  const changes = diffFields(company, after, ['leadScore', 'healthScore']);
  try {
    await writeVersioned(deps.db, {
      entity: 'company',
      op: 'update',
      item: after,
      also: ({ timelineEntry: t, analysisRun: r, analysisBatch: b, analysisOutbox: o }) => [
        t
          .create({
            tenantId: key.tenantId,
            companyId: key.companyId,
            entryId: deps.newId(),
            at: now,
            actorId: run.requestedBy,
            actorName: `${ACTOR_NAME} (requested by ${run.requestedByName})`,
            action: 'updated',
            subjectType: 'company',
            subjectId: key.companyId,
            subjectName: company.name,
            changes,
          })
          .commit(),
        r
          .patch(key)
          .set({ status: 'succeeded', step: 'done', finishedAt: now, updatedAt: now })
          .where((attr, op) => op.eq(attr.step, 'persist'))
          .commit(),
        // A bulk run counts towards its batch exactly once, and leaves the outbox, in the
        // transaction that finishes it: a batch that reads as done has nothing left to resume.
        ...(run.batchId
          ? [
              b
                .patch({ tenantId: key.tenantId, batchId: run.batchId })
                .add({ succeeded: 1 })
                .set({ updatedAt: now })
                .commit(),
              o.delete({ tenantId: key.tenantId, batchId: run.batchId, runId: key.runId }).commit(),
            ]
          : []),
      ],
      conflict: () => new TransientError('The company changed while the analysis was saved'),
    });
    await releaseLock(key, deps);
  } catch (error) {
    // Any cancellation (a version race, a concurrent transaction) is worth another try.
    if (error instanceof TransientError || error instanceof TransactionCancelledError || isConditionFailure(error)) {
      throw new TransientError('The company changed while the analysis was saved; retrying');
    }
    throw error;
  }
}

/** All four steps in one go: the bulk consumer's path (the workflow runs them as separate tasks). */
export async function runAllSteps(key: RunKey, deps: PipelineDeps): Promise<void> {
  await gatherStep(key, deps);
  await analyseStep(key, deps);
  await scoreStep(key, deps);
  await persistStep(key, deps);
}
