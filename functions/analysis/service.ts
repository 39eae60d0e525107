import { assertWithinBudget, recordUsage } from '../ai/usage.js';
import type { AnalysisBatch, AnalysisRun } from '../data/analysis-run.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, DomainRuleError, NotFoundError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import { getCompany } from '../companies/service.js';
import { companyLive } from '../companies/tombstone.js';
import type { AnalysisPorts } from './ports.js';
import { failRun } from './run-state.js';
import type { FanoutMessage, StartBatchInput } from './schema.js';
import type { AnalysisBatchView, AnalysisRunSummary, AnalysisRunView, AnalysisStarted } from './contract.js';
import type { PromptScope } from '../prompts/contract.js';
import type { AiProviderName } from '../settings/contract.js';
import type { Stage } from '../shared/enums.js';

export type AnalysisDeps = Deps & AnalysisPorts;

/** A run that has not moved for this long is treated as lost (e.g. the local cloud restarted mid-run). */
export const STALE_RUN_MS = 10 * 60_000;

/** The largest stage a bulk run accepts in one go. */
export const MAX_BATCH = 5000;

const isStale = (updatedAt: string, now: string) => Date.parse(now) - Date.parse(updatedAt) >= STALE_RUN_MS;

/**
 * A run that stopped moving (its worker was lost, e.g. the local cloud restarted mid-run, whose
 * queues live in memory) is reported as failed rather than spinning forever.
 */
function toRunView({ tenantId: _t, provider, prompts, error, ...run }: AnalysisRun, now: string): AnalysisRunView {
  const view: AnalysisRunView = {
    ...run,
    // Stored as plain strings, written only from typed values (the provider's name, the resolver's source).
    provider: provider as AiProviderName | undefined,
    prompts: prompts && { analysis: promptUsed(prompts.analysis), scoring: promptUsed(prompts.scoring) },
    error: error && { code: error.code ?? 'internal', reason: error.reason ?? '' },
  };
  if ((run.status === 'queued' || run.status === 'running') && isStale(run.updatedAt, now)) {
    return {
      ...view,
      status: 'failed',
      error: { code: 'interrupted', reason: 'This analysis stopped responding and was abandoned. Run it again.' },
    };
  }
  return view;
}

type StoredPromptUsed = NonNullable<AnalysisRun['prompts']>['analysis'];
const promptUsed = (p: StoredPromptUsed) => p && { ...p, source: p.source as PromptScope };

const toBatchView = ({ tenantId: _t, ...batch }: AnalysisBatch, now: string): AnalysisBatchView => {
  const succeeded = batch.succeeded ?? 0;
  const failed = batch.failed ?? 0;
  const finished = succeeded + failed >= batch.total;
  // The stage is stored as a plain string, written only from a validated request.
  return { ...batch, stage: batch.stage as Stage, succeeded, failed, done: finished || isStale(batch.updatedAt, now) };
};

const inProgress = (run: AnalysisRun, now: string) =>
  (run.status === 'queued' || run.status === 'running') && !isStale(run.updatedAt, now);

/**
 * Starts an analysis of one company through the workflow. While one is running, starting again
 * (a double click, a colleague) returns the running one instead of paying twice.
 */
export async function startAnalysis(
  ctx: TenantContext,
  companyId: string,
  deps: AnalysisDeps,
): Promise<AnalysisStarted> {
  await getCompany(ctx, companyId, deps);
  await assertWithinBudget(ctx.tenantId, deps);
  const now = deps.now();
  const run: AnalysisRun = {
    tenantId: ctx.tenantId,
    companyId,
    runId: deps.newId(),
    status: 'queued',
    step: 'gather',
    trigger: 'manual',
    requestedBy: ctx.userId,
    requestedByName: ctx.name,
    createdAt: now,
    updatedAt: now,
  };
  const held = await claimLock(run, deps);
  if (held) return held;
  await recordUsage(ctx.tenantId, { runs: 1 }, deps);
  const key = { tenantId: run.tenantId, companyId, runId: run.runId };
  try {
    await deps.startWorkflow('analysis', run.runId, { run: key });
  } catch (error) {
    await failRun(key, { code: 'not-started', reason: 'The analysis could not be started. Try again.' }, deps);
    throw error;
  }
  return { runId: run.runId, status: run.status };
}

/**
 * Creates the run together with the company's lock. Returns the run holding the lock instead
 * when another is still in progress; a lock left by a finished or lost run is taken over.
 */
