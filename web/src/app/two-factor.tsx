import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { settingsApi } from '../../../functions/settings/contract';
import { usersApi, type MeView } from '../../../functions/users/contract';
import { ApiError, errorMessage } from '../shared/api';
import { otpauthUri } from '../shared/auth';
import { useContractForm } from '../shared/form';
import { useApiMutation, useApiQuery, queryKeyOf } from '../shared/query';
import { useServices } from '../shared/services';
import { codeSchema, keyInGroups, TotpCodeField, TotpQrCode } from '../shared/sign-in';
import { Alert, Badge, Button, ErrorState, Skeleton, useToast } from '../shared/ui';

export const MFA_REQUIRED = 'https://quoteflow.app/problems/mfa-required';

/** The API refused a request because the workspace requires two-factor sign-in this user lacks. */
export const isMfaRequired = (error: unknown): boolean => error instanceof ApiError && error.type === MFA_REQUIRED;

/**
 * Sets up TOTP for the signed-in user: a QR code and the key in groups of four, then the first
 * code. The user pool is changed with the user's own access token; the API then re-reads it.
 */
export function TotpSetup({ email, onDone }: { email: string; onDone: (me: MeView) => void }) {
  const { auth, api } = useServices();
  const client = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const { form } = useContractForm({ schema: codeSchema, defaultValues: { code: '' } });
  const { errors, isSubmitting } = form.formState;
  const keyId = useId();

  const start = async () => {
    setFailure(null);
    setStarting(true);
    try {
      setSecret(await auth.beginTotpSetup());
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  const submit = form.handleSubmit(async ({ code }) => {
    setFailure(null);
    try {
      await auth.confirmTotpSetup(code);
      const me = await api.call(usersApi.refreshMfa);
      client.setQueryData(queryKeyOf(usersApi.me, {}), me);
      // Pages refused with mfa-required load again, and the team shows the new state.
      void client.invalidateQueries();
      onDone(me);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  });

  if (!secret) {
    return (
      <div className="stack">
        {failure && <Alert tone="error">{failure}</Alert>}
        <div className="row">
          <Button variant="primary" busy={starting} onClick={() => void start()}>
            Set up two-factor sign-in
          </Button>
        </div>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="stack totp-setup" aria-label="Set up two-factor sign-in">
      <p className="muted">
        Scan this QR code with an authenticator app (Google Authenticator, 1Password, Microsoft Authenticator…) or type
        the key into it, then enter the 6-digit code it shows. From then on, signing in asks for a code from the app.
      </p>
      <TotpQrCode uri={otpauthUri('Quoteflow', email, secret)} />
      <p className="muted" id={keyId}>
        Key: <code className="break totp-key">{keyInGroups(secret)}</code>
      </p>
      {failure && <Alert tone="error">{failure}</Alert>}
      <TotpCodeField label="Code from the app" {...form.register('code')} error={errors.code?.message} />
      <div className="row">
        <Button type="submit" variant="primary" busy={isSubmitting}>
          Verify and turn on
        </Button>
        <Button
          onClick={() => {
            setSecret(null);
            setFailure(null);
          }}
          disabled={isSubmitting}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The signed-in user's own two-factor sign-in: on, or a way to set it up. */
export function TwoFactorCard({ me }: { me: MeView }) {
  const toast = useToast();
  return (
    <section className="card card-pad stack" aria-labelledby="two-factor-title">
      <div className="row two-factor-head">
        <h2 id="two-factor-title" className="section-title">
          Your two-factor sign-in
        </h2>
        <Badge tone={me.mfaEnabled ? 'success' : 'neutral'}>{me.mfaEnabled ? 'On' : 'Off'}</Badge>
      </div>
      {me.mfaEnabled ? (
        <p className="muted" data-testid="two-factor-state">
          Signing in to {me.email} asks for a code from your authenticator app.
        </p>
      ) : (
        <>
          <p className="muted" data-testid="two-factor-state">
            Add a code from an authenticator app to your password, so a stolen password is not enough to sign in.
          </p>
          <TotpSetup email={me.email} onDone={() => toast('Two-factor sign-in is on')} />
        </>
      )}
    </section>
  );
}

/** The owner's workspace setting: require two-factor sign-in of everyone. */
export function SecurityCard({ me }: { me: MeView }) {
  const toast = useToast();
  const client = useQueryClient();
  const settings = useApiQuery(settingsApi.getSecurity, {});
  const update = useApiMutation(
    settingsApi.updateSecurity,
    (v: { mfaRequired: boolean; version: number }) => ({ body: { mfaRequired: v.mfaRequired }, version: v.version }),
    {
      invalidates: [usersApi],
      onSuccess: (saved) => client.setQueryData(queryKeyOf(settingsApi.getSecurity, {}), saved),
    },
  );
  const [failure, setFailure] = useState<string | null>(null);
  // The value being saved, set in the change event itself so the switch never flicks back first.
  const [saving, setSaving] = useState<boolean | null>(null);
  const switchId = useId();
  const hintId = useId();

  const toggle = async (mfaRequired: boolean) => {
    if (!settings.data) return;
    setFailure(null);
    setSaving(mfaRequired);
    try {
      await update.mutateAsync({ mfaRequired, version: settings.data.version });
      toast(mfaRequired ? 'Everyone now signs in with two-factor' : 'Two-factor sign-in is now optional');
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) void settings.refetch();
      setFailure(
        error instanceof ApiError && error.isConflict
          ? 'Someone changed this setting at the same time; it has been reloaded. Try again.'
          : errorMessage(error),
      );
    } finally {
      setSaving(null);
    }
  };

  const locked = !me.mfaEnabled;
  // The switch shows the value being saved at once, and the stored one otherwise.
  const required = saving ?? settings.data?.mfaRequired;
  return (
    <section className="card card-pad stack" aria-labelledby="security-title">
      <div>
        <h2 id="security-title" className="section-title">
          Workspace security
        </h2>
        <p className="muted">What everyone in {me.tenant.name} needs to sign in.</p>
      </div>
      {settings.error && !settings.data ? (
        <ErrorState
          title="The security settings could not be loaded"
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      ) : !settings.data ? (
        <Skeleton height="2.5em" />
      ) : (
        <>
          <div className="switch-row">
            <input
              id={switchId}
              type="checkbox"
              role="switch"
              className="switch"
              checked={required}
              disabled={saving !== null || (locked && !required)}
              aria-describedby={hintId}
              onChange={(e) => void toggle(e.target.checked)}
            />
            <label htmlFor={switchId} className="switch-label">
              Require two-factor sign-in
            </label>
          </div>
          <p className="muted" id={hintId}>
            {locked && !required
              ? 'Set up your own two-factor sign-in first, so requiring it cannot lock you out.'
              : required
                ? 'Everyone signs in with a code from an authenticator app. People without one are asked to set it up before they can do anything else.'
                : 'When on, people without an authenticator app must set one up before they can do anything else.'}
          </p>
          {failure && <Alert tone="error">{failure}</Alert>}
        </>
      )}
    </section>
  );
}
