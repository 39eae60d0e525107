import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { newIdempotencyKey } from '../shared/api';
import { byPrefix, requiredTextError, useSaveForm, withoutError, type FieldErrors } from '../shared/forms';
import { useDocumentTitle, useResource } from '../shared/hooks';
import { STAGE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import { STAGES, type Address, type Company, type Stage } from '../shared/types';
import {
  Alert,
  Button,
  ButtonLink,
  EmptyState,
  ErrorState,
  Loading,
  PageHeading,
  SelectField,
  TextAreaField,
  TextField,
  useToast,
} from '../shared/ui';
import { useWorkspace } from './workspace';

const DOMAIN_PATTERN = /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const ADDRESS_FIELDS = ['type', 'line1', 'line2', 'city', 'region', 'postcode', 'country'] as const;
type AddressField = (typeof ADDRESS_FIELDS)[number];
const MAX_ADDRESSES = 10;
const ADDRESS_TYPES = ['Head office', 'Registered office', 'Billing', 'Site', 'Branch', 'Warehouse'];
const SCORE_FIELDS = ['leadScore', 'healthScore'] as const;
type ScoreField = (typeof SCORE_FIELDS)[number];

/** One address block of the form; `key` stays with the block when others are added or removed. */
type AddressRow = { key: string } & Record<AddressField, string>;

interface Values {
  name: string;
  domain: string;
  companyNumber: string;
  stage: Stage;
  industry: string;
  ownerId: string;
  tags: string;
  knownFacts: string;
  leadScore: string;
  healthScore: string;
  addresses: AddressRow[];
}

let addressSeq = 0;
const addressRow = (a: Address = {}): AddressRow =>
  ({ key: `a${++addressSeq}`, ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, a[f] ?? ''])) }) as AddressRow;

function valuesOf(c: Company | undefined, defaultOwner: string): Values {
  return {
    name: c?.name ?? '',
    domain: c?.domain ?? '',
    companyNumber: c?.companyNumber ?? '',
    stage: c?.stage ?? 'lead',
    industry: c?.industry ?? '',
    ownerId: c ? (c.ownerId ?? '') : defaultOwner,
    tags: (c?.tags ?? []).join(', '),
    knownFacts: (c?.knownFacts ?? []).join('\n'),
    leadScore: c?.leadScore == null ? '' : String(c.leadScore),
    healthScore: c?.healthScore == null ? '' : String(c.healthScore),
    // A new company starts with one (empty, optional) address block to fill in.
    addresses: c ? (c.addresses ?? []).map((a) => addressRow(a)) : [addressRow()],
  };
}

