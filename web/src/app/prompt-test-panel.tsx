import { useId, useRef, useState } from 'react';
import type { CompanyView } from '../../../functions/companies/contract';
import { promptsApi, type PromptTestResult } from '../../../functions/prompts/contract';
import { testPromptSchema, type TestPromptInput } from '../../../functions/prompts/schema';
import { settingsApi } from '../../../functions/settings/contract';
import { ApiError, errorMessage, isAbort } from '../shared/api';
import { fieldMessage, useContractForm } from '../shared/form';
import { TAKES_REQUIREMENTS, type TestPanelProps } from '../shared/prompts';
import { useApiMutation } from '../shared/query';
import { Alert, Button, Skeleton, Spinner, TextAreaField } from '../shared/ui';
import { CompanyPicker } from './prompt-test/company-picker';
import { TestResult } from './prompt-test/test-result';

function runError(error: unknown): { title: string; detail: string; templates: boolean } {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.detail)
      return { title: 'The AI budget is used up', detail: error.detail, templates: false };
    if (error.status === 400 && error.fieldErrors.length > 0) {
      const templates = error.fieldErrors.some((e) => /template/i.test(e.path));
      const detail = error.fieldErrors.map((e) => `${e.path.replace(/^draft\./, '')}: ${e.message}`).join('; ');
      return { title: error.detail ?? error.title, detail, templates };
    }
  }
  return { title: 'The test run failed', detail: errorMessage(error), templates: false };
}

/**
 * Runs the prompt being edited (unsaved edits included, sent as `draft`) against one company and
 * shows what the model was given and what it answered. Nothing is saved; the tokens count towards
 * the month's usage.
 */
export function PromptTestPanel({
  promptId,
  view,
  draft,
  draftProblem,
  dirty,
  savedVersion,
  showEditor,
}: TestPanelProps) {
  const id = useId();
  const searchId = `${id}-search`;
  const [company, setCompany] = useState<CompanyView | null>(null);
  const [last, setLast] = useState<{ result: PromptTestResult; company: string; edits: boolean } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const takesRequirements = (TAKES_REQUIREMENTS as readonly string[]).includes(view.category);

  const { form, bodyOf } = useContractForm({
    schema: testPromptSchema,
    defaultValues: { companyId: '', requirements: '' },
    toBody: ({ companyId, requirements }: { companyId: string; requirements: string }) => ({
      companyId,
      draft,
      ...(takesRequirements && requirements.trim() ? { requirements: requirements.trim() } : {}),
    }),
  });
  const pickError = fieldMessage(form.formState.errors.companyId, 'Choose a company to run the prompt against');

  // A test run spends tokens: this month's usage (in the AI settings) changes.
  const test = useApiMutation(
    promptsApi.test,
    (v: { body: TestPromptInput; signal: AbortSignal }) => ({ params: { promptId }, body: v.body, signal: v.signal }),
    { invalidates: [settingsApi] },
  );

  const run = form.handleSubmit(
    async (values) => {
      if (draftProblem) return;
      controller.current?.abort();
      const ctrl = new AbortController();
      controller.current = ctrl;
      const ran = { company: company?.name ?? '', edits: dirty };
      try {
        setLast({ result: await test.mutateAsync({ body: bodyOf(values), signal: ctrl.signal }), ...ran });
      } catch {
        // The failure shows from the mutation's state; a cancelled run shows nothing.
      } finally {
        if (controller.current === ctrl) controller.current = null;
      }
    },
    (errors) => {
      if (errors.companyId) document.getElementById(searchId)?.focus();
    },
  );

  const busy = test.isPending;
  const failure = test.error && !isAbort(test.error) ? runError(test.error) : null;
  const result = last?.result;

  return (
    <div className="test-layout">
      <section className="card card-pad stack" aria-labelledby={`${id}-title`}>
        <div>
          <h2 id={`${id}-title`} className="section-title">
            Try the prompt
          </h2>
          <p className="muted">
            {dirty ? 'Runs your unsaved edits' : `Runs version ${savedVersion}`} against one company. Nothing is saved;
            the tokens count towards this month’s usage.
          </p>
        </div>
        {draftProblem && (
          <Alert
            tone="warning"
            title="Fix the prompt before running it"
            actions={
              <Button size="sm" onClick={showEditor}>
                Go to the editor
              </Button>
            }
          >
            {draftProblem}
          </Alert>
        )}
        <div>
          <CompanyPicker
            inputId={searchId}
            selected={company}
            onSelect={(c) => {
              setCompany(c);
              form.setValue('companyId', c.companyId, { shouldValidate: form.formState.isSubmitted });
            }}
          />
          {pickError && (
            <p className="field-error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {pickError}
            </p>
          )}
        </div>
        {takesRequirements && (
          <TextAreaField
            label={view.category === 'email_copy' ? 'What the email is for' : 'Requirements'}
            optional
            rows={3}
            {...form.register('requirements')}
            error={form.formState.errors.requirements?.message}
            maxLength={4000}
            hint={view.variables.find((v) => v.name === 'requirements')?.description ?? 'Fills in {{requirements}}'}
          />
        )}
        <div className="row">
          <Button variant="primary" onClick={() => void run()} busy={busy} disabled={!!draftProblem}>
            Run test
          </Button>
          {busy && (
            <Button variant="ghost" onClick={() => controller.current?.abort()}>
              Cancel
            </Button>
          )}
        </div>
      </section>

      <section className="card card-pad stack test-result" aria-labelledby={`${id}-result-title`} aria-busy={busy}>
        <h2 id={`${id}-result-title`} className="section-title">
          Result
        </h2>
        <div role="status" className={busy ? 'test-status' : 'sr-only'}>
          {busy ? (
            <span className="row">
              <Spinner size="sm" /> Running the prompt against {company?.name}… this can take up to a minute.
            </span>
          ) : result ? (
            <span className="sr-only">The test run finished.</span>
          ) : null}
        </div>
        {failure && (
          <Alert
            tone="error"
            title={failure.title}
            actions={
              failure.templates ? (
                <Button size="sm" onClick={showEditor}>
                  Go to the editor
                </Button>
              ) : undefined
            }
          >
            {failure.detail}
          </Alert>
        )}
        {!result && !busy && !failure && (
          <p className="muted">Choose a company and run the test to see what the model answers.</p>
        )}
        {busy && !result && (
          <div className="stack" aria-hidden="true">
            <Skeleton width="60%" />
            <Skeleton height="80px" />
            <Skeleton width="40%" />
          </div>
        )}
        {last && <TestResult category={view.category} result={last.result} ran={last} stale={busy} />}
      </section>
    </div>
  );
}