async function claimLock(run: AnalysisRun, deps: Deps): Promise<AnalysisStarted | undefined> {
  const nowMs = Date.parse(run.createdAt);
  const lock = {
    tenantId: run.tenantId,
    companyId: run.companyId,
    runId: run.runId,
    expiresAt: nowMs + STALE_RUN_MS,
    ttl: Math.ceil((nowMs + STALE_RUN_MS) / 1000) + 86_400,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    const { data: current } = await deps.db.entities.analysisLock
      .get({ tenantId: run.tenantId, companyId: run.companyId })
      .go();
    if (current && current.expiresAt > nowMs) {
      const { data: holder } = await deps.db.entities.analysisRun
        .get({ tenantId: run.tenantId, companyId: run.companyId, runId: current.runId })
        .go();
      if (holder && inProgress(holder, run.createdAt)) return { runId: holder.runId, status: holder.status };
    }
    const result = await deps.db.transaction
      .write(({ analysisLock, analysisRun, company }) => [
        // The run and lock are the company's children: none lands once it is deleted.
        companyLive({ company }, run),
        analysisLock
          .put(lock)
          .where((attr, op) => (current ? op.eq(attr.runId, current.runId) : op.notExists(attr.runId)))
          .commit(),
        analysisRun.create(run).commit(),
      ])
      .go();
    if (!result.canceled) return undefined;
    if (result.data[0]?.code === 'ConditionalCheckFailed') throw new NotFoundError('Company');
  }
  throw new ConflictError('Several analyses of this company were started at once; try again');
}

/** A company's runs, newest first, each with its result (facts left out: fetch one run for those). */
export async function listRuns(
  ctx: TenantContext,
  companyId: string,
  page: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<AnalysisRunSummary>> {
  await getCompany(ctx, companyId, deps);
  // A cursor from another company's history names another partition: refused like a foreign tenant's.
  const runs = deps.db.entities.analysisRun.query.byCompany({ tenantId: ctx.tenantId, companyId });
  const result = await runs.go({ order: 'desc', count: page.limit, cursor: checkCursor(page.cursor, runs) });
  const now = deps.now();
  return mapPage(result, (run) => {
    const { facts: _f, ...view } = toRunView(run, now);
    return view;
  });
}

/** One run with everything: status and step (for progress), result, facts used, prompts, cost. */
export async function getRun(
  ctx: TenantContext,
  companyId: string,
  runId: string,
  deps: Deps,
): Promise<AnalysisRunView> {
  const { data } = await deps.db.entities.analysisRun.get({ tenantId: ctx.tenantId, companyId, runId }).go();
  if (!data) throw new NotFoundError('Analysis run');
  return toRunView(data, deps.now());
}

/**
 * Starts an analysis of every company in a stage and answers at once: the stage is only counted
 * here (a bounded query, below), and the batch-fanout queue pages through it writing the runs
 * and their work messages (functions/analysis/fanout.ts). Progress is counted on the batch.
 */
export async function startBatch(
  ctx: TenantContext,
  input: StartBatchInput,
  deps: AnalysisDeps,
): Promise<AnalysisBatchView> {
  await assertWithinBudget(ctx.tenantId, deps);
  const total = await countUpTo(ctx.tenantId, input.stage, MAX_BATCH + 1, deps);
  if (total === 0) {
    throw new DomainRuleError(`There are no companies in the ${input.stage} stage to analyse`, [
      { path: 'stage', message: 'No companies' },
    ]);
  }
  if (total > MAX_BATCH) {
    throw new DomainRuleError(`A bulk analysis takes at most ${MAX_BATCH} companies; this stage has more`, [
      { path: 'stage', message: 'Too many companies' },
    ]);
  }
  const now = deps.now();
  const batch: AnalysisBatch = {
    tenantId: ctx.tenantId,
    batchId: deps.newId(),
    stage: input.stage,
    total,
    fanoutOffset: 0,
    succeeded: 0,
    failed: 0,
    requestedBy: ctx.userId,
    requestedByName: ctx.name,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.entities.analysisBatch.create(batch).go();
  const first: FanoutMessage = {
    tenantId: ctx.tenantId,
    batchId: batch.batchId,
    stage: input.stage,
    cursor: null,
    offset: 0,
    requestedBy: ctx.userId,
    requestedByName: ctx.name,
  };
  try {
    await deps.sendMessages('batch-fanout', [first]);
  } catch (error) {
    // Nothing was queued: leave no batch that would never move.
    await deps.db.entities.analysisBatch.delete({ tenantId: ctx.tenantId, batchId: batch.batchId }).go();
    throw error;
  }
  return toBatchView(batch, now);
}

/**
 * How many companies the stage has, reading at most `max` keys (only `companyId` is returned):
 * the limit is checked before anything reads the whole stage.
 */
async function countUpTo(tenantId: string, stage: Stage, max: number, deps: Deps): Promise<number> {
  const { data } = await deps.db.entities.company.query
    .byStage({ tenantId, stage })
    .go({ count: max, limit: max, attributes: ['companyId'] });
  return data.length;
}

/** The tenant's bulk analyses, newest first. */
export async function listBatches(
  ctx: TenantContext,
  page: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<AnalysisBatchView>> {
  const batches = deps.db.entities.analysisBatch.query.byTenant({ tenantId: ctx.tenantId });
  const result = await batches.go({ order: 'desc', count: page.limit, cursor: checkCursor(page.cursor, batches) });
  const now = deps.now();
  return mapPage(result, (batch) => toBatchView(batch, now));
}

/** One bulk analysis with its progress counters. */
export async function getBatch(ctx: TenantContext, batchId: string, deps: Deps): Promise<AnalysisBatchView> {
  const { data } = await deps.db.entities.analysisBatch.get({ tenantId: ctx.tenantId, batchId }).go();
  if (!data) throw new NotFoundError('Bulk analysis');
  return toBatchView(data, deps.now());
}
