import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { usersApi, type MeView } from '../../../../functions/users/contract';
import { updateMeSchema } from '../../../../functions/users/schema';
import { ApiError } from '../../shared/api';
import { fieldMessage, useContractForm } from '../../shared/form';
import { queryKeyOf, useApiMutation } from '../../shared/query';
import { Alert, Button, SelectField, TextField, useToast } from '../../shared/ui';

/** The browser's own time zone: the suggestion until the user chooses one. */
const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Every IANA zone the browser knows, "Europe/London (GMT+1)"-style, with the chosen one kept even if it is an alias. */
function zoneOptions(chosen: string) {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add(chosen);
  const now = new Date();
  const offset = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  return [...zones].sort().map((zone) => ({ value: zone, label: `${zone.replace(/_/g, ' ')} (${offset(zone)})` }));
}

interface ProfileValues {
  name: string;
  timeZone: string;
}

/** The user's own name and time zone (PATCH /v1/me on the version it was read at); the email is shown, not edited. */
export function ProfileCard({ me }: { me: MeView }) {
  const toast = useToast();
  const client = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const zone = me.timeZone ?? browserZone();
  const options = useMemo(() => zoneOptions(zone), [zone]);
  const save = useApiMutation(usersApi.updateMe, (v: { body: ProfileValues; version: number }) => ({
    body: v.body,
    version: v.version,
  }));
  const { form, general, setGeneral, bodyOf, showApiError } = useContractForm<ProfileValues, typeof updateMeSchema>({
    schema: updateMeSchema,
    defaultValues: { name: me.name, timeZone: zone },
    toBody: (v) => ({ name: v.name.trim(), timeZone: v.timeZone }),
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setGeneral(null);
    setConflict(false);
    try {
      const saved = await save.mutateAsync({ body: bodyOf(values) as ProfileValues, version: me.version });
      client.setQueryData(queryKeyOf(usersApi.me, {}), saved);
      form.reset({ name: saved.name, timeZone: saved.timeZone ?? zone });
      toast('Your profile is saved');
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        // Someone (an admin renaming you, another tab) saved first: load it, keep the choice to save again.
        await client.invalidateQueries({ queryKey: queryKeyOf(usersApi.me, {}) });
        setConflict(true);
        return;
      }
      await showApiError(error);
    }
  });

  return (
    <section className="card card-pad stack" aria-labelledby="profile-title">
      <div>
        <h2 id="profile-title" className="section-title">
          Profile
        </h2>
        <p className="muted">How your name appears to your team, and the time zone your dates and reminders use.</p>
      </div>
      <form onSubmit={submit} noValidate className="stack" aria-label="Your profile">
        {conflict && (
          <Alert tone="warning" title="Your profile changed meanwhile">
            It was saved from somewhere else while you were editing; the latest version is loaded. Save again to replace
            it with what you see.
          </Alert>
        )}
        {general && <Alert tone="error">{general}</Alert>}
        <TextField
          label="Email"
          type="email"
          value={me.email}
          readOnly
          hint="You sign in with it; it cannot be changed here."
          data-testid="profile-email"
        />
        <TextField
          label="Name"
          {...form.register('name')}
          error={fieldMessage(errors.name, 'Enter your name')}
          autoComplete="name"
          aria-required="true"
          maxLength={100}
        />
        <SelectField
          label="Time zone"
          {...form.register('timeZone')}
          options={options}
          error={errors.timeZone?.message}
          hint={me.timeZone ? undefined : `Not chosen yet: your browser says ${zone}.`}
        />
        <div className="row">
          <Button type="submit" variant="primary" busy={isSubmitting}>
            Save profile
          </Button>
        </div>
      </form>
    </section>
  );
}
