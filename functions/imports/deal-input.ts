import { createDealSchema } from '../deals/schema.js';
import type * as z from 'zod';

/**
 * What a deal row's own cells give, checked by the deal's create schema. The company, stage and
 * owner are names and emails until the row is written: they are matched against stored records.
 */
export const dealRowSchema = createDealSchema.pick({
  name: true,
  value: true,
  expectedCloseDate: true,
  probabilityBps: true,
  source: true,
  lostReason: true,
});
export type DealRowInput = z.infer<typeof dealRowSchema>;

/** Minor-unit digits of a currency (JPY 0, GBP 2, KWD 3); 2 for a code Intl does not know. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * "42,000.50", "42000" or "£42,000" in minor units of `currency`, or a reason it is not an
 * amount. Commas are thousands separators (exports of the CRMs people leave write them so).
 */
export function parseAmount(text: string, currency: string): number | string {
  const plain = text.replace(/^[£$€¥]/, '').replace(/[,\s]/g, '');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!match) return 'Not an amount: use digits like 42,000.50';
  const digits = minorDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits)
    return digits === 0 ? `${currency} has no minor units` : `At most ${digits} decimals in ${currency}`;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
}

/** "40%", "40" or "12.5" as basis points, or a reason it is not a percentage. */
export function parseProbability(text: string): number | string {
  const match = /^(\d+(?:\.\d{1,2})?)\s*%?$/.exec(text.trim());
  if (!match) return 'Use a percentage like 40%';
  return Math.round(Number(match[1]) * 100);
}

export interface DealCells {
  raw: Record<string, unknown>;
  /** Cells that are not what their field takes, before the schema looks: field → why. */
  problems: { field: string; message: string }[];
}

/** The schema input a deal row maps to; empty cells are left out. */
export function dealCells(get: (field: string) => string | undefined, workspaceCurrency: string): DealCells {
  const problems: DealCells['problems'] = [];
  const currency = get('currency')?.toUpperCase() ?? workspaceCurrency;
  const amountText = get('amount');
  const amount = amountText === undefined ? 'Required' : parseAmount(amountText, currency);
  if (typeof amount === 'string') problems.push({ field: 'amount', message: amount });
  const probabilityText = get('probability');
  const probability = probabilityText === undefined ? undefined : parseProbability(probabilityText);
  if (typeof probability === 'string') problems.push({ field: 'probability', message: probability });
  const input: Record<string, unknown> = {
    name: get('name') ?? '',
    value: { amount: typeof amount === 'number' ? amount : 0, currency },
    expectedCloseDate: get('expectedCloseDate') ?? '',
    probabilityBps: typeof probability === 'number' ? probability : undefined,
    source: get('source'),
    lostReason: get('lostReason'),
  };
  const raw = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { raw, problems };
}
