import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../shared/api';
import { ApiKeyField, useApiKeyForm } from '../shared/api-key-form';
import { useSaveForm, type FieldErrors } from '../shared/forms';
import { cx, formatDate, formatDateTime } from '../shared/format';
import { useDocumentTitle, useResource } from '../shared/hooks';
import { formatCents, formatCostMicros, formatCount, formatMonth } from '../shared/prompts';
import { useApi } from '../shared/services';
import type { AiSettings, AiUsageMonth, AiUsageSnapshot, Page } from '../shared/types';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  ErrorState,
  PageHeading,
  Skeleton,
  TextField,
  useToast,
} from '../shared/ui';
import { useWorkspace } from './workspace';

const MASK = '••••';

/** After `pending` is set, focuses the element with `id` once it is on screen (a form closed). */
function useFocusWhenShown(id: string) {
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const el = document.getElementById(id);
    if (el) {
      el.focus();
      setPending(false);
    }
  });
  return () => setPending(true);
}

/** Which provider runs the workspace's analyses now, and with whose key. */
function ProviderSummary({ settings }: { settings: AiSettings }) {
  const { provider, activeKey } = settings;
  let title: string;
  let detail: string;
  if (provider === 'offline' || !activeKey) {
    title = 'Offline analysis';
    detail =
      'No OpenAI key is set for your workspace or the platform, so analyses use Quoteflow’s built-in rules: no AI model, and no cost. Add your own OpenAI key to use OpenAI.';
  } else if (activeKey.source === 'tenant') {
    title = 'OpenAI, with your key';
    detail = `Analyses go to OpenAI with your workspace’s key (ending ${activeKey.last4}). OpenAI bills you for them; the estimated cost also counts towards your monthly budget here.`;
  } else {
    title = 'OpenAI, with the Quoteflow platform key';
    detail =
      'Analyses go to OpenAI with the key Quoteflow provides. Their estimated cost counts towards your monthly budget. You can use your own key instead.';
  }
  return (
    <section
      className={cx('card card-pad provider-card', provider === 'offline' ? 'provider-offline' : 'provider-openai')}
      aria-labelledby="provider-title"
    >
      <p className="provider-eyebrow" id="provider-title">
        Analyses run on
      </p>
      <p className="provider-name" data-testid="ai-provider">
        {title}
      </p>
      <p className="muted">{detail}</p>
    </section>
  );
}

/** Sets or replaces the workspace's OpenAI key; the field is a password field and is emptied once saved. */
function KeyForm({
  replacing,
  onSaved,
  onCancel,
}: {
  replacing: boolean;
  onSaved: (s: AiSettings) => void;
  onCancel?: () => void;
}) {
  const api = useApi();
  const { form, general, saving, submit, field } = useApiKeyForm(
    async (apiKey) => onSaved(await api.put<AiSettings>('/v1/settings/ai/key', { apiKey })),
    'Paste your OpenAI API key',
  );
  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      className="stack key-form"
      aria-label={replacing ? 'Replace your OpenAI key' : 'Set your OpenAI key'}
    >
      {general && (
        <Alert tone="error" title="The key could not be saved">
          {general}
        </Alert>
      )}
      <ApiKeyField label={replacing ? 'New OpenAI API key' : 'OpenAI API key'} field={field} placeholder="sk-…" />
      <div className="row">
        <Button type="submit" variant="primary" busy={saving}>
          {replacing ? 'Replace key' : 'Save key'}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/** The workspace's own OpenAI key: last four characters only, replace and remove. */
function KeyCard({
  settings,
  canEdit,
  onChanged,
}: {
  settings: AiSettings;
  canEdit: boolean;
  onChanged: (s: AiSettings) => void;
}) {
  const api = useApi();
  const toast = useToast();
  const { userName } = useWorkspace();
  const key = settings.tenantKey;
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeState, setRemoveState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const showForm = canEdit && (editing || !key);
  const replaceId = useId();
  const focusReplace = useFocusWhenShown(replaceId);

  const remove = async () => {
    setRemoveState({ busy: true, error: null });
    try {
      await api.delete('/v1/settings/ai/key');
      const updated = await api.get<AiSettings>('/v1/settings/ai');
      onChanged(updated);
      setRemoving(false);
      setRemoveState({ busy: false, error: null });
      toast('Your OpenAI key was removed');
    } catch (error) {
      setRemoveState({ busy: false, error: errorMessage(error) });
    }
  };

  const fallback = settings.platformKeySet
    ? 'Without one, analyses use the Quoteflow platform key.'
    : 'Without one, analyses use offline analysis (built-in rules).';

  return (
    <section className="card card-pad stack key-card-tenant" aria-labelledby="key-title">
      <div>
        <h2 id="key-title" className="section-title">
          Your OpenAI key
        </h2>
        <p className="muted">Use your own OpenAI account for your workspace’s analyses. {fallback}</p>
      </div>
      {key ? (
        <div className="key-line">
          <span className="key-mask" data-testid="tenant-key">
            <span aria-hidden="true">{MASK}</span>
            <span className="sr-only">Key ending </span> {key.last4}
          </span>
          <span className="muted">
            set{' '}
            <time dateTime={key.setAt} title={formatDateTime(key.setAt)}>
              {formatDate(key.setAt)}
            </time>{' '}
            by {userName(key.setBy) ?? 'a teammate'}
          </span>
          {canEdit && !editing && (
            <span className="row key-actions">
              <Button size="sm" id={replaceId} onClick={() => setEditing(true)}>
                Replace
              </Button>
              <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => setRemoving(true)}>
                Remove
              </Button>
            </span>
          )}
        </div>
      ) : (
        <p>
          <Badge tone="neutral">No key set</Badge>
        </p>
      )}
      {showForm && (
        <KeyForm
          replacing={!!key}
          onCancel={
            editing
              ? () => {
                  setEditing(false);
                  focusReplace();
                }
              : undefined
          }
          onSaved={(updated) => {
            setEditing(false);
            focusReplace();
            onChanged(updated);
            toast(`Your OpenAI key ending ${updated.tenantKey?.last4 ?? ''} was saved`);
          }}
        />
      )}
      <ConfirmDialog
        open={removing}
        title="Remove your OpenAI key?"
        confirmLabel="Remove key"
        busy={removeState.busy}
        error={removeState.error}
        onConfirm={remove}
        onCancel={() => {
          setRemoving(false);
          setRemoveState({ busy: false, error: null });
        }}
      >
        <p>
          The key ending {key?.last4} is deleted from Quoteflow. {fallback}
        </p>
      </ConfirmDialog>
    </section>
  );
}

