import type { AnalysisPromptUsed, AnalysisRun, AnalysisStatus, AnalysisStep } from '../../shared/types';

/** The workflow's steps in order, as the progress list shows them. */
export const ANALYSIS_STEPS: { id: Exclude<AnalysisStep, 'done'>; label: string; doing: string }[] = [
  { id: 'gather', label: 'Gathering facts', doing: 'Gathering facts about the company, its contacts and activities…' },
  { id: 'analyse', label: 'Analysing', doing: 'Analysing opportunities, risks and competitors…' },
  { id: 'score', label: 'Scoring', doing: 'Scoring the lead and the account’s health…' },
  { id: 'persist', label: 'Saving', doing: 'Saving the results…' },
];

/** The API treats a run that has not moved for this long as lost (functions/analysis/service.ts). */
const STALE_RUN_MS = 10 * 60_000;

export const isActive = (status: AnalysisStatus) => status === 'queued' || status === 'running';

/** Queued or running, and not abandoned (e.g. the service restarted mid-run). */
export const isInFlight = (run: Pick<AnalysisRun, 'status' | 'updatedAt'>, now = Date.now()) =>
  isActive(run.status) && now - Date.parse(run.updatedAt) < STALE_RUN_MS;

/** Queued or running but not touched for so long that it will never finish. */
export const isInterrupted = (run: Pick<AnalysisRun, 'status' | 'updatedAt'>, now = Date.now()) =>
  isActive(run.status) && !isInFlight(run, now);

/** The index of the step under way (0–3); 4 once everything is done. */
export function stepIndex(step: AnalysisStep): number {
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
export function providerLabel(run: Pick<AnalysisRun, 'provider' | 'model'>): string | undefined {
  if (run.provider === 'offline') return 'Offline analysis';
  if (run.provider === 'openai') return run.model ? `OpenAI · ${run.model}` : 'OpenAI';
  return undefined;
}

const SOURCE_LABELS: Record<AnalysisPromptUsed['source'], string> = {
  tenant: 'Your workspace',
  system: 'Quoteflow',
  default: 'Built-in default',
};

/** "Your workspace · v3", "Built-in default". */
export function promptSource(prompt: AnalysisPromptUsed): string {
  const source = SOURCE_LABELS[prompt.source] ?? prompt.source;
  return prompt.version ? `${source} · v${prompt.version}` : source;
}

/** A score's colour band, always shown beside the number (never colour alone). */
export const scoreBand = (score: number) => (score >= 70 ? 'high' : score >= 40 ? 'mid' : 'low');

/** Runs newest first (run ids are ULIDs), `run` replacing its older copy or added. */
export function upsertRun(items: AnalysisRun[], run: AnalysisRun): AnalysisRun[] {
  const { facts: _facts, ...summary } = run;
  const rest = items.filter((r) => r.runId !== run.runId);
  return [...rest, summary].sort((a, b) => b.runId.localeCompare(a.runId));
}
