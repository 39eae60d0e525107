import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { cx } from '../format';

interface ShellProps {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** Shows "optional" beside the label (outside it, so the accessible name stays the label). */
  optional?: boolean;
  className?: string;
}

interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

function FieldShell({
  label,
  error,
  hint,
  optional,
  className,
  id,
  children,
}: ShellProps & { id?: string; children: (control: ControlProps) => ReactNode }) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('field', error && 'field-invalid', className)}>
      <div className="field-label">
        <label htmlFor={fieldId}>{label}</label>
        {optional && <span className="field-optional">optional</span>}
      </div>
      {children({ id: fieldId, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled text input with hint and error wiring (aria-invalid, aria-describedby). */
export function TextField({
  label,
  error,
  hint,
  optional,
  className,
  id,
  ...input
}: ShellProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint} optional={optional} className={className} id={id}>
      {(control) => <input className="input" type="text" {...input} {...control} />}
    </FieldShell>
  );
}

/** A labelled textarea. */
export function TextAreaField({
  label,
  error,
  hint,
  optional,
  className,
  id,
  ...input
}: ShellProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint} optional={optional} className={className} id={id}>
      {(control) => <textarea className="input textarea" rows={4} {...input} {...control} />}
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled native select. */
export function SelectField({
  label,
  error,
  hint,
  optional,
  className,
  id,
  options,
  ...select
}: ShellProps & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[] }) {
  return (
    <FieldShell label={label} error={error} hint={hint} optional={optional} className={className} id={id}>
      {(control) => (
        <select className="input select" {...select} {...control}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
