import * as z from 'zod';
import { defineContract, idParams, page, READ, WRITE } from '../shared/contract.js';
import { RUN_STATUSES, RUN_STEPS, STAGES } from '../shared/enums.js';
import { promptScope } from '../prompts/contract.js';
import { aiProviderName } from '../settings/contract.js';
import { listRunsSchema, startBatchSchema } from './schema.js';

/** Which prompt a run used: the workspace's override, the platform's, or the built-in one. */
export const promptUsedView = z.object({
  source: promptScope,
  promptId: z.string().optional(),
  version: z.number().int().optional(),
  name: z.string(),
  model: z.string(),
});

/**
 * The results as stored on the run. These describe the history the API returns, so they carry no
 * length limits: those belong to the output schemas the AI must meet (functions/ai/schemas.ts).
 */
const finding = z.object({ title: z.string(), detail: z.string(), evidence: z.string() });
export const analysisResultView = z.object({
  summary: z.string(),
  opportunities: z.array(finding),
  risks: z.array(finding),
  competitors: z.array(z.object({ name: z.string(), detail: z.string(), evidence: z.string() })),
  nextActions: z.array(z.object({ action: z.string(), reason: z.string(), evidence: z.string() })),
});

/** One reason behind a score: a signed impact (−50..50) and the data it came from. */
const scoreView = z.object({
  score: z.number().int(),
  factors: z.array(z.object({ label: z.string(), impact: z.number().int(), evidence: z.string() })),
});
export const scoresView = z.object({ leadScore: scoreView, healthScore: scoreView });

/** One AI analysis of a company: progress, result, prompts used and cost. */
export const analysisRunView = z
  .object({
    companyId: z.string(),
    runId: z.string(),
    status: z.enum(RUN_STATUSES),
    step: z.enum(RUN_STEPS),
    trigger: z.enum(['manual', 'bulk']),
    batchId: z.string().optional(),
    requestedBy: z.string(),
    requestedByName: z.string(),
    provider: aiProviderName.optional(),
    model: z.string().optional(),
    cached: z.boolean().optional(),
    prompts: z.object({ analysis: promptUsedView.optional(), scoring: promptUsedView.optional() }).optional(),
    analysis: analysisResultView.optional(),
    scores: scoresView.optional(),
    error: z.object({ code: z.string(), reason: z.string() }).optional(),
    inputTokens: z.number().int().optional(),
    outputTokens: z.number().int().optional(),
    /** US dollars in millionths. */
    costMicros: z.number().int().optional(),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    updatedAt: z.string(),
    /** What the prompts were rendered from (one run only; lists leave it out). */
    facts: z.unknown().optional(),
  })
  .meta({ id: 'AnalysisRun' });
export type AnalysisRunView = z.output<typeof analysisRunView>;

/** A run in a company's history: everything but the facts. */
export const analysisRunSummary = analysisRunView.omit({ facts: true });
export type AnalysisRunSummary = z.output<typeof analysisRunSummary>;

/** The run an analysis request started, or the one already in progress for the company. */
export const analysisStarted = z.object({ runId: z.string(), status: z.enum(RUN_STATUSES) });
export type AnalysisStarted = z.output<typeof analysisStarted>;

/** An analysis of every company in one stage, with its progress. */
export const analysisBatchView = z
  .object({
    batchId: z.string(),
    stage: z.enum(STAGES),
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    /** Every run finished, or the batch stopped moving. */
    done: z.boolean(),
    requestedBy: z.string(),
    requestedByName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AnalysisBatch' });
export type AnalysisBatchView = z.output<typeof analysisBatchView>;

const company = idParams('companyId');

/** AI analysis: one company through the workflow, or every company of a stage through the bulk queue. */
export const analysisApi = defineContract('analysis', {
  start: {
    method: 'POST',
    path: '/v1/companies/{companyId}/analysis',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Start an analysis of a company (or get the one already running)',
    params: company,
    response: analysisStarted,
    status: 202,
  },
  list: {
    method: 'GET',
    path: '/v1/companies/{companyId}/analysis',
    auth: 'tenant',
    roles: READ,
    summary: 'A company’s analyses, newest first, without their facts',
    params: company,
    query: listRunsSchema,
    response: page(analysisRunSummary),
  },
  get: {
    method: 'GET',
    path: '/v1/companies/{companyId}/analysis/{runId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One analysis with its progress, result, facts, prompts and cost',
    params: idParams('companyId', 'runId'),
    response: analysisRunView,
  },
  startBatch: {
    method: 'POST',
    path: '/v1/analysis-batches',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Analyse every company in a stage',
    body: startBatchSchema,
    response: analysisBatchView,
    status: 202,
  },
  listBatches: {
    method: 'GET',
    path: '/v1/analysis-batches',
    auth: 'tenant',
    roles: READ,
    summary: 'The workspace’s bulk analyses, newest first',
    query: listRunsSchema,
    response: page(analysisBatchView),
  },
  getBatch: {
    method: 'GET',
    path: '/v1/analysis-batches/{batchId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One bulk analysis with its progress',
    params: idParams('batchId'),
    response: analysisBatchView,
  },
});
