import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { settingsApi, type WorkspaceSettingsView } from '../../../../functions/settings/contract';
import { workspaceSettingsPatchSchema } from '../../../../functions/settings/schema';
import { CURRENCY_CODES } from '../../../../functions/shared/validation';
import { ApiError } from '../../shared/api';
import { useContractForm } from '../../shared/form';
import { queryKeyOf, useApiMutation, useApiQuery } from '../../shared/query';
import { Alert, Button, ErrorState, SelectField, Skeleton, useToast } from '../../shared/ui';

const names = new Intl.DisplayNames(['en-GB'], { type: 'currency' });
/** "GBP · British Pound", in the order people look for them: by code. */
const currencyLabel = (code: string) => `${code} · ${names.of(code) ?? code}`;

function CurrencyForm({ settings }: { settings: WorkspaceSettingsView }) {
  const toast = useToast();
  const client = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const options = useMemo(() => CURRENCY_CODES.map((c) => ({ value: c, label: currencyLabel(c) })), []);
  const save = useApiMutation(settingsApi.updateWorkspace, (currency: string) => ({
    body: { currency },
    version: settings.version,
  }));
  const { form, general, setGeneral, showApiError } = useContractForm({
    schema: workspaceSettingsPatchSchema,
    defaultValues: { currency: settings.currency },
  });
  const submit = form.handleSubmit(async ({ currency }) => {
    setGeneral(null);
    setConflict(false);
    try {
      const saved = await save.mutateAsync(currency);
      client.setQueryData(queryKeyOf(settingsApi.getWorkspace, {}), saved);
      toast(`New deals and quotes now start in ${currencyLabel(saved.currency)}`);
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        await client.invalidateQueries({ queryKey: queryKeyOf(settingsApi.getWorkspace, {}) });
        setConflict(true);
        return;
      }
      await showApiError(error);
    }
  });
  return (
    <form onSubmit={submit} noValidate className="stack" aria-label="Change the default currency">
      {conflict && (
        <Alert tone="warning">
          Someone else changed the workspace settings meanwhile; they are reloaded. Choose again and save.
        </Alert>
      )}
      {general && <Alert tone="error">{general}</Alert>}
      <SelectField
        label="Default currency"
        {...form.register('currency')}
        options={options}
        error={form.formState.errors.currency?.message}
        hint="Amounts already saved keep their own currency."
      />
      <div className="row">
        <Button type="submit" variant="primary" busy={form.formState.isSubmitting}>
          Save currency
        </Button>
      </div>
    </form>
  );
}

/** The workspace's default currency (ISO 4217): anyone sees it, owners and admins change it. */
export function CurrencyCard({ canEdit }: { canEdit: boolean }) {
  const settings = useApiQuery(settingsApi.getWorkspace, {});
  return (
    <section className="card card-pad stack" aria-labelledby="currency-title">
      <div>
        <h2 id="currency-title" className="section-title">
          Currency
        </h2>
        <p className="muted">The currency new deals and quotes start in.</p>
      </div>
      {settings.error && !settings.data ? (
        <ErrorState
          title="The workspace settings could not be loaded"
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      ) : !settings.data ? (
        <Skeleton height="2.5em" />
      ) : canEdit ? (
        <CurrencyForm key={settings.data.version} settings={settings.data} />
      ) : (
        <p data-testid="workspace-currency">
          <strong>{currencyLabel(settings.data.currency)}</strong>
          <span className="muted"> · Only owners and admins can change it.</span>
        </p>
      )}
    </section>
  );
}
