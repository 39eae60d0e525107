import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type FormEvent,
  type RefObject,
  type SetStateAction,
} from 'react';
import { ApiError, errorMessage } from './api';

export type FieldErrors = Record<string, string>;

/**
 * Splits an API error into errors for the form's fields and messages for the rest.
 * `fieldFor` maps an API path (`addresses.0.country`) to a form field key, or undefined.
 */
export function mapApiErrors(
  error: unknown,
  fieldFor: (path: string) => string | undefined,
): { fields: FieldErrors; general: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, general: errorMessage(error) };
  const fields: FieldErrors = {};
  const unmatched: string[] = [];
  for (const { path, message } of error.fieldErrors) {
    const key = fieldFor(path);
    if (key && !fields[key]) fields[key] = message;
    else if (!key) unmatched.push(path ? `${path}: ${message}` : message);
  }
  const matched = Object.keys(fields).length > 0;
  const general =
    unmatched.length > 0 ? `${errorMessage(error)} (${unmatched.join('; ')})` : matched ? null : errorMessage(error);
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

/** The client-side twin of the API's required, length-capped text fields: a message, or undefined when fine. */
export function requiredTextError(value: string, max: number, emptyMessage: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return emptyMessage;
  if (trimmed.length > max) return `Use at most ${max} characters`;
  return undefined;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What a form shows after a 409: a warning (`reloaded`: it now holds the latest version) or an error. */
export type ConflictOutcome<C> = { conflict: C; reloaded?: boolean } | { general: string };

export interface SaveFormSpec<C> {
  /** Errors found before sending; when there are none, `send` runs. */
  validate: () => FieldErrors;
  /** Sends the form (the form stays busy until it returns or throws). */
  send: () => Promise<void>;
  /** Maps an API error path to a form field key, or undefined. */
  fieldFor: (path: string) => string | undefined;
  /** Adjusts the field errors the API returned before they are shown. */
  adjustErrors?: (fields: FieldErrors) => FieldErrors;
  /** On 409 (someone else changed the record): what to show. The form stays busy while it runs. */
  onConflict?: () => ConflictOutcome<C> | Promise<ConflictOutcome<C>>;
}

export interface SaveForm<C> {
  form: RefObject<HTMLFormElement | null>;
  errors: FieldErrors;
  setErrors: Dispatch<SetStateAction<FieldErrors>>;
  /** Clears the error of one field (as the user edits it). */
  clearError: (key: string) => void;
  general: string | null;
  setGeneral: Dispatch<SetStateAction<string | null>>;
  conflict: C | null;
  saving: boolean;
  /** The form's onSubmit. */
  submit: (event: FormEvent) => Promise<void>;
}

/**
 * The save cycle of a form: validate, send once at a time, show the API's field errors next to the
 * fields (focusing the first) and the rest above them, and handle a 409 conflict via `onConflict`.
 */
export function useSaveForm<C = string>(spec: SaveFormSpec<C>): SaveForm<C> {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<C | null>(null);
  const [saving, setSaving] = useState(false);
  useFocusFirstError(form, errors);
  const clearError = useCallback((key: string) => setErrors((x) => withoutError(x, key)), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = spec.validate();
    setErrors(submitted(found));
    setGeneral(null);
    setConflict(null);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      await spec.send();
      // Forms that stay on screen after a save must be usable again.
      setSaving(false);
    } catch (error) {
      if (spec.onConflict && error instanceof ApiError && error.isConflict) {
        const outcome = await spec.onConflict();
        if ('general' in outcome) {
          setGeneral(outcome.general);
        } else {
          setConflict(() => outcome.conflict);
          if (outcome.reloaded) form.current?.querySelector<HTMLInputElement>('input')?.focus();
        }
        setSaving(false);
        return;
      }
      setSaving(false);
      const mapped = mapApiErrors(error, spec.fieldFor);
      setErrors(submitted(spec.adjustErrors ? spec.adjustErrors(mapped.fields) : mapped.fields));
      setGeneral(mapped.general);
    }
  };

  return { form, errors, setErrors, clearError, general, setGeneral, conflict, saving, submit };
}

/**
 * The usual `onConflict` of a form that edits a stored record in place: fetches the record as stored
 * now and hands it to `load` (which puts it into the form and returns the warning to show), or says
 * why it could not (`gone` when it no longer exists, `failed` when it could not be fetched).
 */
export async function reloadLatest<T>(
  fetchLatest: () => Promise<T | undefined>,
  load: (latest: T) => string,
  messages: { failed: (reason: string) => string; gone?: string },
): Promise<ConflictOutcome<string>> {
  try {
    const latest = await fetchLatest();
    if (latest === undefined) return { general: messages.gone ?? messages.failed('it no longer exists') };
    return { conflict: load(latest), reloaded: true };
  } catch (reloadError) {
    return { general: messages.failed(errorMessage(reloadError)) };
  }
}
