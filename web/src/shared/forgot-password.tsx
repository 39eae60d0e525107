import { useState } from 'react';
import * as z from 'zod';
import { AuthError, type SignInResult } from './auth';
import { useContractForm } from './form';
import { NewPasswordFields, newPasswordSchema } from './password-fields';
import { useServices } from './services';
import { Alert, Button, PageHeading, TextField } from './ui';

const emailSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address').pipe(z.email('Enter a valid email address')),
});

const resetSchema = newPasswordSchema.and(
  z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Enter the 6-digit code from the email'),
  }),
);

const messageOf = (error: unknown) =>
  error instanceof AuthError ? error.message : 'The password reset failed. Please try again.';

/** "Reset your password": the email to send a reset code to. */
export function ForgotPasswordForm({
  email,
  onSent,
  onBack,
}: {
  email: string;
  onSent: (email: string) => void;
  onBack: () => void;
}) {
  const { auth } = useServices();
  const [failure, setFailure] = useState<string | null>(null);
  const { form } = useContractForm({ schema: emailSchema, defaultValues: { email } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await auth.forgotPassword(values.email);
      onSent(values.email.trim().toLowerCase());
    } catch (error) {
      setFailure(messageOf(error));
    }
  });
  return (
    <form onSubmit={submit} noValidate className="stack">
      <PageHeading className="auth-title">Reset your password</PageHeading>
      <p className="muted">Enter the email you sign in with. We will email you a code to choose a new password.</p>
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
      <Button type="submit" variant="primary" busy={isSubmitting} className="btn-block">
        Send code
      </Button>
      <button type="button" className="link-button" onClick={onBack}>
        Back to sign in
      </button>
    </form>
  );
}

/** "Choose a new password": the emailed code and the new password; signs in when they are accepted. */
export function ResetPasswordForm({
  email,
  onResult,
  onResend,
  onBack,
}: {
  email: string;
  onResult: (result: SignInResult) => void;
  onResend: () => void;
  onBack: () => void;
}) {
  const { auth } = useServices();
  const [failure, setFailure] = useState<string | null>(null);
  const { form } = useContractForm({ schema: resetSchema, defaultValues: { code: '', password: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      onResult(await auth.confirmForgotPassword(email, values.code, values.password));
    } catch (error) {
      const message = messageOf(error);
      const code = error instanceof AuthError ? error.code : '';
      if (code === 'CodeMismatchException') form.setError('code', { message }, { shouldFocus: true });
      else if (code === 'InvalidPasswordException') form.setError('password', { message }, { shouldFocus: true });
      else setFailure(message);
    }
  });
  return (
    <form onSubmit={submit} noValidate className="stack">
      <PageHeading className="auth-title">Choose a new password</PageHeading>
      <p className="muted" role="status">
        If <strong className="break">{email}</strong> has a Quoteflow account, we have emailed it a 6-digit code. The
        code works for one hour.
      </p>
      {failure && (
        <Alert
          tone="error"
          actions={
            <Button size="sm" onClick={onResend}>
              Send a new code
            </Button>
          }
        >
          {failure}
        </Alert>
      )}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label="Code from the email"
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        {...form.register('code')}
        error={errors.code?.message}
        aria-required="true"
      />
      <NewPasswordFields form={form} />
      <Button type="submit" variant="primary" busy={isSubmitting} className="btn-block">
        Set password and sign in
      </Button>
      <div className="auth-links">
        <button type="button" className="link-button" onClick={onResend}>
          Send a new code
        </button>
        <button type="button" className="link-button" onClick={onBack}>
          Back to sign in
        </button>
      </div>
    </form>
  );
}
