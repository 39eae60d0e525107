import sindreSlugify from '@sindresorhus/slugify';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { adminApi } from '../../../functions/admin/contract';
import type { BodyIn } from '../../../functions/shared/contract';
import { PLANS, type Plan } from '../../../functions/shared/enums';
import { createTenantSchema } from '../../../functions/tenants/schema';
import { newIdempotencyKey } from '../shared/api';
import { fieldMessage, useContractForm } from '../shared/form';
import { useDocumentTitle } from '../shared/hooks';
import { PLAN_LABELS } from '../shared/labels';
import { useApiMutation } from '../shared/query';
import { Alert, Button, ButtonLink, PageHeading, SelectField, TextField, useToast } from '../shared/ui';
import { useTenantCache } from './tenant-cache';

/** "Acme Dental Group Ltd." → "acme-dental-group-ltd"; "Café Łódź Systems" → "cafe-lodz-systems" (Ł kept as l, not dropped). */
export function slugify(name: string): string {
  return sindreSlugify(name).slice(0, 40).replace(/-+$/, '');
}

interface NewTenantValues {
  name: string;
  slug: string;
  plan: Plan;
  ownerName: string;
  ownerEmail: string;
}

/** The body's owner sits in one object; the form shows it as two fields. */
const FIELD_OF: Record<string, keyof NewTenantValues> = {
  name: 'name',
  slug: 'slug',
  plan: 'plan',
  'owner.email': 'ownerEmail',
  'owner.name': 'ownerName',
  owner: 'ownerEmail',
};

const toBody = (v: NewTenantValues): BodyIn<typeof adminApi.createTenant> => ({
  name: v.name.trim(),
  slug: v.slug.trim(),
  plan: v.plan,
  owner: { email: v.ownerEmail.trim(), name: v.ownerName.trim() },
});

/** `/tenants/new`: name, slug (suggested from the name), plan and the owner to invite. */
export function NewTenantPage() {
  useDocumentTitle('New tenant');
  const toast = useToast();
  const navigate = useNavigate();
  const cache = useTenantCache();
  const key = useRef(newIdempotencyKey());
  const [slugEdited, setSlugEdited] = useState(false);
  const { form, general, setGeneral, bodyOf, showApiError } = useContractForm<
    NewTenantValues,
    typeof createTenantSchema
  >({
    schema: createTenantSchema,
    defaultValues: { name: '', slug: '', plan: 'starter', ownerName: '', ownerEmail: '' },
    toBody,
    fieldFor: (path) => FIELD_OF[path],
  });
  const create = useApiMutation(adminApi.createTenant, (body: BodyIn<typeof adminApi.createTenant>) => ({
    body,
    idempotencyKey: key.current,
  }));
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setGeneral(null);
    try {
      const tenant = await create.mutateAsync(bodyOf(values));
      cache.put(tenant);
      toast(`${tenant.name} was created. An invitation was sent to ${tenant.ownerEmail}.`);
      navigate(`/tenants/${tenant.tenantId}`, { replace: true });
    } catch (error) {
      showApiError(error);
    }
  });

  return (
    <div className="page-narrow" style={{ margin: '0 auto' }}>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/tenants">← All tenants</Link>
      </nav>
      <div className="page-head">
        <div>
          <PageHeading>New tenant</PageHeading>
          <p className="page-sub">
            Creates the workspace and emails its owner an invitation with a temporary password.
          </p>
        </div>
      </div>
      <form onSubmit={submit} noValidate aria-label="New tenant">
        {general && (
          <div style={{ marginBottom: 16 }}>
            <Alert tone="error" title="The tenant could not be created">
              {general}
            </Alert>
          </div>
        )}
        <fieldset className="form-section">
          <legend>Workspace</legend>
          <div className="form-grid">
            <TextField
              label="Tenant name"
              {...form.register('name', {
                onChange: (e: { target: HTMLInputElement }) => {
                  if (slugEdited) return;
                  form.setValue('slug', slugify(e.target.value));
                  form.clearErrors('slug');
                },
              })}
              error={fieldMessage(errors.name, 'Enter the tenant’s name')}
              autoComplete="off"
              aria-required="true"
              maxLength={120}
              hint="The customer’s business name"
            />
            <TextField
              label="Slug"
              {...form.register('slug', {
                onChange: (e: { target: HTMLInputElement }) => {
                  const typed = e.target.value;
                  if (typed !== typed.toLowerCase()) form.setValue('slug', typed.toLowerCase());
                  setSlugEdited(typed !== '');
                },
              })}
              error={errors.slug?.message}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              aria-required="true"
              maxLength={40}
              hint={slugEdited ? 'Lower-case letters, digits and dashes' : 'Suggested from the name; you can change it'}
            />
            <SelectField
              label="Plan"
              {...form.register('plan')}
              error={errors.plan?.message}
              options={PLANS.map((p) => ({ value: p, label: PLAN_LABELS[p] }))}
            />
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>Owner</legend>
          <div className="form-grid">
            <TextField
              label="Owner name"
              {...form.register('ownerName')}
              error={fieldMessage(errors.ownerName, 'Enter the owner’s name')}
              autoComplete="off"
              aria-required="true"
              maxLength={100}
            />
            <TextField
              label="Owner email"
              type="email"
              {...form.register('ownerEmail')}
              error={fieldMessage(errors.ownerEmail, 'Enter the owner’s email address')}
              autoComplete="off"
              inputMode="email"
              autoCapitalize="none"
              spellCheck={false}
              aria-required="true"
              hint="They sign in with this address"
            />
          </div>
        </fieldset>
        <div className="form-actions">
          <ButtonLink to="/tenants">Cancel</ButtonLink>
          <Button type="submit" variant="primary" busy={isSubmitting}>
            Create tenant
          </Button>
        </div>
      </form>
    </div>
  );
}
