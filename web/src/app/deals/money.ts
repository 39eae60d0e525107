import type { DealView } from '../../../../functions/deals/contract';
import type { PipelineView } from '../../../../functions/pipelines/contract';
import { weightedAmount, type Money } from '../../../../functions/shared/money';

/** The currencies offered first in pickers; any ISO code the API accepts may be typed. */
export const CURRENCIES = ['GBP', 'EUR', 'USD', 'CHF', 'PLN', 'SEK', 'NOK', 'DKK', 'AUD', 'CAD'];

const digitsOf = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** "£1,200.00" from minor units. */
export function formatMoney(m: Money, options: { compact?: boolean } = {}): string {
  const major = m.amount / 10 ** digitsOf(m.currency);
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: m.currency,
      ...(options.compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    }).format(major);
  } catch {
    return `${major.toFixed(2)} ${m.currency}`;
  }
}

/** "1200.50" typed in major units → minor units; NaN when it is not a number. */
export function toMinorUnits(text: string, currency: string): number {
  const cleaned = text.replace(/[\s,]/g, '');
  if (!/^-?\d*(\.\d*)?$/.test(cleaned) || cleaned === '' || cleaned === '.') return Number.NaN;
  return Math.round(Number(cleaned) * 10 ** digitsOf(currency));
}

/** Minor units → the text a form shows ("1200.50"). */
export const toMajorText = (m: Money): string => (m.amount / 10 ** digitsOf(m.currency)).toFixed(digitsOf(m.currency));

/** The probability a deal counts at on the board: won 100%, lost 0, else its own or its stage's. */
export function probabilityOf(deal: DealView, pipeline: PipelineView | undefined): number {
  if (deal.status === 'won') return 10_000;
  if (deal.status === 'lost') return 0;
  return deal.probabilityBps ?? pipeline?.stages.find((s) => s.stageId === deal.stageId)?.probabilityBps ?? 0;
}

/** Value and weighted value per currency (never added across currencies), weighted half up per deal as the API does. */
export function totalsByCurrency(deals: DealView[], pipeline: PipelineView | undefined) {
  const totals = new Map<string, { value: number; weighted: number }>();
  for (const d of deals) {
    const t = totals.get(d.value.currency) ?? { value: 0, weighted: 0 };
    t.value += d.value.amount;
    t.weighted += weightedAmount(d.value.amount, probabilityOf(d, pipeline));
    totals.set(d.value.currency, t);
  }
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => ({ value: { amount: t.value, currency }, weighted: { amount: t.weighted, currency } }));
}

/** "50%" from basis points. */
export const formatBps = (bps: number): string => `${Math.round(bps) / 100}%`;

/** An open deal that has sat in its stage longer than the stage's rotting days. */
export function isRotting(deal: DealView, pipeline: PipelineView | undefined, now = Date.now()): boolean {
  if (deal.status !== 'open') return false;
  const days = pipeline?.stages.find((s) => s.stageId === deal.stageId)?.rottingDays;
  if (!days) return false;
  return now - new Date(deal.stageChangedAt).getTime() > days * 86_400_000;
}

/** Days in the current stage. */
export const daysInStage = (deal: DealView, now = Date.now()): number =>
  Math.floor((now - new Date(deal.stageChangedAt).getTime()) / 86_400_000);

/** Minor units → major, by the currency's own decimals (JPY has none, GBP two). */
export const majorUnits = (m: Money): number => m.amount / 10 ** digitsOf(m.currency);

/** Totals in several currencies on one line: "£12.5K · €3K"; "—" when there are none. */
export const formatTotals = (totals: readonly Money[], compact = true): string =>
  totals.length ? totals.map((m) => formatMoney(m, { compact })).join(' · ') : '—';
