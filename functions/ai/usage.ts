import type { Deps } from '../shared/deps.js';
import { HttpError } from '../shared/errors.js';
import { recordAiUsage } from '../shared/observability.js';

/** The budget a tenant has until it sets its own: $20 a month. */
export const DEFAULT_MONTHLY_BUDGET_CENTS = 2000;

export const monthOf = (iso: string): string => iso.slice(0, 7);

/** Seconds from `iso` until the first instant of the next UTC month. */
export function secondsUntilNextMonth(iso: string): number {
  const d = new Date(iso);
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((next - d.getTime()) / 1000));
}

/** 429: the tenant's AI budget for this month is spent; Retry-After points at next month. */
export class BudgetExceededError extends HttpError {
  override name = 'BudgetExceededError';
  constructor(spentMicros: number, budgetCents: number, retryAfterSeconds: number) {
    const dollars = (micros: number) => `$${(micros / 1_000_000).toFixed(2)}`;
    super(
      429,
      'https://quoteflow.app/problems/ai-budget-exceeded',
      'AI budget reached',
      `This month's AI budget of ${dollars(budgetCents * 10_000)} is used up (${dollars(spentMicros)} spent). An owner or admin can raise it in Settings → AI; it resets at the start of next month.`,
      [{ path: 'monthlyBudget', message: 'Budget reached' }],
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

export interface UsageSnapshot {
  month: string;
  runs: number;
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  budgetCents: number;
}

/** This month's usage and budget for a tenant (two reads). */
export async function currentUsage(tenantId: string, deps: Deps): Promise<UsageSnapshot> {
  const month = monthOf(deps.now());
  const [usage, settings] = await Promise.all([
    deps.db.entities.aiUsage.get({ tenantId, month }).go(),
    deps.db.entities.aiSettings.get({ tenantId }).go(),
  ]);
  return {
    month,
    runs: usage.data?.runs ?? 0,
    cacheHits: usage.data?.cacheHits ?? 0,
    inputTokens: usage.data?.inputTokens ?? 0,
    outputTokens: usage.data?.outputTokens ?? 0,
    costMicros: usage.data?.costMicros ?? 0,
    budgetCents: settings.data?.monthlyBudgetCents ?? DEFAULT_MONTHLY_BUDGET_CENTS,
  };
}

/** Throws BudgetExceededError when this month's estimated cost has reached the budget. */
export async function assertWithinBudget(tenantId: string, deps: Deps): Promise<void> {
  const usage = await currentUsage(tenantId, deps);
  if (usage.costMicros >= usage.budgetCents * 10_000) {
    throw new BudgetExceededError(usage.costMicros, usage.budgetCents, secondsUntilNextMonth(deps.now()));
  }
}

/** Adds to this month's counters atomically (ADD), creating the month's row on first use, and to the AI metrics. */
export async function recordUsage(
  tenantId: string,
  delta: { runs?: number; cacheHits?: number; inputTokens?: number; outputTokens?: number; costMicros?: number },
  deps: Deps,
): Promise<void> {
  // Before the write: the tokens were spent whether or not the counter update lands.
  recordAiUsage(tenantId, delta);
  const now = deps.now();
  await deps.db.entities.aiUsage
    .upsert({ tenantId, month: monthOf(now) })
    .add({
      runs: delta.runs ?? 0,
      cacheHits: delta.cacheHits ?? 0,
      inputTokens: delta.inputTokens ?? 0,
      outputTokens: delta.outputTokens ?? 0,
      costMicros: delta.costMicros ?? 0,
    })
    .set({ updatedAt: now })
    .go();
}
