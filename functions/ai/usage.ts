import { isConditionFailure } from '../data/transaction.js';
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

/** The snapshot plus what the budget checks need. */
interface BudgetState extends UsageSnapshot {
  /** Spent plus reserved by calls in flight. */
  committedMicros: number;
  /** False on a month row written before reservations existed (or no row yet). */
  tracksCommitted: boolean;
}

/** This month's usage and budget for a tenant (two reads). */
export async function currentUsage(tenantId: string, deps: Deps): Promise<UsageSnapshot> {
  const { committedMicros: _committed, tracksCommitted: _tracks, ...snapshot } = await budgetState(tenantId, deps);
  return snapshot;
}

async function budgetState(tenantId: string, deps: Deps): Promise<BudgetState> {
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
    committedMicros: usage.data?.committedMicros ?? usage.data?.costMicros ?? 0,
    tracksCommitted: usage.data?.committedMicros !== undefined,
    budgetCents: settings.data?.monthlyBudgetCents ?? DEFAULT_MONTHLY_BUDGET_CENTS,
  };
}

/**
 * Throws BudgetExceededError when this month's spent and reserved cost has reached the budget: a
 * cheap early refusal before work is queued. The guarantee is `reserveBudget`, at each call.
 */
export async function assertWithinBudget(tenantId: string, deps: Deps): Promise<void> {
  const usage = await budgetState(tenantId, deps);
  if (usage.committedMicros >= usage.budgetCents * 10_000) {
    throw new BudgetExceededError(usage.costMicros, usage.budgetCents, secondsUntilNextMonth(deps.now()));
  }
}

/** A paid call's hold on the budget, settled to the call's actual cost or released if it fails. */
export interface BudgetReservation {
  month: string;
  micros: number;
}

/**
 * Added alongside the reservation: an upsert fills attributes it is not given with their defaults
 * (a SET, which would zero the month's counters), so every counter is given, as nothing.
 */
const NO_COUNTS = { runs: 0, cacheHits: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 };

/** Concurrent reservations that lose the race to start a month's counter try again this often. */
const RESERVE_ATTEMPTS = 3;

/**
 * Reserves a call's worst-case cost before it is sent: a conditional update that fails when the
 * reservation would take spent + reserved past the budget, so concurrent calls cannot overshoot.
 * DynamoDB conditions cannot add, so the condition compares against `budget − estimate`.
 */
export async function reserveBudget(tenantId: string, micros: number, deps: Deps): Promise<BudgetReservation> {
  for (let attempt = 0; ; attempt++) {
    const usage = await budgetState(tenantId, deps);
    const limit = usage.budgetCents * 10_000 - micros;
    if (usage.committedMicros > limit) {
      throw new BudgetExceededError(usage.costMicros, usage.budgetCents, secondsUntilNextMonth(deps.now()));
    }
    try {
      await deps.db.entities.aiUsage
        .upsert({ tenantId, month: usage.month })
        // A row without the counter starts it from what the row says was spent.
        .add({ ...NO_COUNTS, committedMicros: usage.tracksCommitted ? micros : usage.costMicros + micros })
        .set({ updatedAt: deps.now() })
        .where((attr, { lte, notExists }) =>
          usage.tracksCommitted ? lte(attr.committedMicros, limit) : notExists(attr.committedMicros),
        )
        .go();
      return { month: usage.month, micros };
    } catch (error) {
      if (!isConditionFailure(error) || attempt + 1 >= RESERVE_ATTEMPTS) {
        if (isConditionFailure(error)) {
          throw new BudgetExceededError(usage.costMicros, usage.budgetCents, secondsUntilNextMonth(deps.now()));
        }
        throw error;
      }
    }
  }
}

/** Gives a reservation back: its call failed before anything was billed. */
export async function releaseBudget(tenantId: string, reservation: BudgetReservation, deps: Deps): Promise<void> {
  await deps.db.entities.aiUsage
    .upsert({ tenantId, month: reservation.month })
    .add({ ...NO_COUNTS, committedMicros: -reservation.micros })
    .set({ updatedAt: deps.now() })
    .go();
}

/**
 * Adds to this month's counters atomically (ADD), creating the month's row on first use, and to
 * the AI metrics. With a reservation, the cost lands in the reservation's month and replaces the
 * reserved amount (in the same update).
 */
export async function recordUsage(
  tenantId: string,
  delta: { runs?: number; cacheHits?: number; inputTokens?: number; outputTokens?: number; costMicros?: number },
  deps: Deps,
  reservation?: BudgetReservation,
): Promise<void> {
  // Before the write: the tokens were spent whether or not the counter update lands.
  recordAiUsage(tenantId, delta);
  const now = deps.now();
  await deps.db.entities.aiUsage
    .upsert({ tenantId, month: reservation?.month ?? monthOf(now) })
    .add({
      runs: delta.runs ?? 0,
      cacheHits: delta.cacheHits ?? 0,
      inputTokens: delta.inputTokens ?? 0,
      outputTokens: delta.outputTokens ?? 0,
      costMicros: delta.costMicros ?? 0,
      ...(reservation ? { committedMicros: (delta.costMicros ?? 0) - reservation.micros } : {}),
    })
    .set({ updatedAt: now })
    .go();
}
