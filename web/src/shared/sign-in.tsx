import type { UseFormRegisterReturn } from 'react-hook-form';
import QRCode from 'qrcode';
import { useEffect, useState, type ReactNode } from 'react';
import * as z from 'zod';
import { AuthError, otpauthUri, type SignInResult, type SignOutReason } from './auth';
import { ForgotPasswordForm, ResetPasswordForm } from './forgot-password';
import { NewPasswordFields, newPasswordSchema } from './password-fields';
import { useContractForm } from './form';
import { useDocumentTitle } from './hooks';
import { useServices } from './services';
import { Alert, Button, PageHeading, TextField } from './ui';

type Step =
  | { kind: 'credentials' }
  | { kind: 'newPassword'; email: string; session: string }
  | { kind: 'mfaSetup'; email: string; session: string; secret: string }
  | { kind: 'mfaCode'; email: string; session: string }
  | { kind: 'forgot'; email: string }
  | { kind: 'reset'; email: string };

const TITLES: Record<Step['kind'], string> = {
  credentials: 'Sign in',
  newPassword: 'Choose your password',
  mfaSetup: 'Set up two-step verification',
  mfaCode: 'Enter your code',
  forgot: 'Reset your password',
  reset: 'Choose a new password',
};

/** A 6-digit TOTP code, as the sign-in and the two-factor setup ask for it. */
export const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code'),
});

/** Cognito's sign-in takes any non-empty email and password; it judges them itself. */
const credentialsSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address'),
  password: z.string().min(1, 'Enter your password'),
});

const messageOf = (error: unknown) =>
  error instanceof AuthError ? error.message : 'Sign-in failed. Please try again.';

/** Email + password sign-in, then "Choose your password" when Cognito asks for a new one. */
export function SignInPage({ brand, intro, onSignedIn }: { brand: ReactNode; intro: string; onSignedIn: () => void }) {
  const { auth } = useServices();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  useDocumentTitle(TITLES[step.kind]);
  /** Every step ends in tokens or names the next challenge. */
  const advance = (result: SignInResult) => {
    if (result.kind === 'signedIn') onSignedIn();
    else if (result.kind === 'newPasswordRequired') setStep({ ...result, kind: 'newPassword' });
    else setStep(result);
  };
  const restart = () => setStep({ kind: 'credentials' });

  return (
    <div className="auth-page">
      <main id="main" className="auth-card">
        <div className="auth-brand">{brand}</div>
        {step.kind === 'credentials' && (
          <CredentialsForm
            intro={intro}
            reason={auth.signOutReason}
            onResult={advance}
            onForgot={(email) => setStep({ kind: 'forgot', email })}
          />
        )}
        {step.kind === 'forgot' && (
          <ForgotPasswordForm
            email={step.email}
            onSent={(email) => setStep({ kind: 'reset', email })}
            onBack={restart}
          />
        )}
        {step.kind === 'reset' && (
          <ResetPasswordForm
            email={step.email}
            onResult={advance}
            onResend={() => setStep({ kind: 'forgot', email: step.email })}
            onBack={restart}
          />
        )}
        {step.kind === 'newPassword' && (
          <NewPasswordForm email={step.email} session={step.session} onResult={advance} onRestart={restart} />
        )}
        {(step.kind === 'mfaSetup' || step.kind === 'mfaCode') && (
          <MfaCodeForm key={step.kind} step={step} onResult={advance} onRestart={restart} />
        )}
      </main>
    </div>
  );
}

const REASONS: Record<SignOutReason, { tone: 'info' | 'success'; text: string }> = {
  expired: { tone: 'info', text: 'Your session has ended. Please sign in again.' },
  user: { tone: 'success', text: 'You have signed out.' },
  everywhere: { tone: 'success', text: 'You have signed out of all devices.' },
};

