import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { AuthError, PASSWORD_RULES } from './auth';
import { submitted, useFocusFirstError, withoutError, type FieldErrors } from './forms';
import { useDocumentTitle } from './hooks';
import { useServices } from './services';
import { Alert, Button, PageHeading, TextField } from './ui';

type Step = { kind: 'credentials' } | { kind: 'newPassword'; email: string; session: string };

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
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusFirstError(form, errors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const next: FieldErrors = {};
    if (!email.trim()) next.email = 'Enter your email address';
    if (!password) next.password = 'Enter your password';
    setErrors(submitted(next));
    setFailure(null);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      const result = await auth.signIn(email, password);
      if (result.kind === 'newPasswordRequired') onChallenge(result.email, result.session);
      else onSignedIn();
    } catch (error) {
      setFailure(messageOf(error));
      setBusy(false);
    }
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      <PageHeading className="auth-title">Sign in</PageHeading>
      <p className="muted">{intro}</p>
      {reason === 'expired' && !failure && <Alert tone="info">Your session has ended. Please sign in again.</Alert>}
      {reason === 'user' && !failure && <Alert tone="success">You have signed out.</Alert>}
      {failure && <Alert tone="error">{failure}</Alert>}
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        value={email}
        onChange={(e) => {
          setEmail(e.target.value);
          setErrors((x) => withoutError(x, 'email'));
        }}
        error={errors.email}
        aria-required="true"
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          setErrors((x) => withoutError(x, 'password'));
        }}
        error={errors.password}
        aria-required="true"
      />
      <Button type="submit" variant="primary" busy={busy} className="btn-block">
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
  const form = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusFirstError(form, errors);
  const rules = PASSWORD_RULES.map((r) => ({ label: r.label, met: r.test(password) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const next: FieldErrors = {};
    if (rules.some((r) => !r.met)) next.password = 'Choose a password that meets every rule listed';
    if (!next.password && confirm !== password) next.confirm = 'The passwords do not match';
    setErrors(submitted(next));
    setFailure(null);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      await auth.setNewPassword(email, session, password);
      onDone();
    } catch (error) {
      setFailure(messageOf(error));
      setBusy(false);
    }
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
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
        name="new-password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          setErrors((x) => withoutError(x, 'password'));
        }}
        error={errors.password}
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
        name="confirm-password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => {
          setConfirm(e.target.value);
          setErrors((x) => withoutError(x, 'confirm'));
        }}
        error={errors.confirm}
        aria-required="true"
      />
      <Button type="submit" variant="primary" busy={busy} className="btn-block">
        Set password
      </Button>
      <button type="button" className="link-button" onClick={onRestart}>
        Use a different account
      </button>
    </form>
  );
}
