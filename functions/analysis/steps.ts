import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { defaultDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { companiesHouseLookup } from './companies-house-lookup.js';
import { analyseStep, gatherStep, persistStep, scoreStep, type PipelineDeps } from './pipeline.js';
import { failRun, reasonFor } from './run-state.js';
import { traceInvocations } from '../shared/observability.js';
import { asFunctionRole } from '../data/tenant-scope.js';

const runKey = z.object({ tenantId: z.string().min(1), companyId: z.string().min(1), runId: z.string().min(1) });

/** What the workflow's Task states send (functions/analysis/workflow.asl.json). */
const stepEvent = z.discriminatedUnion('step', [
  z.object({ step: z.enum(['gather', 'analyse', 'score', 'persist']), run: runKey }),
  z.object({
    step: z.literal('fail'),
    run: runKey,
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }),
  }),
]);

const deps: PipelineDeps = { ...defaultDeps, companiesHouse: companiesHouseLookup };

const STEPS = { gather: gatherStep, analyse: analyseStep, score: scoreStep, persist: persistStep };

/** Lambda puts `{errorType, errorMessage, trace}` JSON in Cause; keep only the message. */
function messageOf(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // Not JSON: the cause is the message itself.
  }
  return cause;
}

/** One task of the analysis workflow; errors propagate by name so the workflow can retry or catch them. */
async function runStep(raw: unknown): Promise<{ ok: true }> {
  const event = stepEvent.parse(raw);
  logger.appendKeys({ tenantId: event.run.tenantId, runId: event.run.runId, step: event.step });
  if (event.step === 'fail') {
    const failure = reasonFor(event.error.Error ?? '', messageOf(event.error.Cause));
    logger.warn('analysis failed', { error: event.error.Error, code: failure.code });
    await failRun(event.run, failure, deps);
  } else {
    await STEPS[event.step](event.run, deps);
  }
  return { ok: true };
}

export const handler = middy<unknown, { ok: true }>()
  .use(injectLambdaContext(logger))
  .use(traceInvocations())
  // Cross-tenant background work: the function's own role, chosen here on purpose (tenant-scope.ts).
  .handler((raw: unknown) => asFunctionRole('the analysis workflow', () => runStep(raw)));
