import { useEffect, type RefObject } from 'react';

/**
 * Field errors of a hand-wired form (the sign-in forms, which talk to Cognito rather than a
 * contract; contract forms use form.ts).
 */
export type FieldErrors = Record<string, string>;

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
