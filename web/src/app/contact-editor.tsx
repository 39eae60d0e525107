import { useEffect, useRef, useState } from 'react';
import { newIdempotencyKey } from '../shared/api';
import { EMAIL_PATTERN, useSaveForm, type FieldErrors } from '../shared/forms';
import { CONTACT_ROLE_LABELS, EMAIL_TYPE_LABELS, PHONE_TYPE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import {
  CONTACT_ROLES,
  EMAIL_TYPES,
  PHONE_TYPES,
  type Contact,
  type ContactRole,
  type EmailType,
  type PhoneType,
} from '../shared/types';
import { Alert, Button, FormDialogActions, SelectField, TextAreaField, TextField } from '../shared/ui';

const PHONE_PATTERN = /^\+?[0-9 ()-]{5,25}$/;
const MAX_ROWS = 10;

interface Row<T extends string> {
  key: string;
  value: string;
  type: T;
  primary: boolean;
}

let rowSeq = 0;
const rowKey = () => `r${++rowSeq}`;

function withPrimary<T extends string>(rows: Row<T>[]): Row<T>[] {
  return rows.length > 0 && !rows.some((r) => r.primary) ? rows.map((r, i) => ({ ...r, primary: i === 0 })) : rows;
}

interface MultiProps<T extends string> {
  kind: 'email' | 'phone';
  legend: string;
  rows: Row<T>[];
  types: readonly T[];
  typeLabels: Record<T, string>;
  errors: FieldErrors;
  groupError?: string;
  radioName: string;
  onChange: (rows: Row<T>[]) => void;
  /** A row (by key) or the group changed: its error no longer applies. */
  onEdited: (key: string) => void;
}

/** Several typed values (emails or phones), one of them primary; rows can be added and removed. */
function MultiValueField<T extends string>({
  kind,
  legend,
  rows,
  types,
  typeLabels,
  errors,
  groupError,
  radioName,
  onChange,
  onEdited,
}: MultiProps<T>) {
  const focusKey = useRef<string | null>(null);
  const container = useRef<HTMLFieldSetElement>(null);
  const word = kind === 'email' ? 'email' : 'phone';
  const Word = kind === 'email' ? 'Email' : 'Phone';

  useEffect(() => {
    if (!focusKey.current) return;
    container.current?.querySelector<HTMLInputElement>(`[data-row="${focusKey.current}"]`)?.focus();
    focusKey.current = null;
  });

  const update = (key: string, patch: Partial<Row<T>>) => {
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    onEdited(key);
  };
  const add = () => {
    const key = rowKey();
    focusKey.current = key;
    onChange([...rows, { key, value: '', type: types[0]!, primary: rows.length === 0 }]);
  };
  const remove = (key: string) => onChange(withPrimary(rows.filter((r) => r.key !== key)));

  return (
    <fieldset className="fieldset" ref={container}>
      <legend>{legend}</legend>
      {groupError && (
        <p className="field-error" role="alert" style={{ marginBottom: 8 }}>
          {groupError}
        </p>
      )}
      <div className="multi-rows">
        {rows.length === 0 && <p className="muted">No {word}s yet.</p>}
        {rows.map((row, i) => {
          const n = i + 1;
          return (
            <div className="multi-row" key={row.key}>
              <TextField
                label={
                  <>
                    {Word}
                    <span className="sr-only"> {n}</span>
                  </>
                }
                data-row={row.key}
                type={kind === 'email' ? 'email' : 'tel'}
                inputMode={kind === 'email' ? 'email' : 'tel'}
                autoComplete="off"
                value={row.value}
                placeholder={kind === 'email' ? 'name@example.com' : '+44 20 7946 0000'}
                onChange={(e) => update(row.key, { value: e.target.value })}
                error={errors[row.key]}
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
                value={row.type}
                onChange={(e) => update(row.key, { type: e.target.value as T })}
                options={types.map((t) => ({ value: t, label: typeLabels[t] }))}
              />
              <label className="radio-field">
                <input
                  type="radio"
                  name={radioName}
                  checked={row.primary}
                  onChange={() => {
                    onChange(rows.map((r) => ({ ...r, primary: r.key === row.key })));
                    onEdited(`${kind}s`);
                  }}
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
                onClick={() => remove(row.key)}
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
      {rows.length < MAX_ROWS && (
        <Button size="sm" onClick={add} style={{ marginTop: 10 }}>
          <span aria-hidden="true">+</span> Add {word}
        </Button>
      )}
    </fieldset>
  );
}

/** Add or edit a contact: names, job title, role, typed emails and phones with a primary, notes. */
export function ContactEditor({
  companyId,
  contact,
  onSaved,
  onCancel,
  onReload,
}: {
  companyId: string;
  contact?: Contact;
  onSaved: (contact: Contact, created: boolean) => void;
  onCancel: () => void;
  /** Fetches the latest version after a conflict; the editor is then re-mounted with it. */
  onReload: () => Promise<void>;
}) {
  const api = useApi();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [firstName, setFirstName] = useState(contact?.firstName ?? '');
  const [lastName, setLastName] = useState(contact?.lastName ?? '');
  const [jobTitle, setJobTitle] = useState(contact?.jobTitle ?? '');
  const [role, setRole] = useState<ContactRole>(contact?.role ?? 'other');
  const [notes, setNotes] = useState(contact?.notes ?? '');
  const [emails, setEmails] = useState<Row<EmailType>[]>(() =>
    contact
      ? contact.emails.map((e) => ({ key: rowKey(), value: e.address, type: e.type, primary: e.primary }))
      : [{ key: rowKey(), value: '', type: 'work', primary: true }],
  );
  const [phones, setPhones] = useState<Row<PhoneType>[]>(() =>
    contact
      ? contact.phones.map((p) => ({ key: rowKey(), value: p.number, type: p.type, primary: p.primary }))
      : [{ key: rowKey(), value: '', type: 'work', primary: true }],
  );
  const [reloading, setReloading] = useState(false);
  const radioBase = useRef(`primary-${rowKey()}`).current;
  const sentEmails = withPrimary(emails.filter((r) => r.value.trim()));
  const sentPhones = withPrimary(phones.filter((r) => r.value.trim()));
  const {
    form,
    errors,
    clearError: clear,
    general,
    setGeneral,
    conflict,
    saving,
    submit,
  } = useSaveForm<true>({
    validate: () => {
      const next: FieldErrors = {};
      if (!firstName.trim()) next.firstName = 'Enter a first name';
      if (!lastName.trim()) next.lastName = 'Enter a last name';
      const seenEmails = new Set<string>();
      for (const r of sentEmails) {
        const address = r.value.trim().toLowerCase();
        if (!EMAIL_PATTERN.test(address)) next[r.key] = 'Enter an email address like name@example.com';
        else if (seenEmails.has(address)) next[r.key] = 'This email is listed twice';
        seenEmails.add(address);
      }
      const seenPhones = new Set<string>();
      for (const r of sentPhones) {
        const digits = r.value.replace(/\D/g, '');
        if (!PHONE_PATTERN.test(r.value.trim()))
          next[r.key] = 'Use digits, spaces, brackets or dashes, optionally starting with +';
        else if (seenPhones.has(digits)) next[r.key] = 'This number is listed twice';
        seenPhones.add(digits);
      }
      return next;
    },
    send: async () => {
      const body = {
        firstName: firstName.trim(),
        lastName: lastName.trim(),
        jobTitle: jobTitle.trim() || (contact ? null : undefined),
        role,
        emails: sentEmails.map((r) => ({ address: r.value.trim(), type: r.type, primary: r.primary })),
        phones: sentPhones.map((r) => ({ number: r.value.trim(), type: r.type, primary: r.primary })),
        notes: notes.trim() || (contact ? null : undefined),
      };
      const saved = contact
        ? await api.patch<Contact>(`/v1/contacts/${encodeURIComponent(contact.contactId)}`, body, {
            version: contact.version,
          })
        : await api.post<Contact>(`/v1/companies/${encodeURIComponent(companyId)}/contacts`, body, {
            idempotencyKey: idempotencyKey.current,
          });
      onSaved(saved, !contact);
    },
    fieldFor: (path) => {
      const [head, index] = path.split('.');
      if (head === 'emails' || head === 'phones') {
        const rows = head === 'emails' ? sentEmails : sentPhones;
        const row = index !== undefined ? rows[Number(index)] : undefined;
        return row ? row.key : head;
      }
      return ['firstName', 'lastName', 'jobTitle', 'role', 'notes'].includes(head ?? '') ? head : undefined;
    },
    onConflict: () => ({ conflict: true }),
  });

  const reload = async () => {
    setReloading(true);
    try {
      await onReload();
    } catch {
      setGeneral('The latest version could not be loaded. Try again.');
      setReloading(false);
    }
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {conflict && (
        <Alert
          tone="warning"
          title="Someone else changed this contact"
          actions={
            <Button size="sm" onClick={reload} busy={reloading}>
              Reload contact
            </Button>
          }
        >
          Reload to see their changes, then make yours again.
        </Alert>
      )}
      {general && <Alert tone="error">{general}</Alert>}
      <div className="form-grid">
        <TextField
          label="First name"
          value={firstName}
          onChange={(e) => {
            setFirstName(e.target.value);
            clear('firstName');
          }}
          error={errors.firstName}
          autoComplete="off"
          aria-required="true"
          maxLength={100}
        />
        <TextField
          label="Last name"
          value={lastName}
          onChange={(e) => {
            setLastName(e.target.value);
            clear('lastName');
          }}
          error={errors.lastName}
          autoComplete="off"
          aria-required="true"
          maxLength={100}
        />
        <TextField
          label="Job title"
          optional
          value={jobTitle}
          onChange={(e) => {
            setJobTitle(e.target.value);
            clear('jobTitle');
          }}
          error={errors.jobTitle}
          autoComplete="off"
          maxLength={150}
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value as ContactRole)}
          error={errors.role}
          options={CONTACT_ROLES.map((r) => ({ value: r, label: CONTACT_ROLE_LABELS[r] }))}
        />
      </div>
      <MultiValueField
        kind="email"
        legend="Email addresses"
        rows={emails}
        types={EMAIL_TYPES}
        typeLabels={EMAIL_TYPE_LABELS}
        errors={errors}
        groupError={errors.emails}
        radioName={`${radioBase}-email`}
        onChange={setEmails}
        onEdited={clear}
      />
      <MultiValueField
        kind="phone"
        legend="Phone numbers"
        rows={phones}
        types={PHONE_TYPES}
        typeLabels={PHONE_TYPE_LABELS}
        errors={errors}
        groupError={errors.phones}
        radioName={`${radioBase}-phone`}
        onChange={setPhones}
        onEdited={clear}
      />
      <TextAreaField
        label="Notes"
        optional
        value={notes}
        onChange={(e) => {
          setNotes(e.target.value);
          clear('notes');
        }}
        error={errors.notes}
        maxLength={5000}
      />
      <FormDialogActions submitLabel="Save contact" saving={saving} onCancel={onCancel} />
    </form>
  );
}
