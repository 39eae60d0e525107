import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { settingsApi, type AiSettingsView } from '../../../../functions/settings/contract';
import { aiSettingsPatchSchema } from '../../../../functions/settings/schema';
import { fieldMessage, useContractForm } from '../../shared/form';
import { formatCents } from '../../shared/prompts';
import { ApiError } from '../../shared/api';
import { contractKey, useApiMutation } from '../../shared/query';
import { Alert, Button, TextField, useToast } from '../../shared/ui';
import { useFocusWhenShown } from './focus-when-shown';

const dollarsText = (text: string) => text.trim().replace(/^\$/, '').replace(/,/g, '');

/** The budget typed in dollars as cents; NaN when it is not a number, so the schema refuses it. */
function centsOf(text: string): number {
  const dollars = dollarsText(text) === '' ? Number.NaN : Number(dollarsText(text));
  // Rounded to a millionth of a cent: 0.29 × 100 is 28.999…, yet whole cents.
  return Math.round(dollars * 1e8) / 1e6;
}

/** Changes the monthly budget: dollars in the field, cents to the API. */
function BudgetForm({
  budgetCents,
  version,
  onSaved,
  onCancel,
}: {
  budgetCents: number;
  /** The settings' version this edit is based on, sent as If-Match: a 409 if someone saved first. */
  version: number;
  onSaved: (s: AiSettingsView) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const update = useApiMutation(
    settingsApi.updateAi,
    (body: { monthlyBudget: { amount: number; currency: 'USD' } }) => ({ body, version }),
    { invalidates: [settingsApi] },
  );
  const { form, general, setGeneral, bodyOf, showApiError } = useContractForm({
    schema: aiSettingsPatchSchema,
    defaultValues: { amount: (budgetCents / 100).toFixed(2) },
    toBody: ({ amount }: { amount: string }) => ({
      monthlyBudget: { amount: centsOf(amount), currency: 'USD' as const },
    }),
    fieldFor: (path) => (path.startsWith('monthlyBudget') ? 'amount' : undefined),
  });
  const submit = form.handleSubmit(async (values) => {
    setGeneral(null);
    try {
      onSaved(await update.mutateAsync(bodyOf(values)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // Someone else saved first: load their budget (and version) so saving again is a choice.
        await queryClient.invalidateQueries({ queryKey: contractKey(settingsApi) });
        setGeneral(
          'Someone else changed the budget while you were editing. The latest budget is shown above; save again to replace it.',
        );
        return;
      }
      showApiError(error);
    }
  });
  const saving = form.formState.isSubmitting;
  const typed = dollarsText(form.watch('amount'));
  return (
    <form onSubmit={submit} noValidate className="stack" aria-label="Change the monthly budget">
      {general && (
        <Alert tone="error" title="The budget could not be saved">
          {general}
        </Alert>
      )}
      <TextField
        label="Monthly budget (US dollars)"
        className="field-money"
        inputMode="decimal"
        {...form.register('amount')}
        error={fieldMessage(
          form.formState.errors.amount,
          typed ? 'Enter an amount in dollars and cents, such as 49.50' : 'Enter the budget in US dollars, such as 50',
        )}
        hint="0 pauses AI runs. Costs are estimated from the providers’ list prices in US dollars."
        autoComplete="off"
        aria-required="true"
      />
      <div className="row">
        <Button type="submit" variant="primary" busy={saving}>
          Save budget
        </Button>
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The monthly budget (US dollars; sent in cents). */
export function BudgetCard({ settings, canEdit }: { settings: AiSettingsView; canEdit: boolean }) {
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const budgetCents = settings.monthlyBudget.amount;
  const changeId = useId();
  const focusChange = useFocusWhenShown(changeId);

  return (
    <section className="card card-pad stack" aria-labelledby="budget-title">
      <div>
        <h2 id="budget-title" className="section-title">
          Monthly budget
        </h2>
        <p className="muted">
          New AI runs stop for the rest of the month once the estimated cost reaches it. It resets on the 1st (UTC).
        </p>
      </div>
      {editing ? (
        <BudgetForm
          budgetCents={budgetCents}
          version={settings.version}
          onCancel={() => {
            setEditing(false);
            focusChange();
          }}
          onSaved={(updated) => {
            setEditing(false);
            focusChange();
            toast(`The monthly AI budget is now ${formatCents(updated.monthlyBudget.amount)}`);
          }}
        />
      ) : (
        <div className="budget-line">
          <span className="budget-amount" data-testid="ai-budget">
            {formatCents(budgetCents)}
          </span>
          <span className="muted">a month</span>
          {canEdit && (
            <Button size="sm" id={changeId} onClick={() => setEditing(true)}>
              Change budget
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
