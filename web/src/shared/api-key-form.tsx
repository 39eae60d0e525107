import type * as z from 'zod';
import { apiKeySchema } from '../../../functions/settings/schema';
import { useContractForm } from './form';
import { TextField } from './ui';

type ApiKeyBody = z.input<typeof apiKeySchema>;

/**
 * The save cycle of an API-key form (platform keys, a workspace's own key): the API's own rules
 * (apiKeySchema), the key trimmed, and the field emptied once saved so the key never lingers on screen.
 */
export function useApiKeyForm(save: (body: ApiKeyBody) => Promise<unknown>) {
  const keyForm = useContractForm({
    schema: apiKeySchema,
    defaultValues: { apiKey: '' },
    toBody: ({ apiKey }: ApiKeyBody) => ({ apiKey: apiKey.trim() }),
  });
  const { form, bodyOf, setGeneral, showApiError } = keyForm;
  const submit = form.handleSubmit(async (values) => {
    setGeneral(null);
    try {
      await save(bodyOf(values));
      form.reset();
    } catch (error) {
      showApiError(error);
    }
  });
  return { ...keyForm, submit, saving: form.formState.isSubmitting };
}

/** A password field for an API key: never autofilled, never spell-checked, never shown back. */
export function ApiKeyField({
  label,
  keyForm: { form },
  missing,
  placeholder,
}: {
  label: string;
  keyForm: Pick<ReturnType<typeof useApiKeyForm>, 'form'>;
  /** What an empty field says. */
  missing: string;
  placeholder?: string;
}) {
  const error = form.formState.errors.apiKey;
  // The schema's words for an empty key ("too short") fit a typo better than a blank field.
  const empty = !form.watch('apiKey').trim();
  return (
    <TextField
      label={label}
      type="password"
      {...form.register('apiKey')}
      error={error && (empty ? missing : error.message)}
      hint="Stored encrypted. Once saved, only its last four characters are ever shown."
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      placeholder={placeholder}
      aria-required="true"
    />
  );
}
