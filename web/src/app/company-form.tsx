import { useMemo, useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import { companiesApi, type CompanyView } from '../../../functions/companies/contract';
import { createCompanySchema, updateCompanySchema } from '../../../functions/companies/schema';
import { STAGES } from '../../../functions/shared/enums';
import { errorMessage, newIdempotencyKey } from '../shared/api';
import { fieldMessage, useContractForm } from '../shared/form';
import { STAGE_LABELS } from '../shared/labels';
import { useApiMutation } from '../shared/query';
import { Alert, Button, ButtonLink, SelectField, TextAreaField, TextField, useToast } from '../shared/ui';
import { AddressBlocks } from './address-blocks';
import { useCompanyCache } from './company-cache';
import { DuplicateWarning } from './company-duplicates';
import { usePasteLimit } from './paste-limit';
import {
  companyFieldFor,
  createBody,
  hostOf,
  updateBody,
  valuesOf,
  type CompanyValues,
  type CreateCompanyBody,
  type UpdateCompanyBody,
} from './company-form-values';
import { useWorkspace } from './workspace';

const SCORE_MESSAGE = 'Enter a whole number from 0 to 100, or leave it empty';
const SCORES = [
  { name: 'leadScore', label: 'Lead score', hint: 'How promising the lead is, 0–100' },
  { name: 'healthScore', label: 'Health score', hint: 'How healthy the relationship is, 0–100' },
] as const;

type Update = { companyId: string; version: number; body: UpdateCompanyBody };

/** The company form: a new company, or the changed fields of an existing one (`company`). */
export function CompanyForm({
  company,
  onReload,
}: {
  company?: CompanyView;
  /** Fetches the latest version after a conflict; a new version re-mounts the form with it. */
  onReload: () => Promise<{ error: unknown }>;
}) {
  const toast = useToast();
  const navigate = useNavigate();
  const cache = useCompanyCache();
  const { users, me } = useWorkspace();
  // One key per form: a retry after a lost response cannot create the company twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  // The values the latest body was made of, so an error path finds its address block.
  const bodySource = useRef<CompanyValues | null>(null);
  const [conflict, setConflict] = useState(false);
  const { form, general, setGeneral, showApiError } = useContractForm<
    CompanyValues,
    typeof createCompanySchema | typeof updateCompanySchema
  >({
    schema: company ? updateCompanySchema : createCompanySchema,
    defaultValues: valuesOf(company, me.userId),
    toBody: (values) => {
      bodySource.current = values;
      return company ? updateBody(values, company) : createBody(values);
    },
    fieldFor: (path) => companyFieldFor(path, bodySource.current),
  });
  const { errors, isSubmitting } = form.formState;
  const create = useApiMutation(companiesApi.create, (body: CreateCompanyBody) => ({
    body,
    idempotencyKey: idempotencyKey.current,
  }));
  const update = useApiMutation(companiesApi.update, ({ companyId, version, body }: Update) => ({
    params: { companyId },
    body,
    version,
  }));

  const save = form.handleSubmit(async (values) => {
    try {
      if (company) {
        const body = updateBody(values, company);
        if (Object.keys(body).length > 0) {
          cache.saved(await update.mutateAsync({ companyId: company.companyId, version: company.version, body }));
          toast('Changes saved');
        } else {
          toast('No changes to save', 'info');
        }
        navigate(`/companies/${company.companyId}`, { replace: true });
      } else {
        const created = await create.mutateAsync(createBody(values));
        cache.saved(created);
        toast(`${created.name} was created`);
        navigate(`/companies/${created.companyId}`, { replace: true });
      }
    } catch (error) {
      await showApiError(error, () => setConflict(true));
    }
  });

  const reload = async () => {
    const { error } = await onReload();
    if (error) setGeneral(`The latest version could not be loaded: ${errorMessage(error)}`);
  };

  const ownerId = useWatch({ control: form.control, name: 'ownerId' });
  const [name, domain, companyNumber] = useWatch({ control: form.control, name: ['name', 'domain', 'companyNumber'] });
  const paste = usePasteLimit();
  // A pasted or typed URL keeps only its host, and the user is told so.
  const [domainNotice, setDomainNotice] = useState<string | null>(null);
  const keepHost = (value: string) => {
    const host = hostOf(value);
    if (host === null) return false;
    form.setValue('domain', host, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    setDomainNotice(`We kept ${host} from the URL you pasted`);
    return true;
  };
  const domainField = form.register('domain', {
    onBlur: (event: { target: HTMLInputElement }) => void keepHost(event.target.value),
  });
  const ownerOptions = useMemo(() => {
    const options = [
      { value: '', label: 'Unassigned' },
      ...users.map((u) => ({ value: u.userId, label: u.status === 'invited' ? `${u.name} (invited)` : u.name })),
    ];
    if (ownerId && !users.some((u) => u.userId === ownerId)) options.push({ value: ownerId, label: 'Former user' });
    return options;
  }, [users, ownerId]);

  return (
    <form
      onSubmit={(event) => {
        setGeneral(null);
        setConflict(false);
        return save(event);
      }}
      noValidate
      aria-labelledby="company-form-title"
    >
      <div className="stack" style={{ gap: 12, marginBottom: 16 }}>
        {conflict && (
          <Alert
            tone="warning"
            title="Someone else changed this company while you were editing"
            actions={
              <Button size="sm" onClick={reload}>
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
            {...form.register('name')}
            error={fieldMessage(errors.name, 'Enter the company name') ?? paste.notice('name')}
            aria-required="true"
            autoComplete="off"
            maxLength={200}
            onPaste={paste.guard('name', 200)}
          />
          <TextField
            label="Domain"
            optional
            {...domainField}
            onChange={(event) => {
              setDomainNotice(null);
              return domainField.onChange(event);
            }}
            onPaste={(event) => {
              if (keepHost(event.clipboardData.getData('text'))) event.preventDefault();
            }}
            error={errors.domain?.message}
            hint={domainNotice ?? 'The website, like example.com'}
            inputMode="url"
            autoCapitalize="none"
            spellCheck={false}
            autoComplete="off"
          />
          <TextField
            label="Company number"
            optional
            {...form.register('companyNumber')}
            error={errors.companyNumber?.message ?? paste.notice('companyNumber')}
            hint="From the company register"
            autoComplete="off"
            maxLength={20}
            onPaste={paste.guard('companyNumber', 20)}
          />
          <DuplicateWarning
            name={name ?? ''}
            domain={domain ?? ''}
            companyNumber={companyNumber ?? ''}
            excludeId={company?.companyId}
          />
          <SelectField
            label="Stage"
            {...form.register('stage')}
            error={errors.stage?.message}
            options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
          />
          <TextField
            label="Industry"
            optional
            {...form.register('industry')}
            error={errors.industry?.message ?? paste.notice('industry')}
            autoComplete="off"
            maxLength={100}
            onPaste={paste.guard('industry', 100)}
          />
          <SelectField
            label="Owner"
            {...form.register('ownerId')}
            error={errors.ownerId?.message}
            options={ownerOptions}
            hint="Who looks after this company"
          />
          <TextField
            label="Tags"
            optional
            {...form.register('tags')}
            error={fieldMessage(errors.tags, 'Use at most 30 tags')}
            hint="Separate tags with commas"
            autoComplete="off"
          />
          {SCORES.map((score) => (
            <TextField
              key={score.name}
              label={score.label}
              optional
              {...form.register(score.name)}
              error={fieldMessage(errors[score.name], SCORE_MESSAGE)}
              hint={score.hint}
              inputMode="numeric"
              autoComplete="off"
              maxLength={3}
            />
          ))}
          <TextAreaField
            className="span-2"
            label="Known facts"
            optional
            {...form.register('knownFacts')}
            error={fieldMessage(errors.knownFacts, 'Use at most 50 facts')}
            hint="One fact per line, e.g. “Opening a second site in spring”"
            rows={4}
          />
        </div>
      </fieldset>

      <AddressBlocks form={form} />

      <div className="form-actions">
        <ButtonLink to={company ? `/companies/${company.companyId}` : '/companies'}>Cancel</ButtonLink>
        <Button type="submit" variant="primary" busy={isSubmitting}>
          Save company
        </Button>
      </div>
    </form>
  );
}
