import { useState, type ReactNode } from 'react';
import * as z from 'zod';
import { AuthError, PASSWORD_RULES } from './auth';
import { useContractForm } from './form';
import { useDocumentTitle } from './hooks';
import { useServices } from './services';
import { Alert, Button, PageHeading, TextField } from './ui';

type Step = { kind: 'credentials' } | { kind: 'newPassword'; email: string; session: string };

/** Cognito's sign-in takes any non-empty email and password; it judges them itself. */
const credentialsSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address'),
  password: z.string().min(1, 'Enter your password'),
});

/** The tenant pool's password policy, as the rules shown under the field. */
const newPasswordSchema = z
  .object({
    password: z
      .string()
      .refine((p) => PASSWORD_RULES.every((r) => r.test(p)), 'Choose a password that meets every rule listed'),
    confirm: z.string(),
  })
  .refine((v) => v.confirm === v.password, { path: ['confirm'], message: 'The passwords do not match' });

const messageOf = (error: unknown) =>
  error instanceof AuthError ? error.message : 'Sign-in failed. Please try again.';

/** Email + password sign-in, then "Choose your password" when Cognito asks for a new one. */
export function SignInPage({ brand, intro, onSignedIn }: { brand: ReactNode; intro: string; onSignedIn: () => void }) {
  const { auth } = useServices();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  useDocumentTitle(step.kind === 'credentials' ? 'Sign in' : 'Choose your password');

  return (
    <div className="auth-page">
      <main id="main" className="auth-card">
        <div className="auth-brand">{brand}</div>
        {step.kind === 'credentials' ? (
          <CredentialsForm
            intro={intro}
            reason={auth.signOutReason}
            onChallenge={(email, session) => setStep({ kind: 'newPassword', email, session })}
            onSignedIn={onSignedIn}
          />
        ) : (
          <NewPasswordForm
            email={step.email}
            session={step.session}
            onDone={onSignedIn}
            onRestart={() => setStep({ kind: 'credentials' })}
          />
        )}
      </main>
    </div>
  );
}

function CredentialsForm({
  intro,
  reason,
  onChallenge,
  onSignedIn,
}: {
  intro: string;
  reason: 'user' | 'expired' | null;
  onChallenge: (email: string, session: string) => void;
  onSignedIn: () => void;
}) {
  const { auth } = useServices();
  const [failure, setFailure] = useState<string | null>(null);
  const { form } = useContractForm({ schema: credentialsSchema, defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ email, password }) => {
    setFailure(null);
    try {
      const result = await auth.signIn(email, password);
      if (result.kind === 'newPasswordRequired') onChallenge(result.email, result.session);
      else onSignedIn();
    } catch (error) {
      setFailure(messageOf(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="stack">
      <PageHeading className="auth-title">Sign in</PageHeading>
      <p className="muted">{intro}</p>
      {reason === 'expired' && !failure && <Alert tone="info">Your session has ended. Please sign in again.</Alert>}
      {reason === 'user' && !failure && <Alert tone="success">You have signed out.</Alert>}
      {failure && <Alert tone="error">{failure}</Alert>}
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        {...form.register('email')}
        error={errors.email?.message}
        aria-required="true"
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        {...form.register('password')}
        error={errors.password?.message}
        aria-required="true"
      />
      <Button type="submit" variant="primary" busy={isSubmitting} className="btn-block">
        Sign in
      </Button>
    </form>
  );
}

function NewPasswordForm({
  email,
  session,
  onDone,
  onRestart,
}: {
  email: string;
  session: string;
  onDone: () => void;
  onRestart: () => void;
}) {
  const { auth } = useServices();
  const [failure, setFailure] = useState<string | null>(null);
  const { form } = useContractForm({ schema: newPasswordSchema, defaultValues: { password: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;
  const password = form.watch('password');
  const rules = PASSWORD_RULES.map((r) => ({ label: r.label, met: r.test(password) }));

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await auth.setNewPassword(email, session, values.password);
      onDone();
    } catch (error) {
      setFailure(messageOf(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="stack">
      <PageHeading className="auth-title">Choose your password</PageHeading>
      <p className="muted">
        Welcome! Before you start, replace the temporary password for <strong className="break">{email}</strong> with
        one only you know.
      </p>
      {failure && (
        <Alert
          tone="error"
          actions={
            <Button size="sm" onClick={onRestart}>
              Start again
            </Button>
          }
        >
          {failure}
        </Alert>
      )}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        {...form.register('password')}
        error={errors.password?.message}
        aria-required="true"
        hint={
          <span className="rules">
            <span className="sr-only">Your password needs: </span>
            {rules.map((r) => (
              <span key={r.label} className={r.met ? 'rule rule-met' : 'rule'}>
                <span aria-hidden="true">{r.met ? '✓' : '○'}</span> {r.label}
                <span className="sr-only">{r.met ? ' (done)' : ''}</span>
              </span>
            ))}
          </span>
        }
      />
      <TextField
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        {...form.register('confirm')}
        error={errors.confirm?.message}
        aria-required="true"
      />
      <Button type="submit" variant="primary" busy={isSubmitting} className="btn-block">
        Set password
      </Button>
      <button type="button" className="link-button" onClick={onRestart}>
        Use a different account
      </button>
    </form>
  );
}
