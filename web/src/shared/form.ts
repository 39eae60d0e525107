import { toNestErrors } from '@hookform/resolvers';
import { useState } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form';
import type * as z from 'zod';
import { ApiError, errorMessage } from './api';

/**
 * Forms validate with the contract's own zod schema, so the browser and the API apply one set of
 * rules. A form may hold its own representation (tags as one comma-separated line, a score as
 * typed text): `toBody` turns its values into the request body, the schema checks that body, and
 * `fieldFor` maps each problem's path (`addresses.0.country`) back to the form field that shows it.
 * The API's own 400s are mapped the same way, so a rule only the server can check (an unknown
 * owner, a taken email) lands on the same field.
 */
export interface ContractFormSpec<V extends FieldValues, S extends z.ZodType> {
  schema: S;
  defaultValues: DefaultValues<V>;
  /** The request body for the current values; identity when the form holds the body itself. */
  toBody?: (values: V) => z.input<S>;
  /** The form field showing a problem at this body path; by default the path itself when it is a field. */
  fieldFor?: (path: string) => Path<V> | undefined;
}

export interface ContractForm<V extends FieldValues, S extends z.ZodType> {
  form: UseFormReturn<V>;
  /** A message for problems no field shows (a conflict, a network failure, a domain rule). */
  general: string | null;
  setGeneral: (message: string | null) => void;
  /** The body to send for the current (valid) values. */
  bodyOf: (values: V) => z.input<S>;
  /**
   * Puts an API error on the fields it names and the rest in `general`; a 409 on the version
   * (someone else saved first) goes to `onConflict` instead, when the form handles it.
   */
  showApiError: (error: unknown, onConflict?: () => unknown) => Promise<void>;
}

/** zod's own wording ("Required", "Invalid input: expected number…", "Too big: expected array…"). */
const GENERIC_MESSAGE = /^(?:Required$|Invalid input|Too (?:big|small):)/;

/**
 * What a field shows for a problem: the schema's message where it was written for people
 * ("At most 200 characters"), else the form's own words for the field.
 */
export function fieldMessage(error: { message?: string } | undefined, ownWords: string): string | undefined {
  if (!error) return undefined;
  return !error.message || GENERIC_MESSAGE.test(error.message) ? ownWords : error.message;
}

/** Maps an API path to the first of `fields` it equals or lies under (`tags.3` → `tags`). */
export const fieldByPrefix =
  <V extends FieldValues>(fields: readonly Path<V>[]) =>
  (path: string): Path<V> | undefined =>
    fields.find((f) => path === f) ?? fields.find((f) => path.startsWith(`${f}.`));

/** The react-hook-form resolver that checks `toBody(values)` against the contract schema. */
export function contractResolver<V extends FieldValues, S extends z.ZodType>(
  schema: S,
  toBody: (values: V) => z.input<S>,
  fieldFor: (path: string) => Path<V> | undefined,
): Resolver<V> {
  return async (values, _context, options) => {
    const result = schema.safeParse(toBody(values));
    if (result.success) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    const unmatched: string[] = [];
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      const field = fieldFor(path);
      if (field) errors[field] ??= { type: issue.code, message: issue.message };
      else unmatched.push(path ? `${path}: ${issue.message}` : issue.message);
    }
    // A problem no field shows must still stop the submit, and be said somewhere.
    if (unmatched.length) errors.root = { type: 'schema', message: unmatched.join('; ') };
    return { values: {}, errors: toNestErrors(errors, options) as FieldErrors<V> };
  };
}

/** react-hook-form wired to a contract schema, with the API's field errors mapped onto the fields. */
export function useContractForm<V extends FieldValues, S extends z.ZodType>(
  spec: ContractFormSpec<V, S>,
): ContractForm<V, S> {
  const toBody = spec.toBody ?? ((values: V) => values as unknown as z.input<S>);
  const names = Object.keys(spec.defaultValues as object) as Path<V>[];
  const fieldFor = spec.fieldFor ?? fieldByPrefix<V>(names);
  const form = useForm<V>({
    defaultValues: spec.defaultValues,
    resolver: contractResolver(spec.schema, toBody, fieldFor),
    // Fields are checked on submit, then as they change, like the API would answer them.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const [general, setGeneral] = useState<string | null>(null);

  const showApiError = async (error: unknown, onConflict?: () => unknown): Promise<void> => {
    if (onConflict && error instanceof ApiError && error.isConflict) {
      await onConflict();
      return;
    }
    if (!(error instanceof ApiError)) {
      setGeneral(errorMessage(error));
      return;
    }
    const unmatched: string[] = [];
    let first: Path<V> | undefined;
    for (const { path, message } of error.fieldErrors) {
      const field = fieldFor(path);
      if (field) {
        form.setError(field, { type: 'server', message });
        first ??= field;
      } else {
        unmatched.push(path ? `${path}: ${message}` : message);
      }
    }
    if (first) form.setFocus(first);
    setGeneral(
      unmatched.length ? `${errorMessage(error)} (${unmatched.join('; ')})` : first ? null : errorMessage(error),
    );
  };

  const rootMessage = form.formState.errors.root?.message;
  return { form, general: general ?? rootMessage ?? null, setGeneral, bodyOf: toBody, showApiError };
}
