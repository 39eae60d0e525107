import { describe, expect, it } from 'vitest';
import type { AiProvider } from '../../functions/ai/provider.js';
import { analysableCompany, newTenant } from '../support/api.js';
import { tableDb } from '../support/table.js';

/** A provider that must not be called: a redelivered step that already landed must not pay again. */
const mustNotCall: AiProvider = {
  name: 'openai',
  generate: async () => {
    throw new Error('the provider was called for a step that had already landed');
  },
};

describe('analysis steps on redelivery', () => {
  it('leave a run alone when it is already past their step, so a retried or redelivered step neither redoes nor repays it', async () => {
    const { owner } = await newTenant('Steps');
    const company = await analysableCompany(owner);
    const me = (await owner.get('/v1/me')).body;
    const db = await tableDb();
    const { analyseStep, gatherStep, scoreStep } = await import('../../functions/analysis/pipeline.js');
    const key = { tenantId: me.tenant.tenantId, companyId: company.companyId, runId: `01STEPS${Date.now()}` };
    const now = new Date().toISOString();
    const facts = {
      asOf: now,
      company: { name: company.name, stage: 'lead', tags: [], knownFacts: [], locations: [], createdAt: now },
      contacts: [],
      activities: [],
    };
    await db.entities.analysisRun
      .create({
        ...key,
        status: 'running',
        step: 'score',
        trigger: 'manual',
        requestedBy: me.userId,
        requestedByName: me.name,
        facts,
        analysis: { summary: 'kept' },
        createdAt: now,
        updatedAt: now,
      })
      .go();
    const deps = { db, now: () => new Date().toISOString(), newId: () => 'x', provider: mustNotCall };

    await gatherStep(key, deps);
    await analyseStep(key, deps);
    const after = (await db.entities.analysisRun.get(key).go()).data!;
    expect(after).toMatchObject({ step: 'score', analysis: { summary: 'kept' }, updatedAt: now });
    expect(after.facts).toEqual(facts);

    // The step the run is at does run (and here meets the provider that refuses).
    await expect(scoreStep(key, deps)).rejects.toThrow(/already landed/);
  });
});
