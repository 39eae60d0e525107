import { useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage, isAbort } from '../shared/api';
import { useDebouncedValue, useResource } from '../shared/hooks';
import {
  formatCostMicros,
  formatCount,
  formatDuration,
  providerLabel,
  TAKES_REQUIREMENTS,
  type TestPanelProps,
} from '../shared/prompts';
import { useApi } from '../shared/services';
import type { Company, Page, PromptTestResult } from '../shared/types';
import { Alert, Badge, Button, Skeleton, Spinner, TextAreaField } from '../shared/ui';

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Picks the company a test runs against: a name search over `GET /v1/companies?q=`. */
function CompanyPicker({ selected, onSelect }: { selected: Company | null; onSelect: (c: Company) => void }) {
  const api = useApi();
  const id = useId();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const results = useResource(
    (signal) => api.get<Page<Company>>('/v1/companies', { query: { q, limit: 6 }, signal }),
    [api, q],
  );
  const items = results.data?.items ?? [];

  return (
    <div className="field company-picker">
      <div className="field-label">
        <label htmlFor={`${id}-search`}>Company</label>
      </div>
      <div className="search" role="search">
        <svg
          className="search-icon"
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          aria-hidden="true"
        >
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="M13 13l4 4" />
        </svg>
        <input
          id={`${id}-search`}
          className="input"
          type="search"
          placeholder="Search by name…"
          autoComplete="off"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-controls={`${id}-results`}
        />
        {results.loading && results.data === undefined && (
          <span className="search-status">
            <Spinner size="sm" />
          </span>
        )}
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {selected ? (
          <>
            Runs against <strong>{selected.name}</strong>. Nothing about it is changed.
          </>
        ) : (
          'Choose the company whose data fills in the variables.'
        )}
      </p>
      <ul id={`${id}-results`} className="company-options" aria-label="Matching companies" aria-busy={results.loading}>
        {results.error ? (
          <li>
            <Alert tone="error">
              The companies could not be loaded: {errorMessage(results.error)}{' '}
              <button type="button" className="link-button" onClick={results.reload}>
                Try again
              </button>
            </Alert>
          </li>
        ) : !results.data ? (
          Array.from({ length: 3 }, (_, i) => (
            <li key={i}>
              <Skeleton width="70%" />
            </li>
          ))
        ) : items.length === 0 ? (
          <li className="muted">
            {q ? (
              <>No company name starts with “{q}”.</>
            ) : (
              <>
                There are no companies yet. <Link to="/companies/new">Add a company</Link> to test prompts against it.
              </>
            )}
          </li>
        ) : (
          items.map((c) => (
            <li key={c.companyId}>
              <button
                type="button"
                className="company-option"
                aria-pressed={selected?.companyId === c.companyId}
                onClick={() => onSelect(c)}
              >
                <span className="company-option-check" aria-hidden="true">
                  {selected?.companyId === c.companyId ? '✓' : ''}
                </span>
                <span className="company-option-name">{c.name}</span>
                {c.domain && <span className="muted company-option-domain">{c.domain}</span>}
              </button>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** A list of findings ({title|name|action|label, detail|reason, evidence}). */
function Findings({ title, items }: { title: string; items: Record<string, unknown>[] }) {
  if (items.length === 0) return null;
  return (
    <section className="output-section">
      <h4 className="output-heading">{title}</h4>
      <ul className="output-list">
        {items.map((item, i) => (
          <li key={i}>
            <strong>{str(item.title ?? item.name ?? item.action ?? item.label ?? item.description)}</strong>
            {(item.detail ?? item.reason ?? item.rationale) !== undefined && (
              <> — {str(item.detail ?? item.reason ?? item.rationale)}</>
            )}
            {item.assessment !== undefined && (
              <>
                {' '}
                <Badge
                  tone={item.assessment === 'good' ? 'success' : item.assessment === 'concern' ? 'danger' : 'warning'}
                >
                  {str(item.assessment)}
                </Badge>
              </>
            )}
            {item.evidence !== undefined && <span className="output-evidence">Evidence: {str(item.evidence)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Score({ title, score }: { title: string; score: unknown }) {
  if (!isRecord(score)) return null;
  return (
    <section className="output-section">
      <h4 className="output-heading">
        {title}: {str(score.score)}/100
      </h4>
      <ul className="output-list">
        {list(score.factors).map((f, i) => {
          const impact = Number(f.impact);
          return (
            <li key={i}>
              <strong className={impact >= 0 ? 'output-impact-up' : 'output-impact-down'}>
                {impact >= 0 ? '+' : '−'}
                {Math.abs(impact)}
              </strong>{' '}
              {str(f.label)}
              <span className="output-evidence">Evidence: {str(f.evidence)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The answer, laid out for the categories' known shapes (the raw JSON is always one click away). */
function OutputView({ category, output }: { category: string; output: unknown }) {
  if (!isRecord(output)) return null;
  const o = output;
  let body: ReactNode = null;
  if (category === 'company_analysis') {
    body = (
      <>
        <p>{str(o.summary)}</p>
        <Findings title="Opportunities" items={list(o.opportunities)} />
        <Findings title="Risks" items={list(o.risks)} />
        <Findings title="Competitors" items={list(o.competitors)} />
        <Findings title="Next actions" items={list(o.nextActions)} />
      </>
    );
  } else if (category === 'lead_scoring') {
    body = (
      <>
        <Score title="Lead score" score={o.leadScore} />
        <Score title="Health score" score={o.healthScore} />
      </>
    );
  } else if (category === 'competitor_analysis') {
    body = (
      <>
        <Findings title="Competitors" items={list(o.competitors)} />
        {o.positioning !== undefined && (
          <section className="output-section">
            <h4 className="output-heading">Positioning</h4>
            <p>{str(o.positioning)}</p>
          </section>
        )}
      </>
    );
  } else if (category === 'financial_analysis') {
    body = (
      <>
        <p>{str(o.summary)}</p>
        <Findings title="Indicators" items={list(o.indicators)} />
      </>
    );
  } else if (category === 'quote_draft') {
    const lines = list(o.lines);
    const total = lines.reduce((sum, l) => sum + Number(l.quantity) * Number(l.unitPriceMinor), 0);
    body = (
      <>
        <h4 className="output-heading">{str(o.title)}</h4>
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">Quote lines</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  Unit price
                </th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={i}>
                  <td>
                    {str(l.description)}
                    <span className="output-evidence">{str(l.rationale)}</span>
                  </td>
                  <td className="num">{str(l.quantity)}</td>
                  <td className="num">{pounds.format(Number(l.unitPriceMinor) / 100)}</td>
                  <td className="num">{pounds.format((Number(l.quantity) * Number(l.unitPriceMinor)) / 100)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total (excluding VAT)
                </th>
                <td className="num">
                  <strong>{pounds.format(total / 100)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        {o.notes !== undefined && (
          <section className="output-section">
            <h4 className="output-heading">Assumptions to confirm</h4>
            <p className="pre-line">{str(o.notes)}</p>
          </section>
        )}
      </>
    );
  } else if (category === 'email_copy') {
    body = (
      <>
        <p>
          <strong>Subject:</strong> {str(o.subject)}
        </p>
        <div className="email-body">{str(o.body)}</div>
        <section className="output-section">
          <h4 className="output-heading">Why this angle</h4>
          <p>{str(o.rationale)}</p>
        </section>
      </>
    );
  }
  return body ? <div className="output-view">{body}</div> : null;
}

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
  const api = useApi();
  const id = useId();
  const [company, setCompany] = useState<Company | null>(null);
  const [requirements, setRequirements] = useState('');
  const [state, setState] = useState<{
    busy: boolean;
    result: PromptTestResult | null;
    error: unknown;
    ran: { company: string; edits: boolean } | null;
  }>({
    busy: false,
    result: null,
    error: null,
    ran: null,
  });
  const [pickError, setPickError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const takesRequirements = (TAKES_REQUIREMENTS as readonly string[]).includes(view.category);

  const run = async () => {
    if (!company) {
      setPickError('Choose a company to run the prompt against');
      document.getElementById(`${id}-picker`)?.querySelector('input')?.focus();
      return;
    }
    if (draftProblem) return;
    setPickError(null);
    controller.current?.abort();
    const ctrl = new AbortController();
    controller.current = ctrl;
    setState((s) => ({ ...s, busy: true, error: null }));
    try {
      const result = await api.post<PromptTestResult>(
        `/v1/prompts/${encodeURIComponent(promptId)}/test`,
        {
          companyId: company.companyId,
          draft: {
            systemTemplate: draft.systemTemplate,
            userTemplate: draft.userTemplate,
            model: draft.model,
            temperature: draft.temperature,
          },
          ...(takesRequirements && requirements.trim() ? { requirements: requirements.trim() } : {}),
        },
        { signal: ctrl.signal },
      );
      setState({ busy: false, result, error: null, ran: { company: company.name, edits: dirty } });
    } catch (error) {
      if (isAbort(error)) {
        setState((s) => ({ ...s, busy: false }));
        return;
      }
      setState((s) => ({ ...s, busy: false, error }));
    } finally {
      if (controller.current === ctrl) controller.current = null;
    }
  };

  const failure = state.error ? runError(state.error) : null;
  const result = state.result;

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
        <div id={`${id}-picker`}>
          <CompanyPicker
            selected={company}
            onSelect={(c) => {
              setCompany(c);
              setPickError(null);
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
            value={requirements}
            onChange={(e) => setRequirements(e.target.value)}
            maxLength={4000}
            hint={view.variables.find((v) => v.name === 'requirements')?.description ?? 'Fills in {{requirements}}'}
          />
        )}
        <div className="row">
          <Button variant="primary" onClick={run} busy={state.busy} disabled={!!draftProblem}>
            Run test
          </Button>
          {state.busy && (
            <Button variant="ghost" onClick={() => controller.current?.abort()}>
              Cancel
            </Button>
          )}
        </div>
      </section>

      <section
        className="card card-pad stack test-result"
        aria-labelledby={`${id}-result-title`}
        aria-busy={state.busy}
      >
        <h2 id={`${id}-result-title`} className="section-title">
          Result
        </h2>
        <div role="status" className={state.busy ? 'test-status' : 'sr-only'}>
          {state.busy ? (
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
        {!result && !state.busy && !failure && (
          <p className="muted">Choose a company and run the test to see what the model answers.</p>
        )}
        {state.busy && !result && (
          <div className="stack" aria-hidden="true">
            <Skeleton width="60%" />
            <Skeleton height="80px" />
            <Skeleton width="40%" />
          </div>
        )}
        {result && (
          <div className={state.busy ? 'test-result-stale stack' : 'stack'}>
            <dl className="run-stats">
              <div>
                <dt>Provider</dt>
                <dd>
                  {providerLabel(result.provider)}
                  {result.cached && (
                    <>
                      {' '}
                      <Badge tone="info">From cache</Badge>
                    </>
                  )}
                </dd>
              </div>
              <div>
                <dt>Model</dt>
                <dd>
                  <code>{result.model}</code>
                </dd>
              </div>
              <div>
                <dt>Tokens</dt>
                <dd>
                  {formatCount(result.usage.inputTokens)} in · {formatCount(result.usage.outputTokens)} out
                </dd>
              </div>
              <div>
                <dt>Cost</dt>
                <dd>{formatCostMicros(result.costMicros)}</dd>
              </div>
              <div>
                <dt>Duration</dt>
                <dd>{formatDuration(result.durationMs)}</dd>
              </div>
            </dl>
            <p className="muted test-ran">
              {state.ran?.edits ? 'Ran your unsaved edits' : `Ran version ${result.prompt.version}`} against{' '}
              {state.ran?.company}
              {result.provider === 'offline'
                ? '. Offline analysis applies built-in rules to the company’s data: the templates are rendered and checked, but no model reads them.'
                : '.'}
            </p>
            <OutputView category={view.category} output={result.output} />
            <details className="disclosure">
              <summary>Output as JSON</summary>
              <pre className="prompt-pre">{JSON.stringify(result.output, null, 2)}</pre>
            </details>
            <details className="disclosure">
              <summary>Rendered instructions (system)</summary>
              <pre className="prompt-pre">{result.rendered.instructions}</pre>
            </details>
            <details className="disclosure">
              <summary>Rendered input (user)</summary>
              <pre className="prompt-pre">{result.rendered.input}</pre>
            </details>
          </div>
        )}
      </section>
    </div>
  );
}
