import { describe, expect, it } from 'vitest';
import { analyseCompany } from '../../functions/ai/offline-provider.js';
import { withArticle } from '../../functions/shared/wording.js';

describe('withArticle', () => {
  it('says "an" before a vowel sound and "a" before a consonant sound', () => {
    expect(withArticle('opportunity')).toBe('an opportunity');
    expect(withArticle('email copy')).toBe('an email copy');
    expect(withArticle('lead')).toBe('a lead');
    expect(withArticle('prospect')).toBe('a prospect');
    expect(withArticle('customer')).toBe('a customer');
    expect(withArticle('user')).toBe('a user');
    expect(withArticle('hour')).toBe('an hour');
  });

  it('gives the offline analysis of an opportunity "an opportunity"', () => {
    const analysis = analyseCompany({
      asOf: '2026-11-20T12:00:00.000Z',
      company: {
        name: 'Harbour Dental',
        stage: 'opportunity',
        tags: [],
        knownFacts: ['Opening a second practice in Leeds next spring'],
        locations: [],
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      contacts: [],
      activities: [],
    });
    expect(analysis.summary).toContain('Harbour Dental is an opportunity');
    expect(JSON.stringify(analysis)).not.toMatch(/\ba opportunity\b/);
  });
});