const cleanDomain = (d: string) =>
  d
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
const splitTags = (s: string) => [
  ...new Set(
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];
const splitLines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The address as the API takes it, or undefined when the block is empty (it is then not sent). */
function addressOf(row: AddressRow): Address | undefined {
  const entries = ADDRESS_FIELDS.map(
    (f) => [f, f === 'country' ? row[f].trim().toUpperCase() : row[f].trim()] as const,
  ).filter(([, value]) => value);
  return entries.length ? (Object.fromEntries(entries) as Address) : undefined;
}

/** The blocks that are sent, in order: the API's `addresses.<i>` is the i-th of these. */
const sentAddresses = (v: Values) => v.addresses.filter((row) => addressOf(row) !== undefined);

/** "", or a whole number 0–100 as typed (surrounding spaces allowed). */
const parseScore = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

/** The API body for the form; `null` clears optional fields on update. */
function bodyOf(v: Values, original: Company | undefined) {
  const clear = original ? null : undefined;
  return {
    name: v.name.trim(),
    domain: cleanDomain(v.domain) || clear,
    companyNumber: v.companyNumber.trim() || clear,
    stage: v.stage,
    industry: v.industry.trim() || clear,
    ownerId: v.ownerId || clear,
    tags: splitTags(v.tags),
    knownFacts: splitLines(v.knownFacts),
    addresses: sentAddresses(v).map((row) => addressOf(row)!),
    leadScore: parseScore(v.leadScore) ?? clear,
    healthScore: parseScore(v.healthScore) ?? clear,
  };
}

const addressError = (row: AddressRow, field: AddressField) => `addresses.${row.key}.${field}`;

function validate(v: Values): FieldErrors {
  const errors: FieldErrors = {};
  const nameError = requiredTextError(v.name, 200, 'Enter the company name');
  if (nameError) errors.name = nameError;
  const domain = cleanDomain(v.domain);
  if (domain && !DOMAIN_PATTERN.test(domain)) errors.domain = 'Enter a domain like example.com';
  if (v.companyNumber.trim().length > 20) errors.companyNumber = 'Use at most 20 characters';
  const tags = splitTags(v.tags);
  if (tags.some((t) => t.length > 40)) errors.tags = 'Each tag can have at most 40 characters';
  else if (tags.length > 30) errors.tags = 'Use at most 30 tags';
  const facts = splitLines(v.knownFacts);
  if (facts.some((f) => f.length > 500)) errors.knownFacts = 'Each fact can have at most 500 characters';
  else if (facts.length > 50) errors.knownFacts = 'Use at most 50 facts';
  for (const field of SCORE_FIELDS) {
    const raw = v[field].trim();
    if (raw && !(/^\d{1,3}$/.test(raw) && Number(raw) <= 100))
      errors[field] = 'Enter a whole number from 0 to 100, or leave it empty';
  }
  if (v.addresses.length > MAX_ADDRESSES) errors.addresses = `Use at most ${MAX_ADDRESSES} addresses`;
  for (const row of v.addresses) {
    const country = row.country.trim();
    if (country && !/^[A-Za-z]{2}$/.test(country))
      errors[addressError(row, 'country')] = 'Use a two-letter country code, like GB or US';
    if (row.postcode.trim().length > 20) errors[addressError(row, 'postcode')] = 'Use at most 20 characters';
  }
  return errors;
}

const COMPANY_FIELDS = [
  'name',
  'domain',
  'companyNumber',
  'stage',
  'industry',
  'ownerId',
  'tags',
  'knownFacts',
  'leadScore',
  'healthScore',
];

/** Maps an API error path to a form error key; `addresses.1.postcode` is the postcode of the second block sent. */
const apiFieldFor =
  (sent: AddressRow[]) =>
  (path: string): string | undefined => {
    const [head, index, field] = path.split('.');
    if (head === 'addresses') {
      const row = index !== undefined ? sent[Number(index)] : undefined;
      if (!row) return 'addresses';
      return addressError(row, ADDRESS_FIELDS.includes(field as AddressField) ? (field as AddressField) : 'line1');
    }
    return byPrefix(COMPANY_FIELDS)(path);
  };

/** One address: type (with suggestions), two lines, town, region, postcode, country; removable. */
function AddressBlock({
  row,
  index,
  errors,
  datalistId,
  onChange,
  onRemove,
}: {
  row: AddressRow;
  index: number;
  errors: FieldErrors;
  datalistId: string;
  onChange: (field: AddressField, value: string) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const which = <span className="sr-only"> (address {n})</span>;
  const field = (f: AddressField) => ({
    value: row[f],
    error: errors[addressError(row, f)],
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      onChange(f, f === 'country' ? e.target.value.toUpperCase() : e.target.value),
    autoComplete: 'off',
    id: `${row.key}-${f}`,
  });
  const summary = row.type.trim();
  return (
    <fieldset className="address-block" data-address={row.key}>
      <legend className="address-legend">
        Address {n}
        {summary && <span className="address-legend-type"> · {summary}</span>}
      </legend>
      <div className="form-grid">
        <TextField
          label={<>Address type{which}</>}
          optional
          {...field('type')}
          list={datalistId}
          placeholder="Head office"
          maxLength={40}
          hint="Pick a suggestion or type your own"
        />
        <span aria-hidden="true" className="form-grid-gap" />
        <TextField label={<>Address line 1{which}</>} optional {...field('line1')} maxLength={200} />
        <TextField label={<>Address line 2{which}</>} optional {...field('line2')} maxLength={200} />
        <TextField label={<>Town or city{which}</>} optional {...field('city')} maxLength={100} />
        <TextField
          label={<>Region{which}</>}
          optional
          {...field('region')}
          hint="County, state or province"
          maxLength={100}
        />
        <TextField label={<>Postcode{which}</>} optional {...field('postcode')} autoCapitalize="characters" />
        <TextField
          label={<>Country{which}</>}
          optional
          {...field('country')}
          hint="Two-letter code, like GB"
          maxLength={2}
          autoCapitalize="characters"
          spellCheck={false}
          className="field-country"
        />
      </div>
      <div className="address-actions">
        <Button size="sm" variant="ghost" className="btn-danger-text" onClick={onRemove}>
          Remove address
          <span className="sr-only">
            {' '}
            {n}
            {summary ? ` (${summary})` : ''}
          </span>
        </Button>
      </div>
    </fieldset>
  );
}

function CompanyForm({ company, onReload }: { company?: Company; onReload: () => void }) {
  const api = useApi();
  const toast = useToast();
  const navigate = useNavigate();
  const { users, me } = useWorkspace();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [values, setValues] = useState<Values>(() => valuesOf(company, me.userId));
  const { form, errors, setErrors, general, conflict, saving, submit } = useSaveForm<true>({
    validate: () => validate(values),
    send: async () => {
      const body = bodyOf(values, company);
      if (company) {
        const before = bodyOf(valuesOf(company, ''), company);
        const changed = Object.fromEntries(
          Object.entries(body).filter(
            ([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify((before as Record<string, unknown>)[k] ?? null),
          ),
        );
        if (Object.keys(changed).length > 0) {
          await api.patch<Company>(`/v1/companies/${encodeURIComponent(company.companyId)}`, changed, {
            version: company.version,
          });
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
    },
    fieldFor: apiFieldFor(sentAddresses(values)),
    onConflict: () => ({ conflict: true }),
  });

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => withoutError(e, key));
  };
  const setAddress = (row: AddressRow, field: AddressField, value: string) => {
    setValues((v) => ({ ...v, addresses: v.addresses.map((r) => (r.key === row.key ? { ...r, [field]: value } : r)) }));
    setErrors((e) => withoutError(withoutError(e, addressError(row, field)), 'addresses'));
  };
  /** After adding a block its first field takes focus; after removing one, the "Add address" button does. */
  const focusAfter = useRef<string | null>(null);
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    form.current
      ?.querySelector<HTMLElement>(target === 'add' ? '[data-add-address]' : `[data-address="${target}"] input`)
      ?.focus();
  });
  const addAddress = () => {
    const row = addressRow();
    focusAfter.current = row.key;
    setValues((v) => ({ ...v, addresses: [...v.addresses, row] }));
    setErrors((e) => withoutError(e, 'addresses'));
  };
  const removeAddress = (row: AddressRow) => {
    focusAfter.current = 'add';
    setValues((v) => ({ ...v, addresses: v.addresses.filter((r) => r.key !== row.key) }));
    setErrors((e) =>
      withoutError(
        Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`addresses.${row.key}.`))),
        'addresses',
      ),
    );
  };
  const datalistId = useId();
  const cancelTo = company ? `/companies/${company.companyId}` : '/companies';

  const ownerOptions = useMemo(() => {
    const options = [
      { value: '', label: 'Unassigned' },
      ...users.map((u) => ({ value: u.userId, label: u.status === 'invited' ? `${u.name} (invited)` : u.name })),
    ];
    if (values.ownerId && !users.some((u) => u.userId === values.ownerId))
      options.push({ value: values.ownerId, label: 'Former user' });
    return options;
  }, [users, values.ownerId]);

  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="company-form-title">
      <div className="stack" style={{ gap: 12, marginBottom: 16 }}>
        {conflict && (
          <Alert
            tone="warning"
            title="Someone else changed this company while you were editing"
            actions={
              <Button size="sm" onClick={onReload}>
                Reload company
              </Button>
            }
          >
            Reload to get the latest version. Your unsaved changes on this page will be replaced.
          </Alert>
        )}
        {general && (
          <Alert tone="error" title="The company could not be saved">
            {general}
          </Alert>
        )}
      </div>

      <fieldset className="form-section">
        <legend>Company</legend>
        <div className="form-grid">
          <TextField
            className="span-2"
            label="Company name"
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
            error={errors.name}
            aria-required="true"
            autoComplete="off"
            maxLength={200}
          />
          <TextField
            label="Domain"
            optional
            value={values.domain}
            onChange={(e) => set('domain', e.target.value)}
            error={errors.domain}
            hint="The website, like example.com"
            inputMode="url"
            autoCapitalize="none"
            spellCheck={false}
            autoComplete="off"
          />
          <TextField
            label="Company number"
            optional
            value={values.companyNumber}
            onChange={(e) => set('companyNumber', e.target.value)}
            error={errors.companyNumber}
            hint="From the company register"
            autoComplete="off"
            maxLength={20}
          />
          <SelectField
            label="Stage"
            value={values.stage}
            onChange={(e) => set('stage', e.target.value as Stage)}
            error={errors.stage}
            options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
          />
          <TextField
            label="Industry"
            optional
            value={values.industry}
            onChange={(e) => set('industry', e.target.value)}
            error={errors.industry}
            autoComplete="off"
            maxLength={100}
          />
          <SelectField
            label="Owner"
            value={values.ownerId}
            onChange={(e) => set('ownerId', e.target.value)}
            error={errors.ownerId}
            options={ownerOptions}
            hint="Who looks after this company"
          />
          <TextField
            label="Tags"
            optional
            value={values.tags}
            onChange={(e) => set('tags', e.target.value)}
            error={errors.tags}
            hint="Separate tags with commas"
            autoComplete="off"
          />
          {SCORE_FIELDS.map((f: ScoreField) => (
            <TextField
              key={f}
              label={f === 'leadScore' ? 'Lead score' : 'Health score'}
              optional
              value={values[f]}
              onChange={(e) => set(f, e.target.value)}
              error={errors[f]}
              hint={f === 'leadScore' ? 'How promising the lead is, 0–100' : 'How healthy the relationship is, 0–100'}
              inputMode="numeric"
              autoComplete="off"
              maxLength={3}
            />
          ))}
          <TextAreaField
            className="span-2"
            label="Known facts"
            optional
            value={values.knownFacts}
            onChange={(e) => set('knownFacts', e.target.value)}
            error={errors.knownFacts}
            hint="One fact per line, e.g. “Opening a second site in spring”"
            rows={4}
          />
        </div>
      </fieldset>

      <fieldset className="form-section" aria-describedby={errors.addresses ? 'addresses-error' : undefined}>
        <legend>Addresses</legend>
        <p className="field-hint">Optional. Empty address blocks are not saved.</p>
        {errors.addresses && (
          <p id="addresses-error" className="field-error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {errors.addresses}
          </p>
        )}
        <datalist id={datalistId}>
          {ADDRESS_TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <div className="address-list">
          {values.addresses.length === 0 && <p className="muted">No addresses yet.</p>}
          {values.addresses.map((row, i) => (
            <AddressBlock
              key={row.key}
              row={row}
              index={i}
              errors={errors}
              datalistId={datalistId}
              onChange={(f, value) => setAddress(row, f, value)}
              onRemove={() => removeAddress(row)}
            />
          ))}
        </div>
        <div className="address-add">
          {values.addresses.length < MAX_ADDRESSES ? (
            <Button size="sm" onClick={addAddress} data-add-address="" icon={<span aria-hidden="true">+</span>}>
              Add address
            </Button>
          ) : (
            <p className="muted">That is the most addresses a company can have ({MAX_ADDRESSES}).</p>
          )}
          <span className="muted address-count" aria-live="polite">
            {values.addresses.length} of {MAX_ADDRESSES}
          </span>
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
    (signal) =>
      companyId
        ? api.get<Company>(`/v1/companies/${encodeURIComponent(companyId)}`, { signal })
        : Promise.resolve(undefined),
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
        <EmptyState title="You can view companies but not change them">
          Ask an owner or admin of your workspace for a different role.
        </EmptyState>
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
          <p className="page-sub">
            {companyId ? 'Change the details and save.' : 'Only the name is required; you can fill in the rest later.'}
          </p>
        </div>
      </div>
      {content}
    </div>
  );
}
