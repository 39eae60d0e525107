import * as z from 'zod';

/** ISO 4217 codes the runtime's Intl knows (Node and every current browser ship the same CLDR list). */
export const CURRENCY_CODES: readonly string[] = Intl.supportedValuesOf('currency');

/** The default currency of a workspace that never chose one. */
export const DEFAULT_CURRENCY = 'GBP';

const knownCurrencies = new Set(CURRENCY_CODES);

/** An ISO 4217 currency code such as GBP; lower case is accepted and upper-cased. */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => knownCurrencies.has(c), 'Choose an ISO 4217 currency, such as GBP, EUR or USD');

/**
 * Whether Intl can format dates in `zone`: IANA names and their aliases ("UTC", "Europe/Kiev"),
 * not offsets or abbreviations, which do not follow daylight saving.
 */
function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, such as Europe/London. */
export const timeZoneName = z
  .string()
  .trim()
  .refine(isTimeZone, 'Choose a time zone from the list, such as Europe/London');
