import type { Money } from '../../../../functions/shared/contract';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${currency}:${compact}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** Minor units → major, by the currency's own decimals (JPY has none, GBP two). */
export function majorUnits({ amount, currency }: Money): number {
  const digits = formatterFor(currency, false).resolvedOptions().maximumFractionDigits ?? 2;
  return amount / 10 ** digits;
}

/** "£12,500.00"; compact: "£12.5K". */
export const formatMoney = (m: Money, compact = false): string =>
  formatterFor(m.currency, compact).format(majorUnits(m));

/** One line for totals in several currencies: "£12.5K · €3K"; "—" when there are none. */
export const formatTotals = (totals: readonly Money[], compact = true): string =>
  totals.length ? totals.map((m) => formatMoney(m, compact)).join(' · ') : '—';
