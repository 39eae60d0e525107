import { useState } from 'react';
import * as z from 'zod';
import { AuthError } from '../../shared/auth';
import { useContractForm } from '../../shared/form';
import { NewPasswordFields, newPasswordSchema } from '../../shared/password-fields';
import { useServices } from '../../shared/services';
import { Alert, Button, TextField, useToast } from '../../shared/ui';

const changeSchema = newPasswordSchema
  .and(z.object({ current: z.string().min(1, 'Enter your current password') }))
  .refine((v) => v.password !== v.current, { path: ['password'], message: 'Choose a password you do not use now' });

/** Changes the signed-in user's password with Cognito ChangePassword (their own access token). */
export function PasswordCard() {
  const { auth } = useServices();
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const { form } = useContractForm({ schema: changeSchema, defaultValues: { current: '', password: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await auth.changePassword(values.current, values.password);
      form.reset();
      toast('Your password is changed. Use it the next time you sign in.');
    } catch (error) {
      const message = error instanceof AuthError ? error.message : 'The password could not be changed. Try again.';
      const code = error instanceof AuthError ? error.code : '';
      if (code === 'NotAuthorizedException' && message.startsWith('Your current password')) {
        form.setError('current', { message }, { shouldFocus: true });
      } else if (code === 'InvalidPasswordException') {
        form.setError('password', { message }, { shouldFocus: true });
      } else {
        setFailure(message);
      }
    }
  });

  return (
    <section className="card card-pad stack" aria-labelledby="password-title">
      <div>
        <h2 id="password-title" className="section-title">
          Password
        </h2>
        <p className="muted">You stay signed in here and on your other devices.</p>
      </div>
      <form onSubmit={submit} noValidate className="stack" aria-label="Change your password">
        {failure && <Alert tone="error">{failure}</Alert>}
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          {...form.register('current')}
          error={errors.current?.message}
          aria-required="true"
        />
        <NewPasswordFields form={form} />
        <div className="row">
          <Button type="submit" variant="primary" busy={isSubmitting}>
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}
