import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api';
import {
  byPrefix,
  mapApiErrors,
  requiredTextError,
  submitted,
  useFocusFirstError,
  withoutError,
  type FieldErrors,
} from '../forms';
import { cx, formatDateTime } from '../format';
import { useApi } from '../services';
import type { PromptCategoryView, PromptContent, PromptVariable, PromptView } from '../types';
import { Alert, Button, Tabs, TextAreaField, TextField, useToast } from '../ui';
import { MODEL_SUGGESTIONS } from './source';
import { unknownVariablesMessage, variablesIn } from './variables';
import { VersionHistory } from './version-history';

/** The two templates, edited alike: monospace, variable hints insert into whichever had focus last. */
const TEMPLATE_FIELDS = [
  {
    key: 'systemTemplate',
    label: 'System template',
    rows: 6,
    hint: 'Standing instructions: who the model is and how it should answer.',
  },
  {
    key: 'userTemplate',
    label: 'User template',
    rows: 14,
    hint: 'The request for one company; {{variables}} are filled in with its data.',
  },
] as const;

export const MAX_TEMPLATE = 20_000;
const MODEL_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._:-]{0,63}$/;

/** The editor's fields as typed (temperature stays text until it is checked). */
export interface PromptFields {
  name: string;
  model: string;
  temperature: string;
  systemTemplate: string;
  userTemplate: string;
}

type TemplateField = 'systemTemplate' | 'userTemplate';

export const fieldsOf = (p: PromptContent): PromptFields => ({
  name: p.name,
  model: p.model,
  temperature: String(p.temperature),
  systemTemplate: p.systemTemplate,
  userTemplate: p.userTemplate,
});

/** The content a save or a test run sends. */
export const contentOf = (f: PromptFields): PromptContent => ({
  name: f.name.trim(),
  model: f.model.trim(),
  temperature: Number(f.temperature),
  systemTemplate: f.systemTemplate,
  userTemplate: f.userTemplate,
});

const templateError = (value: string, declared: string[], empty: string): string | undefined =>
  !value.trim()
    ? empty
    : value.trim().length > MAX_TEMPLATE
      ? `Use at most ${MAX_TEMPLATE.toLocaleString()} characters`
      : unknownVariablesMessage(value, declared);

/** The client-side twin of the API's checks on a prompt (including the undeclared-variable 400). */
export function checkPromptFields(f: PromptFields, declared: string[]): FieldErrors {
  const errors: FieldErrors = {};
  const name = requiredTextError(f.name, 120, 'Give the prompt a name');
  if (name) errors.name = name;
  if (!f.model.trim()) errors.model = 'Enter a model name, such as gpt-4.1-mini';
  else if (!MODEL_PATTERN.test(f.model.trim()))
    errors.model = 'Use a model name like gpt-4.1-mini (letters, digits, dots, dashes; no spaces)';
  const t = f.temperature.trim() === '' ? Number.NaN : Number(f.temperature);
  if (!Number.isFinite(t) || t < 0 || t > 2) errors.temperature = 'Enter a number from 0 to 2';
  const system = templateError(f.systemTemplate, declared, 'Write the system template');
  if (system) errors.systemTemplate = system;
  const user = templateError(f.userTemplate, declared, 'Write the user template');
  if (user) errors.userTemplate = user;
  return errors;
}

const sameContent = (f: PromptFields, p: PromptContent) =>
  f.name.trim() === p.name &&
  f.model.trim() === p.model &&
  Number(f.temperature) === p.temperature &&
  f.temperature.trim() !== '' &&
  f.systemTemplate.trim() === p.systemTemplate.trim() &&
  f.userTemplate.trim() === p.userTemplate.trim();

/** What the test-run panel (tenant app) gets from the editor. */
export interface TestPanelProps {
  promptId: string;
  view: PromptCategoryView;
  /** The editor's content now, saved or not. */
  draft: PromptContent;
  /** Why the draft cannot be run as it is, if it cannot. */
  draftProblem: string | undefined;
  dirty: boolean;
  savedVersion: number;
  /** Switches to the editor tab. */
  showEditor: () => void;
}

