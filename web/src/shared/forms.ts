import { useEffect, type RefObject } from 'react';
import { ApiError, errorMessage } from './api';

export type FieldErrors = Record<string, string>;

/**
 * Splits an API error into errors for the form's fields and messages for the rest.
 * `fieldFor` maps an API path (`addresses.0.country`) to a form field key, or undefined.
 */
export function mapApiErrors(error: unknown, fieldFor: (path: string) => string | undefined): { fields: FieldErrors; general: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, general: errorMessage(error) };
  const fields: FieldErrors = {};
  const unmatched: string[] = [];
  for (const { path, message } of error.fieldErrors) {
    const key = fieldFor(path);
    if (key && !fields[key]) fields[key] = message;
    else if (!key) unmatched.push(path ? `${path}: ${message}` : message);
  }
  const matched = Object.keys(fields).length > 0;
  const general = unmatched.length > 0 ? `${errorMessage(error)} (${unmatched.join('; ')})` : matched ? null : errorMessage(error);
  return { fields, general };
}

/** Maps an API path to the form field key it belongs to, by exact name or a prefix ("tags.3" → "tags"). */
export const byPrefix =
  (keys: readonly string[]) =>
  (path: string): string | undefined =>
    keys.find((k) => path === k) ?? keys.find((k) => path.startsWith(`${k}.`));

const fromSubmit = new WeakSet<FieldErrors>();

/** Marks the errors found by a submit, so that useFocusFirstError moves focus to the first one. */
export function submitted(errors: FieldErrors): FieldErrors {
  fromSubmit.add(errors);
  return errors;
}

/** After a submit finds errors (not when one is cleared while typing), focuses the first invalid control. */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, errors: FieldErrors): void {
  useEffect(() => {
    if (fromSubmit.has(errors) && Object.keys(errors).length > 0) {
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }, [errors, form]);
}

/** `errors` without `key` (the same object when there was nothing to clear). */
export function withoutError(errors: FieldErrors, key: string): FieldErrors {
  if (!(key in errors)) return errors;
  const { [key]: _cleared, ...rest } = errors;
  return rest;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
