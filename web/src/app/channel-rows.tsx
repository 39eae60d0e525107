import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { Button, SelectField, TextField } from '../shared/ui';
import type { EmailType, PhoneType } from '../../../functions/shared/enums';
import type { ContactValues } from './contact-form-values';

const MAX_ROWS = 10;

/**
 * A contact's emails or phones: typed values, one of them primary; rows can be added and removed.
 * Adding a row focuses its value; removing the primary makes the first remaining row primary.
 */
export function ChannelRows<T extends EmailType | PhoneType>({
  form,
  kind,
  legend,
  types,
  typeLabels,
  radioName,
}: {
  form: UseFormReturn<ContactValues>;
  kind: 'email' | 'phone';
  legend: string;
  types: readonly T[];
  typeLabels: Record<T, string>;
  radioName: string;
}) {
  const name = kind === 'email' ? 'emails' : 'phones';
  const { fields, append, remove } = useFieldArray({ control: form.control, name });
  const rows = useWatch({ control: form.control, name }) ?? [];
  const errors = form.formState.errors[name];
  const groupError = errors?.root?.message ?? errors?.message;
  const word = kind;
  const Word = kind === 'email' ? 'Email' : 'Phone';

  const makePrimary = (index: number) =>
    rows.forEach((_, i) => form.setValue(`${name}.${i}.primary`, i === index, { shouldDirty: true }));
  const removeRow = (index: number) => {
    const wasPrimary = rows[index]?.primary;
    remove(index);
    if (wasPrimary && rows.length > 1) form.setValue(`${name}.0.primary`, true, { shouldDirty: true });
  };

  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {groupError && (
        <p className="field-error" role="alert" style={{ marginBottom: 8 }}>
          {groupError}
        </p>
      )}
      <div className="multi-rows">
        {fields.length === 0 && <p className="muted">No {word}s yet.</p>}
        {fields.map((field, i) => {
          const n = i + 1;
          return (
            <div className="multi-row" key={field.id}>
              <TextField
                label={
                  <>
                    {Word}
                    <span className="sr-only"> {n}</span>
                  </>
                }
                type={kind === 'email' ? 'email' : 'tel'}
                inputMode={kind === 'email' ? 'email' : 'tel'}
                autoComplete="off"
                placeholder={kind === 'email' ? 'name@example.com' : '+44 20 7946 0000'}
                {...form.register(`${name}.${i}.value`)}
                error={errors?.[i]?.value?.message}
              />
              <SelectField
                label={
                  <>
                    Type
                    <span className="sr-only">
                      {' '}
                      of {word} #{n}
                    </span>
                  </>
                }
                {...form.register(`${name}.${i}.type`)}
                options={types.map((t) => ({ value: t, label: typeLabels[t] }))}
              />
              <label className="radio-field">
                <input
                  type="radio"
                  name={radioName}
                  checked={rows[i]?.primary ?? false}
                  onChange={() => makePrimary(i)}
                />
                Primary
                <span className="sr-only">
                  {' '}
                  {word} #{n}
                </span>
              </label>
              <Button
                variant="ghost"
                size="sm"
                className="btn-danger-text"
                onClick={() => removeRow(i)}
                style={{ minHeight: 40 }}
              >
                Remove
                <span className="sr-only">
                  {' '}
                  {word} #{n}
                </span>
              </Button>
            </div>
          );
        })}
      </div>
      {fields.length < MAX_ROWS && (
        <Button
          size="sm"
          onClick={() => append({ value: '', type: types[0]!, primary: fields.length === 0 })}
          style={{ marginTop: 10 }}
        >
          <span aria-hidden="true">+</span> Add {word}
        </Button>
      )}
    </fieldset>
  );
}
