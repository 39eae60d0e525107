import { describe, expect, it } from 'vitest';
import { offlineProvider } from '../../functions/ai/offline-provider.js';
import type { AiProvider } from '../../functions/ai/provider.js';
import { unique } from '../support/api.js';
import { tableDb } from '../support/table.js';

// The reservation is a conditional update racing others, so this runs on DynamoDB Local.
const db = await tableDb();
const { runPrompt } = await import('../../functions/ai/runner.js');
const { assertWithinBudget, currentUsage, recordUsage } = await import('../../functions/ai/usage.js');
/** The month row itself: what was spent and what is still held. */
const usageRow = async (tenantId: string) => (await db.entities.aiUsage.get({ tenantId, month: '2026-06' }).go()).data;
const { worstCaseMicros } = await import('../../functions/ai/pricing.js');

const now = '2026-06-15T12:00:00.000Z';
const deps = { db, now: () => now, newId: () => unique() };
const facts = {
  asOf: now,
  company: { name: 'Budget Ltd', stage: 'lead' as const, tags: [], knownFacts: [], locations: [], createdAt: now },
  contacts: [],
  activities: [],
};
const prompt = (temperature: number) => ({
  category: 'company_analysis' as const,
  systemTemplate: 'You analyse companies.',
  userTemplate: 'Analyse {{company.name}}.',
  model: 'gpt-4.1-nano',
  temperature,
});
/** Per paid call, as the provider reports it: 100 in, 4,000 out on gpt-4.1-nano = 1,610 µ$. */
const USAGE = { inputTokens: 100, outputTokens: 4_000 };
const ACTUAL_MICROS = 100 * 0.1 + 4_000 * 0.4;

/**
 * A paid provider (offline answers, OpenAI's name and bills) whose calls all wait at one gate, so
 * every call that gets past the budget is in flight at once.
 */
function gatedProvider(fail?: Error, onCall: () => void = () => {}) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const provider: AiProvider & { calls: number } = {
    name: 'openai',
    calls: 0,
    async generate(task) {
      provider.calls++;
      onCall();
      await gate;
      if (fail) throw fail;
      const answer = await offlineProvider.generate(task);
      return { ...answer, provider: 'openai', model: task.model, usage: USAGE };
    },
  };
  return { provider, open };
}

async function tenantWithBudget(cents: number) {
  const tenantId = `BUDGET${unique()}`;
  await db.entities.aiSettings.put({ tenantId, monthlyBudgetCents: cents, updatedAt: now, updatedBy: 'u1' }).go();
  return tenantId;
}

describe('the AI budget under concurrent calls', () => {
  it('never lets concurrent calls near the budget spend past it: each reserves its worst case first', async () => {
    const tenantId = await tenantWithBudget(1); // 10,000 µ$
    const calls = 8;
    // The gate opens once every call has either reached the provider or been refused.
    let refused = 0;
    let allArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (allArrived = resolve));
    const arrive = () => provider.calls + refused === calls && allArrived();
    const { provider, open } = gatedProvider(undefined, arrive);
    // Every call checks the budget the way the routes and steps do, then runs.
    const settled = Array.from({ length: calls }, (_, i) =>
      assertWithinBudget(tenantId, deps).then(() => runPrompt(tenantId, prompt(i / 10), facts, deps, provider)),
    );
    settled.forEach((p) =>
      p.catch(() => {
        refused++;
        arrive();
      }),
    );
    await arrived;
    open();
    const results = await Promise.allSettled(settled);

    const usage = (await usageRow(tenantId))!;
    const ran = results.filter((r) => r.status === 'fulfilled').length;
    expect(ran).toBeGreaterThan(0);
    expect(usage.costMicros).toBe(ran * ACTUAL_MICROS);
    expect(usage.costMicros).toBeLessThanOrEqual(10_000);
    // Settled: nothing stays reserved once the calls are done.
    expect(usage.committedMicros).toBe(usage.costMicros);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 429 });
    }
  });

  it('gives a failed call’s reservation back, so the budget is not used up by calls that were never billed, and keeps the month’s counters', async () => {
    const tenantId = await tenantWithBudget(1);
    const estimate = worstCaseMicros('gpt-4.1-nano', {
      instructions: 'You analyse companies.',
      input: 'Analyse Budget Ltd.',
      schema: '',
    });
    expect(estimate).toBeLessThan(10_000);
    await recordUsage(tenantId, { runs: 3 }, deps);
    for (let i = 0; i < 5; i++) {
      const { provider, open } = gatedProvider(new Error('OpenAI is unavailable'));
      open();
      await expect(runPrompt(tenantId, prompt(i / 10), facts, deps, provider)).rejects.toThrow(/unavailable/);
    }
    expect(await usageRow(tenantId)).toMatchObject({ runs: 3, costMicros: 0, committedMicros: 0 });
    expect((await currentUsage(tenantId, deps)).costMicros).toBe(0);
  });
});
