import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, newIdempotencyKey } from '../shared/api';
import { byPrefix, mapApiErrors, submitted, useFocusFirstError, withoutError, type FieldErrors } from '../shared/forms';
import { useDocumentTitle, useResource } from '../shared/hooks';
import { STAGE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import { STAGES, type Address, type Company, type Stage } from '../shared/types';
import { Alert, Button, ButtonLink, EmptyState, ErrorState, Loading, PageHeading, SelectField, TextAreaField, TextField, useToast } from '../shared/ui';
import { useWorkspace } from './workspace';

const DOMAIN_PATTERN = /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const ADDRESS_FIELDS = ['type', 'line1', 'line2', 'city', 'region', 'postcode', 'country'] as const;
type AddressField = (typeof ADDRESS_FIELDS)[number];

interface Values {
  name: string;
  domain: string;
  companyNumber: string;
  stage: Stage;
  industry: string;
  ownerId: string;
  tags: string;
  knownFacts: string;
  address: Record<AddressField, string>;
}

function valuesOf(c: Company | undefined, defaultOwner: string): Values {
  const a = c?.addresses?.[0] ?? {};
  return {
    name: c?.name ?? '',
    domain: c?.domain ?? '',
    companyNumber: c?.companyNumber ?? '',
    stage: c?.stage ?? 'lead',
    industry: c?.industry ?? '',
    ownerId: c ? (c.ownerId ?? '') : defaultOwner,
    tags: (c?.tags ?? []).join(', '),
    knownFacts: (c?.knownFacts ?? []).join('\n'),
    address: Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, a[f] ?? ''])) as Record<AddressField, string>,
  };
}

const cleanDomain = (d: string) => d.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
const splitTags = (s: string) => [...new Set(s.split(',').map((t) => t.trim()).filter(Boolean))];
const splitLines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

function addressOf(v: Values): Address | undefined {
  const entries = ADDRESS_FIELDS.map((f) => [f, f === 'country' ? v.address[f].trim().toUpperCase() : v.address[f].trim()] as const).filter(([, value]) => value);
  return entries.length ? (Object.fromEntries(entries) as Address) : undefined;
}

/** The API body for the form; `null` clears optional fields on update. */
function bodyOf(v: Values, original: Company | undefined) {
  const clear = original ? null : undefined;
  const address = addressOf(v);
  const rest = original?.addresses?.slice(1) ?? [];
  return {
    name: v.name.trim(),
    domain: cleanDomain(v.domain) || clear,
    companyNumber: v.companyNumber.trim() || clear,
    stage: v.stage,
    industry: v.industry.trim() || clear,
    ownerId: v.ownerId || clear,
    tags: splitTags(v.tags),
    knownFacts: splitLines(v.knownFacts),
    addresses: address ? [address, ...rest] : rest,
  };
}

function validate(v: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.name.trim()) errors.name = 'Enter the company name';
  else if (v.name.trim().length > 200) errors.name = 'Use at most 200 characters';
  const domain = cleanDomain(v.domain);
  if (domain && !DOMAIN_PATTERN.test(domain)) errors.domain = 'Enter a domain like example.com';
  if (v.companyNumber.trim().length > 20) errors.companyNumber = 'Use at most 20 characters';
  const tags = splitTags(v.tags);
  if (tags.some((t) => t.length > 40)) errors.tags = 'Each tag can have at most 40 characters';
  else if (tags.length > 30) errors.tags = 'Use at most 30 tags';
  const facts = splitLines(v.knownFacts);
  if (facts.some((f) => f.length > 500)) errors.knownFacts = 'Each fact can have at most 500 characters';
  else if (facts.length > 50) errors.knownFacts = 'Use at most 50 facts';
  const country = v.address.country.trim();
  if (country && !/^[A-Za-z]{2}$/.test(country)) errors['address.country'] = 'Use a two-letter country code, like GB or US';
  if (v.address.postcode.trim().length > 20) errors['address.postcode'] = 'Use at most 20 characters';
  return errors;
}

