import { useEffect, useId, useRef } from 'react';
import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { COUNTRY_OPTIONS } from '../shared/countries';
import { Button, SelectField, TextField } from '../shared/ui';
import { addressRow, type AddressField, type CompanyValues } from './company-form-values';

const MAX_ADDRESSES = 10;
const ADDRESS_TYPES = ['Head office', 'Registered office', 'Billing', 'Site', 'Branch', 'Warehouse'];

type CompanyForm = UseFormReturn<CompanyValues>;

/** ISO 3166 countries by name; a stored code the list does not know stays choosable, marked as such. */
const countryOptions = (current: string) => [
  { value: '', label: 'Not set' },
  ...(current && !COUNTRY_OPTIONS.some((o) => o.value === current)
    ? [{ value: current, label: `${current} (not a known country code)` }]
    : []),
  ...COUNTRY_OPTIONS,
];

/** One address: type (with suggestions), two lines, town, region, postcode, country; removable. */
function AddressBlock({
  form,
  index,
  rowId,
  datalistId,
  onRemove,
}: {
  form: CompanyForm;
  index: number;
  rowId: string;
  datalistId: string;
  onRemove: () => void;
}) {
  const n = index + 1;
  const which = <span className="sr-only"> (address {n})</span>;
  const errors = form.formState.errors.addresses?.[index];
  const summary = (useWatch({ control: form.control, name: `addresses.${index}.type` }) ?? '').trim();
  const country = useWatch({ control: form.control, name: `addresses.${index}.country` }) ?? '';
  const field = (f: AddressField) => {
    const registered = form.register(`addresses.${index}.${f}`);
    return {
      ...registered,
      error: errors?.[f]?.message,
      autoComplete: 'off',
      id: `${rowId}-${f}`,
    };
  };
  return (
    <fieldset className="address-block">
      <legend className="address-legend">
        Address {n}
        {summary && <span className="address-legend-type"> · {summary}</span>}
      </legend>
      <div className="form-grid">
        <TextField
          label={<>Address type{which}</>}
          optional
          {...field('type')}
          list={datalistId}
          placeholder="Head office"
          maxLength={40}
          hint="Pick a suggestion or type your own"
        />
        <span aria-hidden="true" className="form-grid-gap" />
        <TextField label={<>Address line 1{which}</>} optional {...field('line1')} maxLength={200} />
        <TextField label={<>Address line 2{which}</>} optional {...field('line2')} maxLength={200} />
        <TextField label={<>Town or city{which}</>} optional {...field('city')} maxLength={100} />
        <TextField
          label={<>Region{which}</>}
          optional
          {...field('region')}
          hint="County, state or province"
          maxLength={100}
        />
        <TextField label={<>Postcode{which}</>} optional {...field('postcode')} autoCapitalize="characters" />
        <SelectField
          label={<>Country{which}</>}
          optional
          {...field('country')}
          options={countryOptions(country)}
          className="field-country-select"
        />
      </div>
      <div className="address-actions">
        <Button size="sm" variant="ghost" className="btn-danger-text" onClick={onRemove}>
          Remove address
          <span className="sr-only">
            {' '}
            {n}
            {summary ? ` (${summary})` : ''}
          </span>
        </Button>
      </div>
    </fieldset>
  );
}

/** The company's addresses: up to ten blocks, each optional; empty blocks are not sent. */
export function AddressBlocks({ form }: { form: CompanyForm }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'addresses' });
  const errors = form.formState.errors.addresses;
  const groupError = errors?.root?.message ?? errors?.message;
  const datalistId = useId();
  const section = useRef<HTMLFieldSetElement>(null);
  // After a block is removed, "Add address" takes focus (adding one focuses its first field).
  const focusAdd = useRef(false);
  useEffect(() => {
    if (!focusAdd.current) return;
    focusAdd.current = false;
    section.current?.querySelector<HTMLButtonElement>('[data-add-address]')?.focus();
  });

  return (
    <fieldset ref={section} className="form-section" aria-describedby={groupError ? 'addresses-error' : undefined}>
      <legend>Addresses</legend>
      <p className="field-hint">Optional. Empty address blocks are not saved.</p>
      {groupError && (
        <p id="addresses-error" className="field-error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {groupError}
        </p>
      )}
      <datalist id={datalistId}>
        {ADDRESS_TYPES.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <div className="address-list">
        {fields.length === 0 && <p className="muted">No addresses yet.</p>}
        {fields.map((row, i) => (
          <AddressBlock
            key={row.id}
            form={form}
            index={i}
            rowId={row.id}
            datalistId={datalistId}
            onRemove={() => {
              focusAdd.current = true;
              remove(i);
            }}
          />
        ))}
      </div>
      <div className="address-add">
        {fields.length < MAX_ADDRESSES ? (
          <Button
            size="sm"
            onClick={() => append(addressRow())}
            data-add-address=""
            icon={<span aria-hidden="true">+</span>}
          >
            Add address
          </Button>
        ) : (
          <p className="muted">That is the most addresses a company can have ({MAX_ADDRESSES}).</p>
        )}
        <span className="muted address-count" aria-live="polite">
          {fields.length} of {MAX_ADDRESSES}
        </span>
      </div>
    </fieldset>
  );
}
