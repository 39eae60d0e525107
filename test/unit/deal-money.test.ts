import { describe, expect, it } from 'vitest';
import { companyStageAfter, resolveStage } from '../../functions/deals/rules.js';
import { defaultPipeline } from '../../functions/pipelines/defaults.js';
import { createPipelineSchema } from '../../functions/pipelines/schema.js';
import { moneyInput, sumByCurrency, weightedAmount } from '../../functions/shared/money.js';
import { isRotting, toMinorUnits, totalsByCurrency } from '../../web/src/app/deals/money.js';

describe('money rounding', () => {
  it('weights half up to a whole minor unit', () => {
    expect(weightedAmount(333, 5_000)).toBe(167); // 166.5
    expect(weightedAmount(1001, 2_500)).toBe(250); // 250.25
    expect(weightedAmount(999, 7_500)).toBe(749); // 749.25
    expect(weightedAmount(3, 5_000)).toBe(2); // 1.5
    expect(weightedAmount(1, 4_999)).toBe(0); // 0.4999
    expect(weightedAmount(100_000_000_000, 10_000)).toBe(100_000_000_000);
    expect(weightedAmount(0, 10_000)).toBe(0);
  });

  it('sums per currency and never across', () => {
    expect(
      sumByCurrency([
        { amount: 1, currency: 'USD' },
        { amount: 2, currency: 'GBP' },
        { amount: 3, currency: 'USD' },
      ]),
    ).toEqual([
      { amount: 2, currency: 'GBP' },
      { amount: 4, currency: 'USD' },
    ]);
  });

  it('refuses negative, fractional and unknown money', () => {
    expect(moneyInput.safeParse({ amount: -1, currency: 'GBP' }).success).toBe(false);
    expect(moneyInput.safeParse({ amount: 1.5, currency: 'GBP' }).success).toBe(false);
    expect(moneyInput.safeParse({ amount: 1, currency: 'XYZ' }).success).toBe(false);
    expect(moneyInput.safeParse({ amount: 1, currency: 'JPY' }).success).toBe(true);
  });

  it('reads typed values in the currency’s minor units', () => {
    expect(toMinorUnits('1,200.50', 'GBP')).toBe(120050);
    expect(toMinorUnits('1200', 'JPY')).toBe(1200);
    expect(toMinorUnits('12x', 'GBP')).toBeNaN();
  });
});

describe('deal rules', () => {
  const pipeline = defaultPipeline('t', '2026-01-01T00:00:00.000Z', 'u');

  it('moves a company to opportunity on an open deal only before that stage, and to customer on a win', () => {
    expect(companyStageAfter({ stage: 'lead' }, 'open')).toBe('opportunity');
    expect(companyStageAfter({ stage: 'prospect' }, 'open')).toBe('opportunity');
    expect(companyStageAfter({ stage: 'customer' }, 'open')).toBeUndefined();
    expect(companyStageAfter({ stage: 'opportunity' }, 'won')).toBe('customer');
    expect(companyStageAfter({ stage: 'customer' }, 'won')).toBeUndefined();
    expect(companyStageAfter({ stage: 'lead' }, 'lost')).toBeUndefined();
  });

  it('picks the stage a write names, or the first of a status, and refuses a mismatch', () => {
    expect(resolveStage(pipeline, {}).stageId).toBe('qualified');
    expect(resolveStage(pipeline, { status: 'won' }).stageId).toBe('won');
    expect(resolveStage(pipeline, {}, 'negotiation').stageId).toBe('negotiation');
    expect(() => resolveStage(pipeline, { stageId: 'won', status: 'open' })).toThrow(/won stage/);
    expect(() => resolveStage(pipeline, { stageId: 'elsewhere' })).toThrow(/not a stage/);
  });

  it('marks an open deal rotting once it has sat in its stage longer than the stage allows', () => {
    const view = { ...pipeline, stages: pipeline.stages };
    const deal = { status: 'open', stageId: 'negotiation', stageChangedAt: '2026-01-01T00:00:00.000Z' } as any;
    const day = 86_400_000;
    const start = Date.parse(deal.stageChangedAt);
    expect(isRotting(deal, view as any, start + 10 * day - 1)).toBe(false);
    expect(isRotting(deal, view as any, start + 10 * day + 1)).toBe(true);
    expect(isRotting({ ...deal, status: 'won', stageId: 'won' }, view as any, start + 100 * day)).toBe(false);
    const totals = totalsByCurrency(
      [
        { ...deal, value: { amount: 333, currency: 'GBP' }, stageId: 'proposal' },
        { ...deal, value: { amount: 100, currency: 'EUR' }, status: 'won', stageId: 'won' },
      ],
      view as any,
    );
    expect(totals).toEqual([
      { value: { amount: 100, currency: 'EUR' }, weighted: { amount: 100, currency: 'EUR' } },
      { value: { amount: 333, currency: 'GBP' }, weighted: { amount: 167, currency: 'GBP' } },
    ]);
  });

  it('keeps stage orders a permutation with one stage of each kind', () => {
    const stages = pipeline.stages.map(({ stageId: _s, ...s }) => s);
    expect(createPipelineSchema.safeParse({ name: 'P', stages }).success).toBe(true);
    const dup = createPipelineSchema.safeParse({ name: 'P', stages: stages.map((s) => ({ ...s, order: 0 })) });
    expect(dup.success).toBe(false);
    const noLost = createPipelineSchema.safeParse({ name: 'P', stages: stages.filter((s) => s.kind !== 'lost') });
    expect(noLost.error?.issues.map((i) => i.message)).toContain('Keep at least one lost stage');
  });
});