const apiField = (path: string): string | undefined => {
  const m = /^addresses\.0\.(\w+)/.exec(path);
  if (m) return `address.${m[1]}`;
  if (path.startsWith('addresses')) return 'address.line1';
  return byPrefix(['name', 'domain', 'companyNumber', 'stage', 'industry', 'ownerId', 'tags', 'knownFacts'])(path);
};

function CompanyForm({ company, onReload }: { company?: Company; onReload: () => void }) {
  const api = useApi();
  const toast = useToast();
  const navigate = useNavigate();
  const { users, me } = useWorkspace();
  const form = useRef<HTMLFormElement>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const [values, setValues] = useState<Values>(() => valuesOf(company, me.userId));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  useFocusFirstError(form, errors);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => withoutError(e, key));
  };
  const setAddress = (key: AddressField, value: string) => {
    setValues((v) => ({ ...v, address: { ...v.address, [key]: value } }));
    setErrors((e) => withoutError(e, `address.${key}`));
  };
  const cancelTo = company ? `/companies/${company.companyId}` : '/companies';

  const ownerOptions = useMemo(() => {
    const options = [{ value: '', label: 'Unassigned' }, ...users.map((u) => ({ value: u.userId, label: u.status === 'invited' ? `${u.name} (invited)` : u.name }))];
    if (values.ownerId && !users.some((u) => u.userId === values.ownerId)) options.push({ value: values.ownerId, label: 'Former user' });
    return options;
  }, [users, values.ownerId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = validate(values);
    setErrors(submitted(found));
    setGeneral(null);
    setConflict(false);
    if (Object.keys(found).length) return;

    const body = bodyOf(values, company);
    setSaving(true);
    try {
      if (company) {
        const before = bodyOf(valuesOf(company, ''), company);
        const changed = Object.fromEntries(
          Object.entries(body).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify((before as Record<string, unknown>)[k] ?? null)),
        );
        if (Object.keys(changed).length > 0) {
          await api.patch<Company>(`/v1/companies/${encodeURIComponent(company.companyId)}`, changed, { version: company.version });
          toast('Changes saved');
        } else {
          toast('No changes to save', 'info');
        }
        navigate(`/companies/${company.companyId}`, { replace: true });
      } else {
        const created = await api.post<Company>('/v1/companies', body, { idempotencyKey: idempotencyKey.current });
        toast(`${created.name} was created`);
        navigate(`/companies/${created.companyId}`, { replace: true });
      }
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError && error.isConflict) {
        setConflict(true);
        return;
      }
      const mapped = mapApiErrors(error, apiField);
      setErrors(submitted(mapped.fields));
      setGeneral(mapped.general);
    }
  };

  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="company-form-title">
      <div className="stack" style={{ gap: 12, marginBottom: 16 }}>
        {conflict && (
          <Alert tone="warning" title="Someone else changed this company while you were editing" actions={<Button size="sm" onClick={onReload}>Reload company</Button>}>
            Reload to get the latest version. Your unsaved changes on this page will be replaced.
          </Alert>
        )}
        {general && <Alert tone="error" title="The company could not be saved">{general}</Alert>}
      </div>

      <fieldset className="form-section">
        <legend>Company</legend>
        <div className="form-grid">
          <TextField className="span-2" label="Company name" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} aria-required="true" autoComplete="off" maxLength={200} />
          <TextField label="Domain" optional value={values.domain} onChange={(e) => set('domain', e.target.value)} error={errors.domain} hint="The website, like example.com" inputMode="url" autoCapitalize="none" spellCheck={false} autoComplete="off" />
          <TextField label="Company number" optional value={values.companyNumber} onChange={(e) => set('companyNumber', e.target.value)} error={errors.companyNumber} hint="From the company register" autoComplete="off" maxLength={20} />
          <SelectField label="Stage" value={values.stage} onChange={(e) => set('stage', e.target.value as Stage)} error={errors.stage} options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} />
          <TextField label="Industry" optional value={values.industry} onChange={(e) => set('industry', e.target.value)} error={errors.industry} autoComplete="off" maxLength={100} />
          <SelectField label="Owner" value={values.ownerId} onChange={(e) => set('ownerId', e.target.value)} error={errors.ownerId} options={ownerOptions} hint="Who looks after this company" />
          <TextField label="Tags" optional value={values.tags} onChange={(e) => set('tags', e.target.value)} error={errors.tags} hint="Separate tags with commas" autoComplete="off" />
          <TextAreaField className="span-2" label="Known facts" optional value={values.knownFacts} onChange={(e) => set('knownFacts', e.target.value)} error={errors.knownFacts} hint="One fact per line, e.g. “Opening a second site in spring”" rows={4} />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Address</legend>
        <div className="form-grid">
          <TextField label="Address type" optional value={values.address.type} onChange={(e) => setAddress('type', e.target.value)} error={errors['address.type']} placeholder="Head office" autoComplete="off" maxLength={40} />
          <span aria-hidden="true" />
          <TextField label="Address line 1" optional value={values.address.line1} onChange={(e) => setAddress('line1', e.target.value)} error={errors['address.line1']} autoComplete="off" maxLength={200} />
          <TextField label="Address line 2" optional value={values.address.line2} onChange={(e) => setAddress('line2', e.target.value)} error={errors['address.line2']} autoComplete="off" maxLength={200} />
          <TextField label="Town or city" optional value={values.address.city} onChange={(e) => setAddress('city', e.target.value)} error={errors['address.city']} autoComplete="off" maxLength={100} />
          <TextField label="Region" optional value={values.address.region} onChange={(e) => setAddress('region', e.target.value)} error={errors['address.region']} hint="County, state or province" autoComplete="off" maxLength={100} />
          <TextField label="Postcode" optional value={values.address.postcode} onChange={(e) => setAddress('postcode', e.target.value)} error={errors['address.postcode']} autoComplete="off" autoCapitalize="characters" />
          <TextField label="Country" optional value={values.address.country} onChange={(e) => setAddress('country', e.target.value.toUpperCase())} error={errors['address.country']} hint="Two-letter code, like GB" autoComplete="off" maxLength={2} autoCapitalize="characters" style={{ maxWidth: 120 }} />
        </div>
      </fieldset>

      <div className="form-actions">
        <ButtonLink to={cancelTo}>Cancel</ButtonLink>
        <Button type="submit" variant="primary" busy={saving}>
          Save company
        </Button>
      </div>
    </form>
  );
}

