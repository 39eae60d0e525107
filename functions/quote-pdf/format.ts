import type { Money } from '../shared/money.js';

/** The locale a PDF's figures and dates are written in. */
export const PDF_LOCALE = 'en-GB';

const currencyFormats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string): Intl.NumberFormat {
  let format = currencyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(PDF_LOCALE, { style: 'currency', currency });
    currencyFormats.set(currency, format);
  }
  return format;
}

/** Integer minor units as the currency writes them (`€1,234.50`, `¥1,235`), exact: no float division. */
export function formatMoney({ amount, currency }: Money): string {
  const format = currencyFormat(currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const sign = amount < 0 ? '-' : '';
  const units = Math.abs(amount)
    .toString()
    .padStart(digits + 1, '0');
  const decimal = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return format.format(`${sign}${decimal}` as unknown as number);
}

/** A discount as it is shown: `−€12.00`, or an empty cell when there is none. */
export function formatDiscount(discount: Money): string {
  return discount.amount === 0 ? '' : `−${formatMoney(discount)}`;
}

const rateFormat = new Intl.NumberFormat(PDF_LOCALE, { maximumFractionDigits: 2 });
const quantityFormat = new Intl.NumberFormat(PDF_LOCALE, { maximumFractionDigits: 3 });

/** Basis points as a percentage: 2000 → `20%`, 550 → `5.5%`. */
export function formatRate(bps: number): string {
  return `${rateFormat.format(bps / 100)}%`;
}

/** A quantity with at most three decimals (`2.5`, `1,000`). */
export function formatQuantity(quantity: number): string {
  return quantityFormat.format(quantity);
}

const dateFormat = new Intl.DateTimeFormat(PDF_LOCALE, { dateStyle: 'long', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat(PDF_LOCALE, { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' });

/** An ISO date or time as a date in UTC: `4 December 2026`. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** An ISO time to the second, in UTC: `4 December 2026 at 14:03:09 UTC`. */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}
