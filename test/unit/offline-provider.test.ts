import type { ZodType } from 'zod';
import { describe, expect, it } from 'vitest';
import type { CompanyFacts } from '../../functions/ai/facts.js';
import { analyseCompany, offlineProvider, scoreCompany } from '../../functions/ai/offline-provider.js';
import { PROMPT_CATEGORIES } from '../../functions/shared/enums.js';
import { OUTPUT_SCHEMAS } from '../../functions/ai/schemas.js';

const asOf = '2026-11-20T12:00:00.000Z';
const daysAgo = (n: number) => new Date(Date.parse(asOf) - n * 86_400_000).toISOString();

const facts = (overrides: Partial<CompanyFacts> = {}): CompanyFacts => ({
  asOf,
  company: {
    name: 'Harbour Dental',
    stage: 'prospect',
    industry: 'Healthcare',
    tags: [],
    knownFacts: [],
    locations: [],
    createdAt: daysAgo(200),
  },
  contacts: [],
  activities: [],
  ...overrides,
});

const warm = facts({
  company: {
    name: 'Harbour Dental',
    stage: 'opportunity',
    industry: 'Healthcare',
    tags: [],
    knownFacts: ['Opening a second practice in Leeds next spring', 'Competitor: Brightwire IT quoted last year'],
    locations: ['Leeds'],
    createdAt: daysAgo(200),
  },
  contacts: [
    { name: 'Amira Khan', jobTitle: 'Practice Owner', role: 'decision_maker', hasEmail: true, hasPhone: true },
    { name: 'Tom Reid', role: 'user', hasEmail: true, hasPhone: false },
    { name: 'Jo Lane', role: 'technical', hasEmail: false, hasPhone: true },
  ],
  activities: [
    { type: 'meeting', subject: 'Site visit for the new practice', occurredAt: daysAgo(2) },
    { type: 'call', subject: 'Budget approved for the fit-out', occurredAt: daysAgo(9) },
  ],
});

const cold = facts({
  contacts: [{ name: 'Sam Ellis', role: 'other', hasEmail: true, hasPhone: false }],
  activities: [{ type: 'email', subject: 'Intro email', occurredAt: daysAgo(140) }],
});

describe('offline provider', () => {
  it('scores a warm opportunity well above a cold prospect, and every factor cites its evidence', () => {
    const high = scoreCompany(warm);
    const low = scoreCompany(cold);
    expect(high.leadScore.score).toBeGreaterThan(low.leadScore.score + 30);
    expect(high.healthScore.score).toBeGreaterThan(low.healthScore.score);
    expect(high.leadScore.factors.map((f) => f.label)).toEqual(
      expect.arrayContaining(['Decision maker known', 'Recent contact', 'Buying signal: growth']),
    );
    expect(low.leadScore.factors.map((f) => f.label)).toEqual(
      expect.arrayContaining(['No decision maker', 'No recent contact']),
    );
    const recent = high.leadScore.factors.find((f) => f.label === 'Recent contact')!;
    expect(recent.evidence).toBe('Last activity 2 days ago: meeting “Site visit for the new practice”');
  });

  it('finds opportunities, risks, competitors and next actions in the facts, citing each', () => {
    const analysis = analyseCompany(warm);
    expect(analysis.opportunities.map((o) => o.title)).toEqual(expect.arrayContaining(['Growth', 'Budget in play']));
    expect(analysis.competitors).toEqual([
      expect.objectContaining({
        name: 'Brightwire IT',
        evidence: 'Known fact “Competitor: Brightwire IT quoted last year”',
      }),
    ]);
    expect(analysis.summary).toContain('Amira Khan');
    const coldAnalysis = analyseCompany(cold);
    expect(coldAnalysis.risks.map((r) => r.title)).toEqual(
      expect.arrayContaining(['No decision maker known', 'Gone quiet', 'Single point of contact']),
    );
    expect(coldAnalysis.nextActions[0]!.action).toBe('Find and add the decision maker');
  });

  it('reads the public record: a dissolved company scores near zero and says why', () => {
    const dissolved = facts({
      ...warm,
      companiesHouse: {
        companyNumber: '01234567',
        name: 'HARBOUR DENTAL LTD',
        status: 'dissolved',
        sicCodes: ['86230'],
        accountsOverdue: true,
        confirmationStatementOverdue: false,
        hasInsolvencyHistory: true,
        hasCharges: false,
        officers: [],
        filings: [],
      },
    });
    const scores = scoreCompany(dissolved);
    expect(scores.leadScore.score).toBeLessThan(scoreCompany(warm).leadScore.score - 30);
    expect(scores.healthScore.factors.map((f) => f.evidence)).toContain('Companies House status: dissolved');
    expect(analyseCompany(dissolved).risks.map((r) => r.title)).toEqual(
      expect.arrayContaining(['Company is dissolved', 'Insolvency history', 'Accounts overdue']),
    );
  });

  it('answers every prompt category in its schema, deterministically and free', async () => {
    for (const category of PROMPT_CATEGORIES) {
      const task = {
        category,
        instructions: '',
        input: '',
        model: 'gpt-4.1-mini',
        temperature: 0,
        schema: OUTPUT_SCHEMAS[category] as ZodType<unknown>,
        schemaName: category,
        facts: { ...warm, requirements: 'Support for 25 users and a laptop refresh' },
      };
      const first = await offlineProvider.generate(task);
      const second = await offlineProvider.generate(task);
      expect(first.output, category).toEqual(second.output);
      expect(first.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
      expect(first.provider).toBe('offline');
    }
  });
});
