import { useRef } from 'react';
import type { BodyIn } from '../../../functions/shared/contract';
import { usersApi, type UserView } from '../../../functions/users/contract';
import { inviteUserSchema } from '../../../functions/users/schema';
import type { Role } from '../../../functions/shared/enums';
import { newIdempotencyKey } from '../shared/api';
import { fieldMessage, useContractForm } from '../shared/form';
import { useApiMutation } from '../shared/query';
import { formatDate } from '../shared/format';
import { Alert, Button, FormDialogActions, SelectField, TextField } from '../shared/ui';
import { ROLE_HINTS, roleOptions } from './team-role-select';
import { useWorkspace } from './workspace';

interface InviteValues {
  name: string;
  email: string;
  role: Role;
}

/** Invites a person by email (`POST /v1/users`); one idempotency key per opened form, so a retry cannot invite twice. */
export function InviteForm({
  onInvited,
  onCancel,
  onResend,
}: {
  onInvited: (user: UserView) => void;
  onCancel: () => void;
  /** Offered instead of a refusal when the email is a pending invitation of this workspace. */
  onResend: (user: UserView) => void;
}) {
  const { users } = useWorkspace();
  const key = useRef(newIdempotencyKey());
  const { form, general, setGeneral, bodyOf, showApiError } = useContractForm<InviteValues, typeof inviteUserSchema>({
    schema: inviteUserSchema,
    defaultValues: { name: '', email: '', role: 'sales' },
    toBody: (v) => ({ name: v.name.trim(), email: v.email.trim(), role: v.role }),
  });
  const invite = useApiMutation(usersApi.invite, (body: BodyIn<typeof usersApi.invite>) => ({
    body,
    idempotencyKey: key.current,
  }));
  const { errors, isSubmitting } = form.formState;
  const email = form.watch('email').trim().toLowerCase();
  const pending = users.find((u) => u.status === 'invited' && u.email.toLowerCase() === email);

  const submit = form.handleSubmit(async (values) => {
    setGeneral(null);
    try {
      onInvited(await invite.mutateAsync(bodyOf(values)));
    } catch (error) {
      showApiError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate className="stack">
      <p className="muted">They get an email with a temporary password and choose their own when they first sign in.</p>
      {pending ? (
        <Alert
          tone="info"
          title={`${pending.name} is already invited`}
          actions={
            <Button size="sm" variant="primary" onClick={() => onResend(pending)}>
              Resend invite
            </Button>
          }
        >
          They were invited on {formatDate(pending.createdAt)} and have not signed in yet.
        </Alert>
      ) : (
        general && <Alert tone="error">{general}</Alert>
      )}
      <TextField
        label="Name"
        {...form.register('name')}
        error={fieldMessage(errors.name, 'Enter their name')}
        autoComplete="off"
        aria-required="true"
        maxLength={100}
      />
      <TextField
        label="Email"
        type="email"
        {...form.register('email')}
        error={fieldMessage(errors.email, 'Enter their email address')}
        autoComplete="off"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        aria-required="true"
      />
      <SelectField
        label="Role"
        {...form.register('role')}
        error={errors.role?.message}
        options={roleOptions}
        hint={ROLE_HINTS[form.watch('role')]}
      />
      <FormDialogActions submitLabel="Send invitation" saving={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
