import * as z from 'zod';
import { ValidationError, type FieldError } from './errors.js';

/** Turns zod issues into problem+json field errors; unknown keys are reported one by one. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: 'Unknown field' }));
    }
    return [{ path: base, message: issue.message }];
  });
}

/** Validates one part of a request against its schema or throws a 400 naming every field at fault. */
export function parseRequestPart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: 'path' | 'query' | 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(`The ${part} has invalid fields`, fieldErrors(result.error));
  return result.data;
}

/**
 * Characters that are not text: controls other than tab and line breaks, lone surrogates (JSON
 * allows "\ud800"; nothing can display or store it faithfully) and Unicode noncharacters such as
 * U+FFFE. Emoji and every other assigned or private-use character stay allowed.
 */
const NOT_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/u;
const NOT_ALLOWED = 'Contains characters that are not allowed';
const isText = (s: string) => !NOT_TEXT.test(s);

/** A trimmed, non-empty string with a length cap. */
export const text = (max: number) =>
  z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`).refine(isText, NOT_ALLOWED);

/** An optional trimmed string; an empty string clears it. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine(isText, NOT_ALLOWED)
    .transform((s) => (s === '' ? undefined : s))
    .optional();

/** `?limit=&cursor=` of every list: `limit` defaults to 25, at most 100. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(4096).optional(),
};

/** The body of a route that takes no fields: absent or `{}`; anything else is a 400. */
export const emptyBody = z.strictObject({}).optional();

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
 * True for an IANA time zone name Intl can format dates in, or an alias ("UTC", "Europe/Kiev"):
 * not offsets or abbreviations, which do not follow daylight saving.
 */
export function isTimeZone(zone: string): boolean {
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
