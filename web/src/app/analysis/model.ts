import type { InfiniteData } from '@tanstack/react-query';
import type { AnalysisRunSummary, AnalysisRunView } from '../../../../functions/analysis/contract';
import type { RunStatus, RunStep } from '../../../../functions/shared/enums';

/** Which prompt a run used, as the result lists it. */
export type PromptUsed = NonNullable<NonNullable<AnalysisRunSummary['prompts']>['analysis']>;
/** One score with the factors behind it. */
export type ScoreResult = NonNullable<AnalysisRunSummary['scores']>['leadScore'];

/** The workflow's steps in order, as the progress list shows them. */
export const ANALYSIS_STEPS: { id: Exclude<RunStep, 'done'>; label: string; doing: string }[] = [
  { id: 'gather', label: 'Gathering facts', doing: 'Gathering facts about the company, its contacts and activities…' },
  { id: 'analyse', label: 'Analysing', doing: 'Analysing opportunities, risks and competitors…' },
  { id: 'score', label: 'Scoring', doing: 'Scoring the lead and the account’s health…' },
  { id: 'persist', label: 'Saving', doing: 'Saving the results…' },
];

/** The API treats a run that has not moved for this long as lost (functions/analysis/service.ts). */
const STALE_RUN_MS = 10 * 60_000;

export const isActive = (status: RunStatus) => status === 'queued' || status === 'running';

/** Queued or running, and not abandoned (e.g. the service restarted mid-run). */
export const isInFlight = (run: Pick<AnalysisRunSummary, 'status' | 'updatedAt'>, now = Date.now()) =>
  isActive(run.status) && now - Date.parse(run.updatedAt) < STALE_RUN_MS;

/** Queued or running but not touched for so long that it will never finish. */
export const isInterrupted = (run: Pick<AnalysisRunSummary, 'status' | 'updatedAt'>, now = Date.now()) =>
  isActive(run.status) && !isInFlight(run, now);

/** The index of the step under way (0–3); 4 once everything is done. */
export function stepIndex(step: RunStep): number {
  const i = ANALYSIS_STEPS.findIndex((s) => s.id === step);
  return i === -1 ? ANALYSIS_STEPS.length : i;
}

/** "$0.0123" from US-dollar millionths. */
export const formatCost = (micros: number) => `$${(micros / 1_000_000).toFixed(4)}`;

/** "+10", "−8" (a real minus sign), "±0". */
export const formatImpact = (impact: number) =>
  impact > 0 ? `+${impact}` : impact < 0 ? `\u2212${Math.abs(impact)}` : '±0';

/** What a screen reader says for an impact. */
export const spokenImpact = (impact: number) =>
  impact > 0 ? `plus ${impact}` : impact < 0 ? `minus ${Math.abs(impact)}` : 'no effect';

/** The provider as the result and history show it. */
export function providerLabel(run: Pick<AnalysisRunSummary, 'provider' | 'model'>): string | undefined {
  if (run.provider === 'offline') return 'Offline analysis';
  if (run.provider === 'openai') return run.model ? `OpenAI · ${run.model}` : 'OpenAI';
  return undefined;
}

const SOURCE_LABELS: Record<PromptUsed['source'], string> = {
  tenant: 'Your workspace',
  system: 'Quoteflow',
  default: 'Built-in default',
};

/** "Your workspace · v3", "Built-in default". */
export function promptSource(prompt: PromptUsed): string {
  const source = SOURCE_LABELS[prompt.source] ?? prompt.source;
  return prompt.version ? `${source} · v${prompt.version}` : source;
}

/** A score's colour band, always shown beside the number (never colour alone). */
export const scoreBand = (score: number) => (score >= 70 ? 'high' : score >= 40 ? 'mid' : 'low');

type RunPages = InfiniteData<{ items: AnalysisRunSummary[]; cursor: string | null }>;

/** The runs of every loaded page, newest first (run ids are ULIDs), each once. */
export function runsOf(data: RunPages | undefined): AnalysisRunSummary[] {
  const byId = new Map<string, AnalysisRunSummary>();
  for (const run of data?.pages.flatMap((p) => p.items) ?? []) if (!byId.has(run.runId)) byId.set(run.runId, run);
  return [...byId.values()].sort((a, b) => b.runId.localeCompare(a.runId));
}

/** The cached history with `run` replacing its older copy, or added to the first page. */
export function withRun(data: RunPages | undefined, run: AnalysisRunView): RunPages | undefined {
  if (!data) return data;
  const { facts: _facts, ...summary } = run;
  const known = data.pages.some((p) => p.items.some((r) => r.runId === run.runId));
  const pages = data.pages.map((page, i) => ({
    ...page,
    items: known
      ? page.items.map((r) => (r.runId === run.runId ? summary : r))
      : i === 0
        ? [summary, ...page.items]
        : page.items,
  }));
  return { ...data, pages };
}
