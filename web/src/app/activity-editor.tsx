import { useRef, useState } from 'react';
import { newIdempotencyKey } from '../shared/api';
import { byPrefix, useSaveForm, type FieldErrors } from '../shared/forms';
import { fullName } from '../shared/format';
import { ACTIVITY_TYPE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import { ACTIVITY_TYPES, type Activity, type ActivityType, type Contact } from '../shared/types';
import { Alert, FormDialogActions, SelectField, TextAreaField, TextField } from '../shared/ui';

const MAX_DURATION = 24 * 60;
const FIELDS = ['type', 'subject', 'body', 'contactId', 'occurredAt', 'durationMinutes'] as const;
/** Friendlier words for the API's terse "Required", by field. */
const REQUIRED: Record<string, string> = {
  subject: 'Enter a subject',
  type: 'Choose a type',
  occurredAt: 'Enter when it happened',
};

/** Types that take a duration. */
const hasDuration = (type: ActivityType): boolean => type === 'call' || type === 'meeting';

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as the local "YYYY-MM-DDTHH:mm" of a datetime-local input. */
const toLocalInput = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** This company's contacts for the picker and for names; `items` is undefined while loading. */
export interface ContactOptions {
  items: Contact[] | undefined;
  error: unknown;
  reload: () => void;
}

/** Log a call, email, meeting or note: type, subject, details, contact, when and (calls, meetings) duration. */
export function ActivityEditor({
  companyId,
  contacts,
  onSaved,
  onCancel,
}: {
  companyId: string;
  contacts: ContactOptions;
  onSaved: (activity: Activity) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  // One key per opening of the editor: a retry after a lost response cannot log the activity twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  const [type, setType] = useState<ActivityType>('call');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [contactId, setContactId] = useState('');
  const [openedAt] = useState(() => toLocalInput(new Date()));
  const [when, setWhen] = useState(openedAt);
  const [duration, setDuration] = useState('');
  const withDuration = hasDuration(type);
  const {
    form,
    errors,
    clearError: clear,
    general,
    saving,
    submit,
  } = useSaveForm({
    validate: () => {
      // The subject's rules (required, at most 200 characters) are the API's; it answers next to the field.
      const next: FieldErrors = {};
      const occurred = when ? new Date(when) : undefined;
      if (!occurred) next.occurredAt = 'Enter when it happened';
      else if (Number.isNaN(occurred.getTime())) next.occurredAt = 'Enter a valid date and time';
      const minutes = duration.trim();
      if (withDuration && minutes && !(/^\d+$/.test(minutes) && Number(minutes) <= MAX_DURATION)) {
        next.durationMinutes = `Enter whole minutes, from 0 to ${MAX_DURATION}`;
      }
      return next;
    },
    send: async () => {
      const minutes = duration.trim();
      const payload = {
        type,
        subject,
        body: body.trim() || undefined,
        contactId: contactId || undefined,
        // Left as opened ("now" to the minute): let the server stamp the exact time.
        occurredAt: when === openedAt ? undefined : new Date(when).toISOString(),
        durationMinutes: withDuration && minutes ? Number(minutes) : undefined,
      };
      const saved = await api.post<Activity>(`/v1/companies/${encodeURIComponent(companyId)}/activities`, payload, {
        idempotencyKey: idempotencyKey.current,
      });
      onSaved(saved);
    },
    fieldFor: byPrefix(FIELDS),
    adjustErrors: (mapped) => {
      const fields: FieldErrors = {};
      for (const [key, message] of Object.entries(mapped))
        fields[key] = message === 'Required' ? (REQUIRED[key] ?? message) : message;
      // The chosen contact was deleted or moved meanwhile: offer the current list.
      if (fields.contactId) contacts.reload();
      return fields;
    },
  });

  const contactOptions = [
    {
      value: '',
      label: contacts.items
        ? contacts.items.length
          ? 'No contact'
          : 'No contacts at this company'
        : contacts.error
          ? 'Contacts could not be loaded'
          : 'Loading contacts…',
    },
    ...[...(contacts.items ?? [])]
      .sort((a, b) => fullName(a).localeCompare(fullName(b)))
      .map((c) => ({ value: c.contactId, label: c.jobTitle ? `${fullName(c)} · ${c.jobTitle}` : fullName(c) })),
  ];

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {general && <Alert tone="error">{general}</Alert>}
      <div className="form-grid">
        <SelectField
          label="Type"
          value={type}
          onChange={(e) => {
            setType(e.target.value as ActivityType);
            clear('type');
            clear('durationMinutes');
          }}
          error={errors.type}
          options={ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }))}
        />
        <TextField
          label="When"
          type="datetime-local"
          value={when}
          onChange={(e) => {
            setWhen(e.target.value);
            clear('occurredAt');
          }}
          error={errors.occurredAt}
          aria-required="true"
        />
        <TextField
          label="Subject"
          className="span-2"
          value={subject}
          onChange={(e) => {
            setSubject(e.target.value);
            clear('subject');
          }}
          error={errors.subject}
          autoComplete="off"
          aria-required="true"
          maxLength={200}
        />
        <SelectField
          label="Contact"
          optional
          className={withDuration ? undefined : 'span-2'}
          value={contactId}
          onChange={(e) => {
            setContactId(e.target.value);
            clear('contactId');
          }}
          error={errors.contactId}
          disabled={!contacts.items?.length}
          hint={
            contacts.error && !contacts.items ? (
              <button type="button" className="link-button" onClick={contacts.reload}>
                Try loading contacts again
              </button>
            ) : undefined
          }
          options={contactOptions}
        />
        {withDuration && (
          <TextField
            label="Duration in minutes"
            optional
            inputMode="numeric"
            autoComplete="off"
            value={duration}
            onChange={(e) => {
              setDuration(e.target.value);
              clear('durationMinutes');
            }}
            error={errors.durationMinutes}
            maxLength={4}
          />
        )}
        <TextAreaField
          label="Details"
          optional
          className="span-2"
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            clear('body');
          }}
          error={errors.body}
          maxLength={10_000}
          rows={5}
        />
      </div>
      <FormDialogActions submitLabel="Save activity" saving={saving} onCancel={onCancel} />
    </form>
  );
}
