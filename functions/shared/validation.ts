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

/** A trimmed, non-empty string with a length cap. */
export const text = (max: number) => z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);

/** An optional trimmed string; an empty string clears it. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .transform((s) => (s === '' ? undefined : s))
    .optional();

/** `?limit=&cursor=` of every list: `limit` defaults to 25, at most 100. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(4096).optional(),
};

/** The body of a route that takes no fields: absent or `{}`; anything else is a 400. */
export const emptyBody = z.strictObject({}).optional();

/** True for an IANA time zone name the runtime knows (`Europe/London`, `UTC`). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
