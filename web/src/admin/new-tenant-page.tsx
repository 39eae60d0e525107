import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { newIdempotencyKey } from '../shared/api';
import { EMAIL_PATTERN, useSaveForm, type FieldErrors } from '../shared/forms';
import { useDocumentTitle } from '../shared/hooks';
import { PLAN_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import { PLANS, type Plan, type Tenant } from '../shared/types';
import { Alert, Button, ButtonLink, PageHeading, SelectField, TextField, useToast } from '../shared/ui';

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

/** "Acme Dental Group Ltd." → "acme-dental-group-ltd". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

const FIELD_OF: Record<string, string> = {
  name: 'name',
  slug: 'slug',
  plan: 'plan',
  'owner.email': 'ownerEmail',
  'owner.name': 'ownerName',
  owner: 'ownerEmail',
};

/** `/tenants/new`: name, slug (suggested from the name), plan and the owner to invite. */
export function NewTenantPage() {
  useDocumentTitle('New tenant');
  const api = useApi();
  const toast = useToast();
  const navigate = useNavigate();
  const key = useRef(newIdempotencyKey());
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [plan, setPlan] = useState<Plan>('starter');
  const [ownerName, setOwnerName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const { form, errors, clearError, general, saving, submit } = useSaveForm({
    validate: () => {
      const found: FieldErrors = {};
      if (!name.trim()) found.name = 'Enter the tenant’s name';
      if (!SLUG_PATTERN.test(slug.trim()))
        found.slug = '3–40 lower-case letters, digits or dashes, not starting or ending with a dash';
      if (!ownerName.trim()) found.ownerName = 'Enter the owner’s name';
      if (!ownerEmail.trim()) found.ownerEmail = 'Enter the owner’s email address';
      else if (!EMAIL_PATTERN.test(ownerEmail.trim()))
        found.ownerEmail = 'Enter an email address like name@example.com';
      return found;
    },
    send: async () => {
      const tenant = await api.post<Tenant & { owner?: { email: string } }>(
        '/v1/admin/tenants',
        { name: name.trim(), slug: slug.trim(), plan, owner: { email: ownerEmail.trim(), name: ownerName.trim() } },
        { idempotencyKey: key.current },
      );
      toast(`${tenant.name} was created. An invitation was sent to ${tenant.owner?.email ?? ownerEmail.trim()}.`);
      navigate(`/tenants/${tenant.tenantId}`, { replace: true });
    },
    fieldFor: (path) => FIELD_OF[path],
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
      <form ref={form} onSubmit={submit} noValidate aria-label="New tenant">
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
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                clearError('name');
                if (!slugEdited) {
                  setSlug(slugify(e.target.value));
                  clearError('slug');
                }
              }}
              error={errors.name}
              autoComplete="off"
              aria-required="true"
              maxLength={120}
              hint="The customer’s business name"
            />
            <TextField
              label="Slug"
              value={slug}
              onChange={(e) => {
                setSlug(e.target.value.toLowerCase());
                setSlugEdited(e.target.value !== '');
                clearError('slug');
              }}
              error={errors.slug}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              aria-required="true"
              maxLength={40}
              hint={slugEdited ? 'Lower-case letters, digits and dashes' : 'Suggested from the name; you can change it'}
            />
            <SelectField
              label="Plan"
              value={plan}
              onChange={(e) => setPlan(e.target.value as Plan)}
              error={errors.plan}
              options={PLANS.map((p) => ({ value: p, label: PLAN_LABELS[p] }))}
            />
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>Owner</legend>
          <div className="form-grid">
            <TextField
              label="Owner name"
              value={ownerName}
              onChange={(e) => {
                setOwnerName(e.target.value);
                clearError('ownerName');
              }}
              error={errors.ownerName}
              autoComplete="off"
              aria-required="true"
              maxLength={100}
            />
            <TextField
              label="Owner email"
              type="email"
              value={ownerEmail}
              onChange={(e) => {
                setOwnerEmail(e.target.value);
                clearError('ownerEmail');
              }}
              error={errors.ownerEmail}
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
          <Button type="submit" variant="primary" busy={saving}>
            Create tenant
          </Button>
        </div>
      </form>
    </div>
  );
}