/** The category's variables; in the editor each one inserts `{{name}}` at the cursor. */
export function VariablePanel({
  variables,
  used,
  target,
  onInsert,
}: {
  variables: PromptVariable[];
  used: Set<string>;
  /** Which template an insert goes into (the one last focused). */
  target?: string;
  onInsert?: (name: string) => void;
}) {
  const id = useId();
  return (
    <aside className="card var-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Variables
      </h2>
      <p className="var-panel-intro">
        {onInsert ? (
          <>
            Click one to insert it at the cursor in the <strong>{target}</strong>. Only these can be used.
          </>
        ) : (
          'The templates can use these, and only these.'
        )}
      </p>
      <ul className="var-list">
        {variables.map((v) => (
          <li key={v.name} className="var-item">
            {onInsert ? (
              <button
                type="button"
                className="var-insert"
                onClick={() => onInsert(v.name)}
                aria-describedby={`${id}-${v.name}`}
              >
                <span className="sr-only">Insert </span>
                {`{{${v.name}}}`}
              </button>
            ) : (
              <code className="var-name">{`{{${v.name}}}`}</code>
            )}
            {used.has(v.name) && (
              <span className="var-used">
                <span aria-hidden="true">✓</span> used
              </span>
            )}
            <span id={`${id}-${v.name}`} className="var-description">
              {v.description}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** A prompt's content, read-only. */
export function PromptReadOnly({ prompt }: { prompt: PromptContent }) {
  return (
    <div className="stack">
      <dl className="details prompt-facts">
        {(
          [
            ['Name', prompt.name],
            ['Model', <code key="m">{prompt.model}</code>],
            ['Temperature', String(prompt.temperature)],
          ] as const
        ).map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="field">
        <h3 className="prompt-pre-label">System template</h3>
        <pre className="prompt-pre" tabIndex={0} aria-label="System template">
          {prompt.systemTemplate}
        </pre>
      </div>
      <div className="field">
        <h3 className="prompt-pre-label">User template</h3>
        <pre className="prompt-pre" tabIndex={0} aria-label="User template">
          {prompt.userTemplate}
        </pre>
      </div>
    </div>
  );
}

type Tab = 'editor' | 'history' | 'test';

/**
 * An existing prompt: the editor (save = PUT with If-Match, a new version), its version history
 * with diffs and rollback, and (tenant app) the test-run panel, which runs the unsaved edits.
 */
export function PromptWorkspace({
  base,
  view,
  head,
  canEdit,
  onChanged,
  onDirtyChange,
  testPanel,
  focusOnMount,
}: {
  base: string;
  view: PromptCategoryView;
  head: PromptView & { promptId: string; version: number };
  canEdit: boolean;
  /** A new version was saved (or the latest loaded): the page updates what it shows. */
  onChanged: (prompt: PromptView) => void;
  /** The editor gained or lost unsaved edits (the page warns about them before a reset). */
  onDirtyChange?: (dirty: boolean) => void;
  testPanel?: (props: TestPanelProps) => ReactNode;
  /** Moves focus to the first field when it first renders (after "Customise"). */
  focusOnMount?: boolean;
}) {
  const api = useApi();
  const toast = useToast();
  const idBase = useId();
  const [saved, setSaved] = useState<PromptView & { promptId: string; version: number }>(head);
  const [fields, setFields] = useState<PromptFields>(() => fieldsOf(head));
  const [note, setNote] = useState('');
  const [tab, setTab] = useState<Tab>('editor');
  const [target, setTarget] = useState<TemplateField>('userTemplate');
  const [reloading, setReloading] = useState(false);
  const caret = useRef<number | null>(null);
  /** Templates the user has put the cursor in; an insert into an untouched one goes at its end. */
  const touched = useRef(new Set<TemplateField>());
  const declared = view.variables.map((v) => v.name);
  const dirty = !sameContent(fields, saved);
  const fieldId = (f: keyof PromptFields | 'note') => `${idBase}-${f}`;

  // The save cycle of useSaveForm (validate, field errors next to the fields with focus on the
  // first, the rest above), for a form that stays on screen after saving.
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  /** The version a save was based on when it hit a 409; the warning shows until a newer one is loaded. */
  const [conflict, setConflict] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  useFocusFirstError(form, errors);
  const clearError = (key: string) => setErrors((e) => withoutError(e, key));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = checkPromptFields(fields, declared);
    setErrors(submitted(found));
    setGeneral(null);
    setConflict(null);
    if (Object.keys(found).length > 0) return;
    if (!dirty) {
      toast('No changes to save', 'info');
      return;
    }
    setSaving(true);
    try {
      const trimmedNote = note.trim();
      const updated = await api.put<PromptView & { promptId: string; version: number }>(
        `${base}/${encodeURIComponent(saved.promptId)}`,
        { ...contentOf(fields), ...(trimmedNote ? { note: trimmedNote } : {}) },
        { version: saved.version },
      );
      setSaved(updated);
      setFields(fieldsOf(updated));
      setNote('');
      onChanged(updated);
      toast(`Saved as version ${updated.version}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setConflict(saved.version);
      } else {
        const mapped = mapApiErrors(
          error,
          byPrefix(['name', 'model', 'temperature', 'systemTemplate', 'userTemplate', 'note']),
        );
        setErrors(submitted(mapped.fields));
        setGeneral(mapped.general);
      }
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => {
    if (focusOnMount) document.getElementById(fieldId('name'))?.focus();
    // Only when it first renders.
  }, []);

  // Keeps the caret after an inserted variable once the textarea has the new text.
  useEffect(() => {
    if (caret.current === null) return;
    const el = document.getElementById(fieldId(target)) as HTMLTextAreaElement | null;
    const at = caret.current;
    caret.current = null;
    if (!el) return;
    el.focus();
    el.setSelectionRange(at, at);
  });

  const onDirtyChangeRef = useRef(onDirtyChange);
  onDirtyChangeRef.current = onDirtyChange;
  useEffect(() => {
    onDirtyChangeRef.current?.(dirty);
  }, [dirty]);
  useEffect(() => () => onDirtyChangeRef.current?.(false), []);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = (key: keyof PromptFields, value: string) => {
    setFields((f) => ({ ...f, [key]: value }));
    clearError(key);
  };

  const insert = (name: string) => {
    const el = document.getElementById(fieldId(target)) as HTMLTextAreaElement | null;
    const value = fields[target];
    const known = el && touched.current.has(target);
    const start = known ? el.selectionStart : value.length;
    const end = known ? el.selectionEnd : value.length;
    const token = `{{${name}}}`;
    caret.current = start + token.length;
    set(target, value.slice(0, start) + token + value.slice(end));
  };

  const reloadLatest = async () => {
    setReloading(true);
    try {
      const latest = await api.get<PromptView & { promptId: string; version: number }>(
        `${base}/${encodeURIComponent(saved.promptId)}`,
      );
      setSaved(latest);
      setFields(fieldsOf(latest));
      setNote('');
      onChanged(latest);
      toast(`Loaded version ${latest.version}, the latest`, 'info');
      document.getElementById(fieldId('name'))?.focus();
    } catch (error) {
      toast(`The latest version could not be loaded: ${error instanceof Error ? error.message : 'try again'}`, 'error');
    } finally {
      setReloading(false);
    }
  };

  const live = checkPromptFields(fields, declared);
  // Unknown variables are flagged as they are typed; other problems only once Save is pressed.
  const errorFor = (key: TemplateField) =>
    errors[key] ?? (live[key]?.startsWith('Unknown variable') ? live[key] : undefined);
  const used = new Set([...variablesIn(fields.systemTemplate), ...variablesIn(fields.userTemplate)]);
  const draftProblem = (['systemTemplate', 'userTemplate', 'model', 'temperature'] as const)
    .map((k) => live[k] && `${LABELS[k]}: ${live[k]}`)
    .find(Boolean);
  const stale = conflict !== null && conflict === saved.version;

  // A 409 or a problem not tied to a field is shown at the top of the form: bring it into view,
  // and after a 409 put focus on "Reload latest version".
  useEffect(() => {
    if (!stale && !general) return;
    const top = form.current?.querySelector<HTMLElement>('.alert');
    top?.scrollIntoView({ block: 'nearest' });
    if (stale) document.getElementById(`${idBase}-reload`)?.focus();
  }, [stale, general, idBase]);

  const tabs = [
    {
      id: 'editor' as const,
      label: canEdit ? <>Editor{dirty && <span className="tab-count">unsaved</span>}</> : 'Prompt',
    },
    { id: 'history' as const, label: 'History' },
    ...(testPanel && canEdit ? [{ id: 'test' as const, label: 'Test run' }] : []),
  ];

  return (
    <Tabs
      label="Prompt"
      idBase={`${idBase}-tabs`}
      tabs={tabs}
      selected={tab}
      onSelect={(next) => {
        // The editor's textareas are rendered afresh, without the old cursor positions.
        touched.current.clear();
        setTab(next);
      }}
    >
      {tab === 'editor' &&
        (canEdit ? (
          <div className="prompt-layout">
            <form
              ref={form}
              onSubmit={submit}
              noValidate
              className="card card-pad stack prompt-form"
              aria-label="Edit prompt"
            >
              {stale && (
                <Alert
                  tone="warning"
                  title="Someone else saved this prompt"
                  actions={
                    <Button id={`${idBase}-reload`} onClick={reloadLatest} busy={reloading}>
                      Reload latest version
                    </Button>
                  }
                >
                  Your changes were not saved: a newer version was saved while you were editing. Reload to see it;
                  reloading replaces your edits, so copy anything you want to keep first.
                </Alert>
              )}
              {general && (
                <Alert tone="error" title="The prompt could not be saved">
                  {general}
                </Alert>
              )}
              <div className="prompt-meta-grid">
                <TextField
                  id={fieldId('name')}
                  label="Name"
                  value={fields.name}
                  onChange={(e) => set('name', e.target.value)}
                  error={errors.name}
                  maxLength={120}
                  autoComplete="off"
                  aria-required="true"
                />
                <TextField
                  id={fieldId('model')}
                  label="Model"
                  value={fields.model}
                  onChange={(e) => set('model', e.target.value)}
                  error={errors.model}
                  list={`${idBase}-models`}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  aria-required="true"
                />
                <TextField
                  id={fieldId('temperature')}
                  label="Temperature"
                  type="number"
                  min={0}
                  max={2}
                  step={0.1}
                  inputMode="decimal"
                  value={fields.temperature}
                  onChange={(e) => set('temperature', e.target.value)}
                  error={errors.temperature}
                  hint="0 (steady) to 2 (varied)"
                  aria-required="true"
                />
                <datalist id={`${idBase}-models`}>
                  {MODEL_SUGGESTIONS.map((m) => (
                    <option key={m} value={m} />
                  ))}
                </datalist>
              </div>
              {TEMPLATE_FIELDS.map(({ key, label, rows, hint }) => (
                <TextAreaField
                  key={key}
                  id={fieldId(key)}
                  className="field-mono"
                  label={label}
                  rows={rows}
                  value={fields[key]}
                  onChange={(e) => set(key, e.target.value)}
                  onFocus={() => {
                    touched.current.add(key);
                    setTarget(key);
                  }}
                  error={errorFor(key)}
                  hint={hint}
                  spellCheck={false}
                  aria-required="true"
                />
              ))}
              <TextField
                id={fieldId('note')}
                label="Note for this version"
                optional
                value={note}
                onChange={(e) => {
                  setNote(e.target.value);
                  clearError('note');
                }}
                error={errors.note}
                maxLength={500}
                hint="What you changed and why; it is shown in the history."
                autoComplete="off"
              />
              <div className="form-actions prompt-actions">
                <span className={cx('save-state', dirty && 'save-state-dirty')} role="status">
                  {dirty
                    ? 'Unsaved changes'
                    : `Saved as version ${saved.version}${saved.updatedAt ? ` · ${formatDateTime(saved.updatedAt)}` : ''}`}
                </span>
                {dirty && (
                  <Button
                    onClick={() => {
                      setFields(fieldsOf(saved));
                      setNote('');
                    }}
                    disabled={saving}
                  >
                    Discard changes
                  </Button>
                )}
                <Button type="submit" variant="primary" busy={saving}>
                  Save changes
                </Button>
              </div>
            </form>
            <VariablePanel
              variables={view.variables}
              used={used}
              target={target === 'systemTemplate' ? 'system template' : 'user template'}
              onInsert={insert}
            />
          </div>
        ) : (
          <div className="prompt-layout">
            <section className="card card-pad" aria-label="Prompt content">
              <PromptReadOnly prompt={saved} />
            </section>
            <VariablePanel variables={view.variables} used={used} />
          </div>
        ))}
      {tab === 'history' && (
        <VersionHistory
          base={base}
          current={saved}
          canEdit={canEdit}
          dirty={dirty}
          onRolledBack={(updated) => {
            const next = updated as PromptView & { promptId: string; version: number };
            setSaved(next);
            setFields(fieldsOf(next));
            setNote('');
            onChanged(next);
          }}
        />
      )}
      {tab === 'test' &&
        testPanel?.({
          promptId: saved.promptId,
          view,
          draft: contentOf(fields),
          draftProblem,
          dirty,
          savedVersion: saved.version,
          showEditor: () => {
            touched.current.clear();
            setTab('editor');
          },
        })}
    </Tabs>
  );
}

const LABELS: Record<TemplateField | 'model' | 'temperature', string> = {
  systemTemplate: 'System template',
  userTemplate: 'User template',
  model: 'Model',
  temperature: 'Temperature',
};
