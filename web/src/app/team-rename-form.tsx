import { useEffect, useState } from 'react';
import { usersApi, type UserView } from '../../../functions/users/contract';
import { updateUserSchema } from '../../../functions/users/schema';
import { errorMessage } from '../shared/api';
import { fieldMessage, useContractForm } from '../shared/form';
import { useApiMutation } from '../shared/query';
import { Alert, FormDialogActions, TextField, useToast } from '../shared/ui';
import { useTeamCache } from './workspace';

interface RenameValues {
  name: string;
}

/**
 * Renames a user (`PATCH /v1/users/{id}` with the version it was read at). When someone else
 * changed them meanwhile (409), it loads the latest version, shows it, and says so.
 */
export function RenameForm({
  user,
  onRenamed,
  onCancel,
}: {
  user: UserView;
  onRenamed: (user: UserView) => void;
  onCancel: () => void;
}) {
  const toast = useToast();
  const team = useTeamCache();
  const [base, setBase] = useState(user);
  const [conflict, setConflict] = useState<string | null>(null);
  const { form, general, setGeneral, bodyOf, showApiError } = useContractForm<RenameValues, typeof updateUserSchema>({
    schema: updateUserSchema,
    defaultValues: { name: user.name },
    toBody: (v) => ({ name: v.name.trim() }),
  });
  const rename = useApiMutation(usersApi.update, (name: string) => ({
    params: { userId: base.userId },
    body: { name, version: base.version },
    version: base.version,
  }));
  const { errors, isSubmitting } = form.formState;
  // After a reset the field registers again on render; focus it then, so the latest name is what the user edits.
  useEffect(() => {
    if (conflict) form.setFocus('name');
  }, [conflict, form]);

  const loadLatest = async () => {
    try {
      const latest = await team.latest(base.userId);
      if (!latest) {
        setGeneral(`${base.name} is no longer in your team.`);
        return;
      }
      setBase(latest);
      form.reset({ name: latest.name });
      setConflict(
        `Someone else changed ${base.name} while you were editing. The latest details are loaded now: their name is “${latest.name}”. Make your change again and save.`,
      );
    } catch (reloadError) {
      setGeneral(
        `Someone else changed ${base.name} while you were editing, and the latest version could not be loaded: ${errorMessage(reloadError)}`,
      );
    }
  };

  const submit = form.handleSubmit(async (values) => {
    setGeneral(null);
    setConflict(null);
    const { name = '' } = bodyOf(values);
    if (name === base.name) {
      toast('No changes to save', 'info');
      onCancel();
      return;
    }
    try {
      onRenamed(await rename.mutateAsync(name));
    } catch (error) {
      await showApiError(error, loadLatest);
    }
  });

  return (
    <form onSubmit={submit} noValidate className="stack">
      {conflict && (
        <Alert tone="warning" title="This person was changed by someone else">
          {conflict}
        </Alert>
      )}
      {general && <Alert tone="error">{general}</Alert>}
      <TextField
        label="Name"
        {...form.register('name')}
        error={fieldMessage(errors.name, 'Enter their name')}
        hint={`Shown to everyone in the workspace. Their email (${base.email}) stays the same.`}
        autoComplete="off"
        aria-required="true"
        maxLength={100}
      />
      <FormDialogActions submitLabel="Save name" saving={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