/** `/companies/new` and `/companies/:companyId/edit`. */
export function CompanyFormPage() {
  const { companyId } = useParams();
  const api = useApi();
  const { canWrite } = useWorkspace();
  const company = useResource(
    (signal) => (companyId ? api.get<Company>(`/v1/companies/${encodeURIComponent(companyId)}`, { signal }) : Promise.resolve(undefined)),
    [api, companyId],
  );
  const title = companyId ? (company.data ? `Edit ${company.data.name}` : 'Edit company') : 'New company';
  useDocumentTitle(title);

  const back = companyId ? (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to={`/companies/${companyId}`}>← Back to {company.data?.name ?? 'company'}</Link>
    </nav>
  ) : (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/companies">← All companies</Link>
    </nav>
  );

  if (!canWrite) {
    return (
      <div className="page-narrow">
        {back}
        <PageHeading>{title}</PageHeading>
        <EmptyState title="You can view companies but not change them">Ask an owner or admin of your workspace for a different role.</EmptyState>
      </div>
    );
  }

  let content;
  if (companyId && company.error) {
    content = (
      <div className="card">
        <ErrorState title="This company could not be loaded" error={company.error} onRetry={company.reload} />
      </div>
    );
  } else if (companyId && !company.data) {
    content = <Loading label="Loading company…" />;
  } else {
    content = <CompanyForm key={company.data?.version ?? 'new'} company={company.data} onReload={company.reload} />;
  }

  return (
    <div className="page-narrow" style={{ margin: '0 auto' }}>
      {back}
      <div className="page-head">
        <div>
          <PageHeading>
            <span id="company-form-title">{title}</span>
          </PageHeading>
          <p className="page-sub">{companyId ? 'Change the details and save.' : 'Only the name is required; you can fill in the rest later.'}</p>
        </div>
      </div>
      {content}
    </div>
  );
}