function CredentialsForm({
  intro,
  reason,
  onResult,
  onForgot,
}: {
  intro: string;
  reason: SignOutReason | null;
  onResult: (result: SignInResult) => void;
  onForgot: (email: string) => void;
}) {
  const { auth } = useServices();
  const [failure, setFailure] = useState<string | null>(null);
  const { form } = useContractForm({ schema: credentialsSchema, defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ email, password }) => {
    setFailure(null);
    try {
      onResult(await auth.signIn(email, password));
    } catch (error) {
      setFailure(messageOf(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="stack">
      <PageHeading className="auth-title">Sign in</PageHeading>
      <p className="muted">{intro}</p>
      {reason && !failure && <Alert tone={REASONS[reason].tone}>{REASONS[reason].text}</Alert>}
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
      <button type="button" className="link-button" onClick={() => onForgot(form.getValues('email'))}>
        Forgot password?
      </button>
    </form>
  );
}

function NewPasswordForm({
  email,
  session,
  onResult,
  onRestart,
}: {
  email: string;
  session: string;
  onResult: (result: SignInResult) => void;
  onRestart: () => void;
}) {
  const { auth } = useServices();
  const [failure, setFailure] = useState<string | null>(null);
  const { form } = useContractForm({ schema: newPasswordSchema, defaultValues: { password: '', confirm: '' } });
  const { isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      onResult(await auth.setNewPassword(email, session, values.password));
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
      <RestartableFailure failure={failure} onRestart={onRestart} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordFields form={form} />
      <Button type="submit" variant="primary" busy={isSubmitting} className="btn-block">
        Set password
      </Button>
      <button type="button" className="link-button" onClick={onRestart}>
        Use a different account
      </button>
    </form>
  );
}

/** A TOTP key as people type it: groups of four. */
export const keyInGroups = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();

/** The QR code of an otpauth URI, drawn as an image (no network: generated in the page). */
export function TotpQrCode({ uri }: { uri: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(uri, { margin: 1, width: 192 }).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [uri]);
  return src ? (
    <img className="totp-qr" src={src} width={192} height={192} alt="QR code for your authenticator app" />
  ) : null;
}

/** The 6-digit code of a TOTP step: numeric keypad and one-time-code autofill. */
export function TotpCodeField({
  label,
  error,
  ...field
}: { label: string; error?: string } & UseFormRegisterReturn<'code'>) {
  return (
    <TextField
      label={label}
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={6}
      {...field}
      error={error}
      aria-required="true"
    />
  );
}

/** MFA_SETUP (scan the QR code or type the key, then confirm with a code) and SOFTWARE_TOKEN_MFA (a code). */
function MfaCodeForm({
  step,
  onResult,
  onRestart,
}: {
  step: Extract<Step, { kind: 'mfaSetup' | 'mfaCode' }>;
  onResult: (result: SignInResult) => void;
  onRestart: () => void;
}) {
  const { auth } = useServices();
  const [failure, setFailure] = useState<string | null>(null);
  const { form } = useContractForm({ schema: codeSchema, defaultValues: { code: '' } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ code }) => {
    setFailure(null);
    try {
      onResult(
        step.kind === 'mfaSetup'
          ? await auth.verifyMfaSetup(step.email, step.session, code)
          : await auth.answerMfaCode(step.email, step.session, code),
      );
    } catch (error) {
      setFailure(messageOf(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="stack">
      <PageHeading className="auth-title">{TITLES[step.kind]}</PageHeading>
      {step.kind === 'mfaSetup' ? (
        <>
          <p className="muted">
            Your account needs a code from an authenticator app at every sign-in. Scan this QR code with the app (Google
            Authenticator, 1Password, Microsoft Authenticator…) or type the key into it, then enter the 6-digit code it
            shows.
          </p>
          <TotpQrCode uri={otpauthUri('Quoteflow', step.email, step.secret)} />
          <p className="muted">
            Key: <code className="break totp-key">{keyInGroups(step.secret)}</code>
          </p>
        </>
      ) : (
        <p className="muted">
          Enter the 6-digit code from your authenticator app for <strong className="break">{step.email}</strong>.
        </p>
      )}
      <RestartableFailure failure={failure} onRestart={onRestart} />
      <TotpCodeField label="Authentication code" {...form.register('code')} error={errors.code?.message} />
      <Button type="submit" variant="primary" busy={isSubmitting} className="btn-block">
        {step.kind === 'mfaSetup' ? 'Verify and sign in' : 'Sign in'}
      </Button>
      <button type="button" className="link-button" onClick={onRestart}>
        Use a different account
      </button>
    </form>
  );
}

/** A step's failure, with the way back to the first step (a challenge session cannot be resumed). */
function RestartableFailure({ failure, onRestart }: { failure: string | null | undefined; onRestart: () => void }) {
  if (!failure) return null;
  return (
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
  );
}
