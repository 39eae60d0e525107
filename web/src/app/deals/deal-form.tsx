import { useRef } from 'react';
import { activitiesApi } from '../../../../functions/activities/contract';
import { companiesApi } from '../../../../functions/companies/contract';
import { dealsApi, type DealView } from '../../../../functions/deals/contract';
import { createDealSchema, updateDealSchema } from '../../../../functions/deals/schema';
import type { PipelineView } from '../../../../functions/pipelines/contract';
import { newIdempotencyKey } from '../../shared/api';
import { fieldMessage, useContractForm } from '../../shared/form';
import { useApiMutation, useApiQuery } from '../../shared/query';
import { Alert, FormDialogActions, SelectField, TextField } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { CURRENCIES, toMajorText, toMinorUnits } from './money';

interface DealValues {
  name: string;
  companyId: string;
  amount: string;
  currency: string;
  expectedCloseDate: string;
  stageId: string;
  ownerId: string;
  probability: string;
  source: string;
}

const FIELD_OF: Record<string, keyof DealValues> = {
  'value.amount': 'amount',
  'value.currency': 'currency',
  value: 'amount',
  probabilityBps: 'probability',
};
const fieldFor = (path: string): keyof DealValues | undefined =>
  FIELD_OF[path] ??
  (['name', 'companyId', 'expectedCloseDate', 'stageId', 'ownerId', 'source'] as const).find((f) => f === path);

const percentToBps = (text: string) => (text.trim() === '' ? undefined : Math.round(Number(text) * 100));

function bodyOf(v: DealValues, editing: boolean) {
  const common = {
    name: v.name,
    value: { amount: toMinorUnits(v.amount, v.currency), currency: v.currency.trim().toUpperCase() },
    expectedCloseDate: v.expectedCloseDate,
    ownerId: v.ownerId || undefined,
  };
  if (editing)
    return { ...common, probabilityBps: percentToBps(v.probability) ?? null, source: v.source.trim() || null };
  return {
    ...common,
    companyId: v.companyId,
    stageId: v.stageId || undefined,
    probabilityBps: percentToBps(v.probability),
    source: v.source,
  };
}

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** New deal (company picked, or fixed when opened from a company) or edit the deal's fields. */
export function DealForm({
  pipeline,
  deal,
  companyId,
  onSaved,
  onCancel,
}: {
  pipeline: PipelineView;
  deal?: DealView;
  /** The company a new deal is for, when it is already known (the company page). */
  companyId?: string;
  onSaved: (deal: DealView) => void;
  onCancel: () => void;
}) {
  const { me, users } = useWorkspace();
  const idempotencyKey = useRef(newIdempotencyKey());
  const companies = useApiQuery(companiesApi.list, { query: { limit: 100 } }, { enabled: !deal && !companyId });
  const editing = Boolean(deal);
  const { form, general, showApiError } = useContractForm<
    DealValues,
    typeof createDealSchema | typeof updateDealSchema
  >({
    schema: editing ? updateDealSchema : createDealSchema,
    defaultValues: {
      name: deal?.name ?? '',
      companyId: deal?.companyId ?? companyId ?? '',
      amount: deal ? toMajorText(deal.value) : '',
      currency: deal?.value.currency ?? 'GBP',
      expectedCloseDate: deal?.expectedCloseDate ?? inAMonth(),
      stageId: deal?.stageId ?? pipeline.stages.find((s) => s.kind === 'open')?.stageId ?? '',
      ownerId: deal?.ownerId ?? me.userId,
      probability: deal?.probabilityBps !== undefined ? String(deal.probabilityBps / 100) : '',
      source: deal?.source ?? '',
    },
    toBody: (v) => bodyOf(v, editing) as never,
    fieldFor,
  });
  const { errors, isSubmitting } = form.formState;
  const invalidates = [dealsApi, companiesApi, activitiesApi];
  const create = useApiMutation(dealsApi.create, (body: never) => ({ body, idempotencyKey: idempotencyKey.current }), {
    invalidates,
  });
  const update = useApiMutation(
    dealsApi.update,
    (body: never) => ({ params: { dealId: deal!.dealId }, body, version: deal!.version }),
    {
      invalidates,
    },
  );
  const save = form.handleSubmit(async (values) => {
    try {
      const body = bodyOf(values, editing) as never;
      onSaved(
        editing
          ? await update.mutateAsync(body)
          : await create.mutateAsync({ ...(body as object), pipelineId: pipeline.pipelineId } as never),
      );
    } catch (error) {
      await showApiError(error);
    }
  });
  const companyOptions = [
    { value: '', label: companies.isLoading ? 'Loading companies…' : 'Choose a company' },
    ...(companies.data?.items ?? []).map((c) => ({ value: c.companyId, label: c.name })),
  ];
  return (
    <form onSubmit={save} noValidate className="stack">
      {general && <Alert tone="error">{general}</Alert>}
      <div className="form-grid">
        <TextField
          label="Deal name"
          {...form.register('name')}
          error={fieldMessage(errors.name, 'Enter a name for the deal')}
          aria-required="true"
          maxLength={200}
          autoComplete="off"
        />
        {!editing && !companyId && (
          <SelectField
            label="Company"
            {...form.register('companyId')}
            error={fieldMessage(errors.companyId, 'Choose the company')}
            options={companyOptions}
          />
        )}
        <TextField
          label="Value"
          inputMode="decimal"
          {...form.register('amount')}
          error={fieldMessage(errors.amount, 'Enter the value, like 12000 or 12000.50')}
          aria-required="true"
          autoComplete="off"
        />
        <SelectField
          label="Currency"
          {...form.register('currency')}
          error={errors.currency?.message}
          options={[...new Set([...CURRENCIES, deal?.value.currency ?? 'GBP'])].map((c) => ({ value: c, label: c }))}
        />
        <TextField
          label="Expected close date"
          type="date"
          {...form.register('expectedCloseDate')}
          error={fieldMessage(errors.expectedCloseDate, 'Choose a date')}
        />
        {!editing && (
          <SelectField
            label="Stage"
            {...form.register('stageId')}
            error={errors.stageId?.message}
            options={pipeline.stages.filter((s) => s.kind === 'open').map((s) => ({ value: s.stageId, label: s.name }))}
          />
        )}
        <SelectField
          label="Owner"
          {...form.register('ownerId')}
          error={errors.ownerId?.message}
          options={(users.length ? users : [me]).map((u) => ({ value: u.userId, label: u.name }))}
        />
        <TextField
          label="Probability (%)"
          optional
          hint="Leave empty to use the stage’s"
          inputMode="decimal"
          {...form.register('probability')}
          error={fieldMessage(errors.probability, 'A percentage from 0 to 100')}
          autoComplete="off"
        />
        <TextField
          label="Source"
          optional
          {...form.register('source')}
          error={errors.source?.message}
          maxLength={100}
        />
      </div>
      <FormDialogActions
        submitLabel={editing ? 'Save deal' : 'Create deal'}
        saving={isSubmitting}
        onCancel={onCancel}
      />
    </form>
  );
}
