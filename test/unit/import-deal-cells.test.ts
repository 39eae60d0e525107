import { describe, expect, it } from 'vitest';
import { dealCells, parseAmount, parseProbability } from '../../functions/imports/deal-input.js';

describe('deal import cells', () => {
  it('reads amounts as minor units of their currency, thousands separators and a leading symbol allowed', () => {
    expect(parseAmount('42,000.50', 'GBP')).toBe(4_200_050);
    expect(parseAmount('42000', 'GBP')).toBe(4_200_000);
    expect(parseAmount('£1,250', 'GBP')).toBe(125_000);
    expect(parseAmount('0.5', 'EUR')).toBe(50);
    expect(parseAmount('1500', 'JPY')).toBe(1500);
    expect(parseAmount('1.250', 'KWD')).toBe(1250);
  });

  it('says why a cell is not an amount', () => {
    expect(parseAmount('12k', 'GBP')).toBe('Not an amount: use digits like 42,000.50');
    expect(parseAmount('-5', 'GBP')).toBe('Not an amount: use digits like 42,000.50');
    expect(parseAmount('1.005', 'GBP')).toBe('At most 2 decimals in GBP');
    expect(parseAmount('1500.5', 'JPY')).toBe('JPY has no minor units');
  });

  it('reads probabilities as percentages', () => {
    expect(parseProbability('40%')).toBe(4_000);
    expect(parseProbability('12.5')).toBe(1_250);
    expect(parseProbability('high')).toBe('Use a percentage like 40%');
  });

  it('defaults the currency to the workspace one and names a missing amount', () => {
    const cells = (row: Record<string, string>) => dealCells((f) => row[f], 'EUR');
    expect(cells({ name: 'A', amount: '10' }).raw).toMatchObject({ value: { amount: 1000, currency: 'EUR' } });
    expect(cells({ name: 'A', amount: '10', currency: 'usd' }).raw).toMatchObject({ value: { currency: 'USD' } });
    expect(cells({ name: 'A' }).problems).toEqual([{ field: 'amount', message: 'Required' }]);
  });
});
