import { useId, useRef, useState } from 'react';
import { activitiesApi } from '../../../functions/activities/contract';
import { contactsApi, type ContactView } from '../../../functions/contacts/contract';
import { createContactSchema, updateContactSchema } from '../../../functions/contacts/schema';
import { CONTACT_ROLES, EMAIL_TYPES, PHONE_TYPES } from '../../../functions/shared/enums';
import { newIdempotencyKey } from '../shared/api';
import { fieldMessage, useContractForm } from '../shared/form';
import { CONTACT_ROLE_LABELS, EMAIL_TYPE_LABELS, PHONE_TYPE_LABELS } from '../shared/labels';
import { useApiMutation } from '../shared/query';
import { Alert, Button, FormDialogActions, SelectField, TextAreaField, TextField } from '../shared/ui';
import { ChannelRows } from './channel-rows';
import {
  contactFieldFor,
  createBody,
  updateBody,
  valuesOf,
  type ContactValues,
  type CreateContactBody,
  type UpdateContactBody,
} from './contact-form-values';

type Update = { contactId: string; version: number; body: UpdateContactBody };

// A saved contact changes the company's timeline as well as its contacts.
const INVALIDATES = [contactsApi, activitiesApi];

/** Add or edit a contact: names, job title, role, typed emails and phones with a primary, notes. */
export function ContactEditor({
  companyId,
  contact,
  onSaved,
  onCancel,
  onReload,
}: {
  companyId: string;
  contact?: ContactView;
  onSaved: (contact: ContactView, created: boolean) => void;
  onCancel: () => void;
  /** Fetches the latest version after a conflict; the editor is then re-mounted with it. */
  onReload: () => Promise<void>;
}) {
  // One key per opening of the editor: a retry after a lost response cannot add the contact twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  // The values the latest body was made of, so an error path finds its email or phone row.
  const bodySource = useRef<ContactValues | null>(null);
  const radioBase = useId();
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const { form, general, setGeneral, showApiError } = useContractForm<
    ContactValues,
    typeof createContactSchema | typeof updateContactSchema
  >({
    schema: contact ? updateContactSchema : createContactSchema,
    defaultValues: valuesOf(contact),
    toBody: (values) => {
      bodySource.current = values;
      return contact ? updateBody(values) : createBody(values);
    },
    fieldFor: (path) => contactFieldFor(path, bodySource.current),
  });
  const { errors, isSubmitting } = form.formState;
  const create = useApiMutation(
    contactsApi.create,
    (body: CreateContactBody) => ({ params: { companyId }, body, idempotencyKey: idempotencyKey.current }),
    { invalidates: INVALIDATES },
  );
  const update = useApiMutation(
    contactsApi.update,
    ({ contactId, version, body }: Update) => ({ params: { contactId }, body, version }),
    { invalidates: INVALIDATES },
  );

  const save = form.handleSubmit(async (values) => {
    try {
      const saved = contact
        ? await update.mutateAsync({ contactId: contact.contactId, version: contact.version, body: updateBody(values) })
        : await create.mutateAsync(createBody(values));
      onSaved(saved, !contact);
    } catch (error) {
      await showApiError(error, () => setConflict(true));
    }
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
    <form
      onSubmit={(event) => {
        setGeneral(null);
        setConflict(false);
        return save(event);
      }}
      noValidate
      className="stack"
    >
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
          {...form.register('firstName')}
          error={fieldMessage(errors.firstName, 'Enter a first name')}
          autoComplete="off"
          aria-required="true"
          maxLength={100}
        />
        <TextField
          label="Last name"
          {...form.register('lastName')}
          error={fieldMessage(errors.lastName, 'Enter a last name')}
          autoComplete="off"
          aria-required="true"
          maxLength={100}
        />
        <TextField
          label="Job title"
          optional
          {...form.register('jobTitle')}
          error={errors.jobTitle?.message}
          autoComplete="off"
          maxLength={150}
        />
        <SelectField
          label="Role"
          {...form.register('role')}
          error={errors.role?.message}
          options={CONTACT_ROLES.map((r) => ({ value: r, label: CONTACT_ROLE_LABELS[r] }))}
        />
      </div>
      <ChannelRows
        form={form}
        kind="email"
        legend="Email addresses"
        types={EMAIL_TYPES}
        typeLabels={EMAIL_TYPE_LABELS}
        radioName={`${radioBase}-email`}
      />
      <ChannelRows
        form={form}
        kind="phone"
        legend="Phone numbers"
        types={PHONE_TYPES}
        typeLabels={PHONE_TYPE_LABELS}
        radioName={`${radioBase}-phone`}
      />
      <TextAreaField
        label="Notes"
        optional
        {...form.register('notes')}
        error={errors.notes?.message}
        maxLength={5000}
      />
      <FormDialogActions submitLabel="Save contact" saving={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
