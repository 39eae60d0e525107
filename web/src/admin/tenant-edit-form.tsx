import { useEffect, useState } from 'react';
import { adminApi, type TenantView } from '../../../functions/admin/contract';
import { PLANS, type Plan } from '../../../functions/shared/enums';
import { updateTenantSchema } from '../../../functions/tenants/schema';
import { errorMessage } from '../shared/api';
import { fieldMessage, useContractForm } from '../shared/form';
import { PLAN_LABELS } from '../shared/labels';
import { useApiMutation } from '../shared/query';
import { useApi } from '../shared/services';
import { Alert, FormDialogActions, SelectField, TextField, useToast } from '../shared/ui';
import { useTenantCache } from './tenant-cache';

interface TenantValues {
  name: string;
  plan: Plan;
}

const planOptions = PLANS.map((p) => ({ value: p, label: PLAN_LABELS[p] }));

/**
 * Edits the tenant's name and plan (`PATCH /v1/admin/tenants/{id}` with only what changed and the
 * version it was read at). On 409 it loads the latest version into the form and says so.
 */
export function EditTenantForm({
  tenant,
  onSaved,
  onCancel,
}: {
  tenant: TenantView;
  onSaved: (tenant: TenantView) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const cache = useTenantCache();
  const toast = useToast();
  const [base, setBase] = useState(tenant);
  const [conflict, setConflict] = useState<string | null>(null);
  const { form, general, setGeneral, bodyOf, showApiError } = useContractForm<TenantValues, typeof updateTenantSchema>({
    schema: updateTenantSchema,
    defaultValues: { name: tenant.name, plan: tenant.plan },
    toBody: (v) => ({ name: v.name.trim(), plan: v.plan }),
  });
  const save = useApiMutation(
    adminApi.updateTenant,
    (changes: { name?: string; plan?: Plan }) => ({
      params: { tenantId: base.tenantId },
      body: { ...changes, version: base.version },
      version: base.version,
    }),
    { onSuccess: cache.put },
  );
  const { errors, isSubmitting } = form.formState;
  // After a reset the fields register again on render; focus then, so the latest details are what the user edits.
  useEffect(() => {
    if (conflict) form.setFocus('name');
  }, [conflict, form]);

  /** Puts the tenant as stored now into the form and the page behind it. */
  const loadLatest = async () => {
    try {
      const latest = await api.call(adminApi.getTenant, { params: { tenantId: base.tenantId } });
      cache.put(latest);
      setBase(latest);
      form.reset({ name: latest.name, plan: latest.plan });
      setConflict(
        `Someone else changed this tenant while you were editing. The form now shows the latest details (${latest.name}, ${PLAN_LABELS[latest.plan]} plan). Make your changes again and save.`,
      );
    } catch (reloadError) {
      setGeneral(
        `Someone else changed this tenant while you were editing, and the latest version could not be loaded: ${errorMessage(reloadError)}`,
      );
    }
  };

  const submit = form.handleSubmit(async (values) => {
    setGeneral(null);
    setConflict(null);
    const body = bodyOf(values);
    const changes: { name?: string; plan?: Plan } = {};
    if (body.name !== base.name) changes.name = body.name;
    if (body.plan !== base.plan) changes.plan = body.plan;
    if (Object.keys(changes).length === 0) {
      toast('No changes to save', 'info');
      onCancel();
      return;
    }
    try {
      onSaved(await save.mutateAsync(changes));
    } catch (error) {
      await showApiError(error, loadLatest);
    }
  });

  return (
    <form onSubmit={submit} noValidate className="stack">
      {conflict && (
        <Alert tone="warning" title="This tenant was changed by someone else">
          {conflict}
        </Alert>
      )}
      {general && (
        <Alert tone="error" title="The changes could not be saved">
          {general}
        </Alert>
      )}
      <TextField
        label="Tenant name"
        {...form.register('name')}
        error={fieldMessage(errors.name, 'Enter the tenant’s name')}
        hint="The customer’s business name; their users see it in the app and in invitations"
        autoComplete="off"
        aria-required="true"
        maxLength={120}
      />
      <SelectField
        label="Plan"
        {...form.register('plan')}
        error={errors.plan?.message}
        options={planOptions}
        hint={`The slug (${base.slug}) cannot be changed.`}
      />
      <FormDialogActions submitLabel="Save changes" saving={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
