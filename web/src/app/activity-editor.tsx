import { useMemo, useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { activitiesApi, type ActivityView } from '../../../functions/activities/contract';
import { logActivitySchema } from '../../../functions/activities/schema';
import type { ContactView } from '../../../functions/contacts/contract';
import type { BodyIn } from '../../../functions/shared/contract';
import { ACTIVITY_TYPES } from '../../../functions/shared/enums';
import { ApiError, newIdempotencyKey } from '../shared/api';
import { fieldMessage, useContractForm } from '../shared/form';
import { fullName } from '../shared/format';
import { ACTIVITY_TYPE_LABELS } from '../shared/labels';
import { useApiMutation } from '../shared/query';
import { Alert, FormDialogActions, SelectField, TextAreaField, TextField } from '../shared/ui';
import {
  editBody,
  editSchemaFor,
  hasDuration,
  logBody,
  toLocalInput,
  valuesOf,
  type ActivitySchema,
  type ActivityValues,
} from './activity-form-values';

const MAX_DURATION = 24 * 60;

/** This company's contacts for the picker and for names; `items` is undefined while loading. */
export interface ContactOptions {
  items: ContactView[] | undefined;
  error: unknown;
  reload: () => void;
}

/**
 * Log a call, email, meeting or note (type, subject, details, contact, when and, for calls and
 * meetings, duration), or edit one that was logged (`activity`).
 */
export function ActivityEditor({
  companyId,
  activity,
  contacts,
  onSaved,
  onCancel,
}: {
  companyId: string;
  activity?: ActivityView;
  contacts: ContactOptions;
  onSaved: (activity: ActivityView) => void;
  onCancel: () => void;
}) {
  // One key per opening of the editor: a retry after a lost response cannot log the activity twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  const [openedAt] = useState(() => toLocalInput(new Date()));
  const schema = useMemo<ActivitySchema>(() => (activity ? editSchemaFor(activity) : logActivitySchema), [activity]);
  const {
    form,
    general,
    setGeneral,
    bodyOf: toBody,
    showApiError,
  } = useContractForm<ActivityValues, ActivitySchema>({
    schema,
    defaultValues: valuesOf(activity, openedAt),
    toBody: (values) => (activity ? editBody(values, activity) : logBody(values, openedAt)),
  });
  const { errors, isSubmitting } = form.formState;
  const [type, when] = useWatch({ control: form.control, name: ['type', 'occurredAt'] });
  const withDuration = hasDuration(type);
  // Activities and the timeline are one domain's lists: both go stale.
  const log = useApiMutation(
    activitiesApi.log,
    (body: BodyIn<typeof activitiesApi.log>) => ({
      params: { companyId },
      body,
      idempotencyKey: idempotencyKey.current,
    }),
    { invalidates: [activitiesApi] },
  );
  const update = useApiMutation(
    activitiesApi.update,
    ({ target, body }: { target: ActivityView; body: BodyIn<typeof activitiesApi.update> }) => ({
      params: { activityId: target.activityId },
      body,
      version: target.version,
      idempotencyKey: idempotencyKey.current,
    }),
    { invalidates: [activitiesApi] },
  );

  const save = form.handleSubmit(async (values) => {
    try {
      onSaved(
        activity
          ? await update.mutateAsync({ target: activity, body: editBody(values, activity) })
          : await log.mutateAsync(toBody(values) as BodyIn<typeof activitiesApi.log>),
      );
    } catch (error) {
      await showApiError(error, () =>
        setGeneral('Someone else changed this activity meanwhile. Close this and open it again to see their changes.'),
      );
      // The chosen contact was deleted or moved meanwhile: offer the current list.
      if (error instanceof ApiError && error.fieldErrors.some((e) => e.path === 'contactId')) contacts.reload();
    }
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
    <form onSubmit={save} noValidate className="stack">
      {general && <Alert tone="error">{general}</Alert>}
      <div className="form-grid">
        <SelectField
          label="Type"
          // A type without a duration hides that field, and with it any complaint about it.
          {...form.register('type', { onChange: () => form.clearErrors('durationMinutes') })}
          error={fieldMessage(errors.type, 'Choose a type')}
          options={ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }))}
        />
        <TextField
          label="When"
          type="datetime-local"
          {...form.register('occurredAt')}
          error={
            errors.occurredAt &&
            (!when
              ? 'Enter when it happened'
              : // The schema's own words for a time in the future; its format message is for API clients.
                errors.occurredAt.type === 'custom'
                ? errors.occurredAt.message
                : 'Enter a valid date and time')
          }
          aria-required="true"
        />
        <TextField
          label="Subject"
          className="span-2"
          {...form.register('subject')}
          error={fieldMessage(errors.subject, 'Enter a subject')}
          autoComplete="off"
          aria-required="true"
          maxLength={200}
        />
        <SelectField
          label="Contact"
          optional
          className={withDuration ? undefined : 'span-2'}
          {...form.register('contactId')}
          error={errors.contactId?.message}
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
            {...form.register('durationMinutes')}
            error={fieldMessage(errors.durationMinutes, `Enter whole minutes, from 0 to ${MAX_DURATION}`)}
            maxLength={4}
          />
        )}
        <TextAreaField
          label="Details"
          optional
          className="span-2"
          {...form.register('body')}
          error={errors.body?.message}
          maxLength={10_000}
          rows={5}
        />
      </div>
      <FormDialogActions
        submitLabel={activity ? 'Save changes' : 'Save activity'}
        saving={isSubmitting}
        onCancel={onCancel}
      />
    </form>
  );
}
