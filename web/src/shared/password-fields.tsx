import type { FieldErrors, UseFormReturn } from 'react-hook-form';
import * as z from 'zod';
import { PASSWORD_RULES } from './auth';
import { TextField } from './ui';

/** A new password under the pools' policy, typed twice. */
export const newPasswordSchema = z
  .object({
    password: z
      .string()
      .refine((p) => PASSWORD_RULES.every((r) => r.test(p)), 'Choose a password that meets every rule listed'),
    confirm: z.string(),
  })
  .refine((v) => v.confirm === v.password, { path: ['confirm'], message: 'The passwords do not match' });

type NewPasswordValues = { password: string; confirm: string };

/** "New password" with the policy's rules ticked off as they are met, and "Confirm password". */
export function NewPasswordFields<V extends NewPasswordValues>({ form }: { form: UseFormReturn<V> }) {
  // The fields' names are fixed, so the generic form is narrowed to them for registering.
  const f = form as unknown as UseFormReturn<NewPasswordValues>;
  const errors = f.formState.errors as FieldErrors<NewPasswordValues>;
  const password = f.watch('password') ?? '';
  const rules = PASSWORD_RULES.map((r) => ({ label: r.label, met: r.test(password) }));
  return (
    <>
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        {...f.register('password')}
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
        {...f.register('confirm')}
        error={errors.confirm?.message}
        aria-required="true"
      />
    </>
  );
}
