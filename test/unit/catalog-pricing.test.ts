import { describe, expect, it } from 'vitest';
import { createRateCardSchema, suggestedUnitPrice } from '../../functions/catalog/schema.js';

describe('suggestedUnitPrice', () => {
  const gbp = (amount: number) => ({ amount, currency: 'GBP' });

  it('is cost × (1 + markup), rounded half up to a whole penny', () => {
    expect(suggestedUnitPrice(gbp(1_000), 2_500)).toEqual(gbp(1_250));
    // 1,234 × 1.125 = 1,388.25 → 1,388; 1,236 × 1.125 = 1,390.5 → 1,391.
    expect(suggestedUnitPrice(gbp(1_234), 1_250)).toEqual(gbp(1_388));
    expect(suggestedUnitPrice(gbp(1_236), 1_250)).toEqual(gbp(1_391));
    expect(suggestedUnitPrice(gbp(1), 5_000)).toEqual(gbp(2));
  });

  it('keeps the cost with no markup, and the currency always', () => {
    expect(suggestedUnitPrice({ amount: 999, currency: 'JPY' }, 0)).toEqual({ amount: 999, currency: 'JPY' });
    expect(suggestedUnitPrice(gbp(0), 10_000)).toEqual(gbp(0));
  });
});

describe('rate card roles', () => {
  it('names the second of two roles that differ only in case', () => {
    const role = (name: string) => ({
      role: name,
      dayRate: { amount: 1, currency: 'GBP' },
      hourRate: { amount: 1, currency: 'GBP' },
    });
    const result = createRateCardSchema.safeParse({ name: 'x', roles: [role('PM'), role('pm')] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['roles.1.role']);
  });
});