const dollarsText = (text: string) => text.trim().replace(/^\$/, '').replace(/,/g, '');

/** Changes the monthly budget: dollars in the field, cents to the API. */
function BudgetForm({
  budgetCents,
  onSaved,
  onCancel,
}: {
  budgetCents: number;
  onSaved: (s: AiSettings) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [amount, setAmount] = useState((budgetCents / 100).toFixed(2));
  const { form, errors, clearError, general, saving, submit } = useSaveForm({
    validate: (): FieldErrors => {
      const text = dollarsText(amount);
      if (!text) return { amount: 'Enter the budget in US dollars, such as 50' };
      if (!/^\d+(\.\d{1,2})?$/.test(text)) return { amount: 'Enter an amount in dollars and cents, such as 49.50' };
      if (Number(text) > 1_000_000) return { amount: 'At most $1,000,000' };
      return {};
    },
    send: async () => {
      const cents = Math.round(Number(dollarsText(amount)) * 100);
      onSaved(await api.patch<AiSettings>('/v1/settings/ai', { monthlyBudget: { amount: cents, currency: 'USD' } }));
    },
    fieldFor: (path) => (path.startsWith('monthlyBudget') ? 'amount' : undefined),
  });
  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-label="Change the monthly budget">
      {general && (
        <Alert tone="error" title="The budget could not be saved">
          {general}
        </Alert>
      )}
      <TextField
        label="Monthly budget (US dollars)"
        className="field-money"
        inputMode="decimal"
        value={amount}
        onChange={(e) => {
          setAmount(e.target.value);
          clearError('amount');
        }}
        error={errors.amount}
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
function BudgetCard({
  settings,
  canEdit,
  onChanged,
}: {
  settings: AiSettings;
  canEdit: boolean;
  onChanged: (s: AiSettings) => void;
}) {
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
          onCancel={() => {
            setEditing(false);
            focusChange();
          }}
          onSaved={(updated) => {
            setEditing(false);
            focusChange();
            onChanged(updated);
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

/** This month's runs, cache hits, tokens and estimated cost, with a bar of cost against the budget. */
function ThisMonth({ usage }: { usage: AiUsageSnapshot }) {
  const budgetMicros = usage.budgetCents * 10_000;
  const ratio = budgetMicros > 0 ? usage.costMicros / budgetMicros : usage.costMicros > 0 ? 1 : 0;
  const percent = Math.min(100, Math.round(ratio * 100));
  const tone = ratio >= 1 ? 'danger' : ratio >= 0.8 ? 'warning' : 'ok';
  const valueText = `${formatCostMicros(usage.costMicros)} of ${formatCents(usage.budgetCents)} (${percent}%)`;
  return (
    <section className="card card-pad stack" aria-labelledby="month-title">
      <h2 id="month-title" className="section-title">
        This month <span className="muted">({formatMonth(usage.month)})</span>
      </h2>
      <div>
        <div className="usage-bar-label">
          <span>Estimated cost</span>
          <span>
            <strong>{formatCostMicros(usage.costMicros)}</strong> of {formatCents(usage.budgetCents)}
          </span>
        </div>
        <div
          className={cx('usage-bar', `usage-bar-${tone}`)}
          role="progressbar"
          aria-label="Estimated cost against the monthly budget"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={valueText}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
        {tone === 'danger' && (
          <p className="field-error usage-bar-note">
            <span aria-hidden="true">⚠ </span>The budget is used up: new AI runs are paused until next month, or until
            the budget is raised.
          </p>
        )}
        {tone === 'warning' && <p className="usage-bar-note warning-text">Over 80% of the budget is used.</p>}
      </div>
      <dl className="usage-stats">
        {(
          [
            ['Runs', formatCount(usage.runs)],
            ['Cache hits', formatCount(usage.cacheHits)],
            ['Tokens in', formatCount(usage.inputTokens)],
            ['Tokens out', formatCount(usage.outputTokens)],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The `count` months up to `month` (YYYY-MM), newest first. */
function lastMonths(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y!, m! - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

function UsageHistory() {
  const api = useApi();
  const history = useResource(
    (signal) =>
      api.get<Page<AiUsageMonth> & { current: AiUsageSnapshot }>('/v1/usage', { query: { months: 6 }, signal }),
    [api],
  );
  const rows = history.data
    ? lastMonths(history.data.current.month, 6).map(
        (month) =>
          history.data!.items.find((i) => i.month === month) ??
          (month === history.data!.current.month
            ? history.data!.current
            : { month, runs: 0, cacheHits: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 }),
      )
    : undefined;

  return (
    <section aria-labelledby="history-title" className="usage-history">
      <div className="section-head">
        <h2 id="history-title" className="section-title">
          The last 6 months
        </h2>
      </div>
      {history.error && !history.data ? (
        <div className="card">
          <ErrorState title="The usage history could not be loaded" error={history.error} onRetry={history.reload} />
        </div>
      ) : (
        <div className="table-wrap" aria-busy={!rows}>
          <table className="data-table responsive" role="table">
            <caption className="sr-only">AI usage by month, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  Runs
                </th>
                <th scope="col" className="num">
                  Cache hits
                </th>
                <th scope="col" className="num">
                  Tokens in
                </th>
                <th scope="col" className="num">
                  Tokens out
                </th>
                <th scope="col" className="num">
                  Estimated cost
                </th>
              </tr>
            </thead>
            <tbody>
              {!rows
                ? Array.from({ length: 6 }, (_, i) => (
                    <tr key={i} className="skeleton-row" role="row">
                      {Array.from({ length: 6 }, (_, j) => (
                        <td key={j} role="cell">
                          <Skeleton width={j === 0 ? '120px' : '60px'} />
                        </td>
                      ))}
                    </tr>
                  ))
                : rows.map((r) => (
                    <tr key={r.month} role="row" className={cx(r.runs === 0 && r.cacheHits === 0 && 'row-quiet')}>
                      <td className="cell-primary" role="cell">
                        {formatMonth(r.month)}
                      </td>
                      {(
                        [
                          ['Runs', formatCount(r.runs)],
                          ['Cache hits', formatCount(r.cacheHits)],
                          ['Tokens in', formatCount(r.inputTokens)],
                          ['Tokens out', formatCount(r.outputTokens)],
                          ['Estimated cost', formatCostMicros(r.costMicros)],
                        ] as const
                      ).map(([label, value]) => (
                        <td key={label} role="cell" className="num">
                          <span className="cell-label" aria-hidden="true">
                            {label}
                          </span>
                          {value}
                        </td>
                      ))}
                    </tr>
                  ))}
            </tbody>
          </table>
          {!rows && (
            <span className="sr-only" role="status">
              Loading usage…
            </span>
          )}
        </div>
      )}
    </section>
  );
}

/** `/settings/ai`: the AI provider in use, the workspace's OpenAI key, the monthly budget and usage. */
export function SettingsAiPage() {
  useDocumentTitle('AI settings');
  const api = useApi();
  const { canManageUsers } = useWorkspace();
  const settings = useResource((signal) => api.get<AiSettings>('/v1/settings/ai', { signal }), [api]);

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>AI settings</PageHeading>
          <p className="page-sub">
            <span>
              What runs your workspace’s analyses, the key it uses, and what it costs. The instructions the AI gets are
              on the <Link to="/prompts">Prompts</Link> page.
            </span>
          </p>
        </div>
      </div>
      {!canManageUsers && (
        <div className="page-note">
          <Alert tone="info">Only owners and admins can change these settings.</Alert>
        </div>
      )}
      {settings.error && !settings.data ? (
        <div className="card">
          <ErrorState title="The AI settings could not be loaded" error={settings.error} onRetry={settings.reload} />
        </div>
      ) : !settings.data ? (
        <div className="settings-grid" aria-busy="true">
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="card card-pad stack">
              <Skeleton width="40%" height="1.2em" />
              <Skeleton width="90%" />
              <Skeleton width="60%" />
            </div>
          ))}
          <span className="sr-only" role="status">
            Loading AI settings…
          </span>
        </div>
      ) : (
        <div className="settings-grid">
          <ProviderSummary settings={settings.data} />
          <KeyCard settings={settings.data} canEdit={canManageUsers} onChanged={settings.setData} />
          <BudgetCard settings={settings.data} canEdit={canManageUsers} onChanged={settings.setData} />
          <ThisMonth usage={settings.data.usage} />
        </div>
      )}
      <UsageHistory />
    </>
  );
}
