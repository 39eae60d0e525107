import { useState } from 'react';
import { useSaveForm, type FieldErrors } from './forms';
import { TextField } from './ui';

/**
 * The save cycle of an API-key form (platform keys, a workspace's own key): the same checks as
 * the API, the key trimmed, and the field emptied once saved so the key never lingers on screen.
 */
export function useApiKeyForm(save: (apiKey: string) => Promise<void>, missing: string) {
  const [apiKey, setApiKey] = useState('');
  const saveForm = useSaveForm({
    validate: (): FieldErrors => {
      const value = apiKey.trim();
      if (!value) return { apiKey: missing };
      if (/\s/.test(value)) return { apiKey: 'An API key has no spaces' };
      if (value.length < 16) return { apiKey: 'That is too short to be an API key' };
      if (value.length > 512) return { apiKey: 'Use at most 512 characters' };
      return {};
    },
    send: async () => {
      await save(apiKey.trim());
      setApiKey('');
    },
    fieldFor: (path) => (path === 'apiKey' ? 'apiKey' : undefined),
  });
  const field = {
    value: apiKey,
    error: saveForm.errors.apiKey,
    onChange: (value: string) => (setApiKey(value), saveForm.clearError('apiKey')),
  };
  return { ...saveForm, field };
}

/** A password field for an API key: never autofilled, never spell-checked, never shown back. */
export function ApiKeyField({
  label,
  field,
  placeholder,
}: {
  label: string;
  field: ReturnType<typeof useApiKeyForm>['field'];
  placeholder?: string;
}) {
  return (
    <TextField
      label={label}
      type="password"
      value={field.value}
      onChange={(e) => field.onChange(e.target.value)}
      error={field.error}
      hint="Stored encrypted. Once saved, only its last four characters are ever shown."
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      placeholder={placeholder}
      aria-required="true"
    />
  );
}
