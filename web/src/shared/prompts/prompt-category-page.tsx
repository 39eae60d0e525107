import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../api';
import { useDocumentTitle, useResource } from '../hooks';
import { useApi } from '../services';
import type { Page, PromptCategoryView, PromptView } from '../types';
import {
  Alert,
  Button,
  ButtonLink,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  PageHeading,
  Skeleton,
  useToast,
} from '../ui';
import { PromptReadOnly, PromptWorkspace, VariablePanel, type TestPanelProps } from './prompt-editor';
import { PromptSourceBadge, promptSourceLabel } from './source';
import { variablesIn } from './variables';

type SavedPrompt = PromptView & { promptId: string; version: number };
const isSaved = (p: PromptView | null): p is SavedPrompt => !!p && p.promptId !== null && p.version !== null;

/**
 * One prompt category's page, for both SPAs. `mode: 'tenant'` edits the workspace's override
 * (`/v1/prompts`); `mode: 'system'` edits the platform's system prompt (`/v1/admin/prompts`).
 * Without one yet it shows the prompt in effect, read-only, with a button that creates it from that;
 * with one, "Reset to …" removes it (DELETE) so the system prompt or the built-in default applies again.
 */
export function PromptCategoryPage({
  base,
  category,
  mode,
  canEdit,
  listPath,
  listLabel,
  testPanel,
}: {
  base: '/v1/prompts' | '/v1/admin/prompts';
  category: string;
  mode: 'tenant' | 'system';
  canEdit: boolean;
  listPath: string;
  listLabel: string;
  testPanel?: (props: TestPanelProps) => ReactNode;
}) {
  const api = useApi();
  const toast = useToast();
  const list = useResource((signal) => api.get<Page<PromptCategoryView>>(base, { signal }), [api, base]);
  const view = list.data?.items.find((c) => c.category === category);
  const unknown = !!list.data && !view;
  useDocumentTitle(view?.label ?? (unknown ? 'Prompt not found' : 'Prompt'));
  const [creating, setCreating] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [justCreated, setJustCreated] = useState(false);
  const [resetting, setResetting] = useState<{ open: boolean; busy: boolean; error: string | null }>({
    open: false,
    busy: false,
    error: null,
  });
  /** After a reset the reset button is gone: focus goes to "Customise…" / "Create…" instead. */
  const [justReset, setJustReset] = useState(false);
  const [editorDirty, setEditorDirty] = useState(false);
  const createId = useId();

  useEffect(() => {
    if (!justReset) return;
    setJustReset(false);
    document.getElementById(createId)?.focus();
  }, [justReset, createId]);

  const back = (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to={listPath}>← {listLabel}</Link>
    </nav>
  );

  if (!view) {
    return (
      <>
        {back}
        {unknown ? (
          <>
            <PageHeading>Prompt not found</PageHeading>
            <EmptyState
              title="There is no prompt category with this name"
              action={
                <ButtonLink to={listPath} variant="primary">
                  {listLabel}
                </ButtonLink>
              }
            />
          </>
        ) : list.error ? (
          <div className="card">
            <ErrorState title="This prompt could not be loaded" error={list.error} onRetry={list.reload} />
          </div>
        ) : (
          <div aria-busy="true">
            <Skeleton width="260px" height="30px" />
            <div style={{ marginTop: 10 }}>
              <Skeleton width="420px" />
            </div>
            <div className="card card-pad" style={{ marginTop: 24, display: 'grid', gap: 12 }}>
              <Skeleton width="40%" />
              <Skeleton height="120px" />
              <Skeleton height="200px" />
            </div>
            <span className="sr-only" role="status">
              Loading prompt…
            </span>
          </div>
        )}
      </>
    );
  }

  const own = mode === 'tenant' ? view.override : view.system;

  /** Puts a saved prompt into the page's copy of the list (it is now the one in effect). */
  const changed = (prompt: PromptView) =>
    list.setData((page) => ({
      items: (page?.items ?? []).map((c) =>
        c.category !== category
          ? c
          : mode === 'tenant'
            ? { ...c, override: prompt, active: prompt }
            : { ...c, system: prompt, active: prompt },
      ),
      cursor: null,
    }));

  const create = async () => {
    const from = view.active;
    setCreating({ busy: true, error: null });
    try {
      const created = await api.post<PromptView>(base, {
        category,
        name: from.name.replace(/\s*\(built-in\)$/, ''),
        systemTemplate: from.systemTemplate,
        userTemplate: from.userTemplate,
        model: from.model,
        temperature: from.temperature,
        note:
          from.scope === 'default'
            ? 'Created from the built-in default'
            : `Created from ${promptSourceLabel(from).toLowerCase()}`,
      });
      setCreating({ busy: false, error: null });
      setJustCreated(true);
      changed(created);
      toast(
        mode === 'tenant'
          ? 'Your workspace now has its own copy of this prompt (version 1)'
          : 'The system prompt was created (version 1)',
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setCreating({ busy: false, error: null });
        list.reload();
        toast('Someone else created this prompt a moment ago; it is shown now', 'info');
        return;
      }
      setCreating({ busy: false, error: errorMessage(error) });
    }
  };

  /** Removes the override / system prompt, then shows the category as the server now has it. */
  const reset = async () => {
    if (!isSaved(own) || resetting.busy) return;
    setResetting({ open: true, busy: true, error: null });
    let gone = false;
    try {
      await api.delete(`${base}/${encodeURIComponent(own.promptId)}`);
      gone = true;
    } catch (error) {
      // Already removed (by someone else): the outcome asked for, so show the category as it is now.
      if (error instanceof ApiError && error.status === 404) gone = true;
      else setResetting({ open: true, busy: false, error: errorMessage(error) });
    }
    if (!gone) return;
    try {
      list.setData(await api.get<Page<PromptCategoryView>>(base));
    } catch {
      list.reload();
    }
    setResetting({ open: false, busy: false, error: null });
    setEditorDirty(false);
    setJustCreated(false);
    setJustReset(true);
    toast(
      mode === 'system'
        ? 'The system prompt was removed; tenants without their own prompt use the built-in default again'
        : view.system
          ? 'Your workspace uses the system prompt again'
          : 'Your workspace uses the built-in default again',
    );
  };

  const resetLabel = mode === 'tenant' && view.system ? 'Reset to system prompt' : 'Reset to built-in default';
  const resetTarget =
    mode === 'tenant' && view.system
      ? `the system prompt (version ${view.system.version})`
      : 'Quoteflow’s built-in default';
  const versionCount = isSaved(own) ? own.version : 0;
  const versionsText = versionCount === 1 ? 'version 1' : `${versionCount} versions`;

  const replaces =
    mode === 'tenant' && own
      ? view.system
        ? `It replaces the system prompt (v${view.system.version}).`
        : 'It replaces the built-in default.'
      : null;

  return (
    <>
      {back}
      <div className="page-head">
        <div>
          <PageHeading>{view.label}</PageHeading>
          <p className="page-sub">{view.description}</p>
          <p className="page-sub prompt-in-effect">
            <span>In effect:</span> <PromptSourceBadge prompt={view.active} />
            {replaces && <span>{replaces}</span>}
          </p>
        </div>
        {canEdit && isSaved(own) && (
          <div className="row">
            <Button variant="secondary" onClick={() => setResetting({ open: true, busy: false, error: null })}>
              {resetLabel}
            </Button>
          </div>
        )}
      </div>

      {isSaved(own) ? (
        <PromptWorkspace
          key={own.promptId}
          base={base}
          view={view}
          head={own}
          canEdit={canEdit}
          onChanged={changed}
          onDirtyChange={setEditorDirty}
          testPanel={testPanel}
          focusOnMount={justCreated}
        />
      ) : (
        <div className="prompt-layout">
          <section className="card card-pad stack" aria-labelledby="effective-title">
            <div className="section-head" style={{ marginBottom: 0 }}>
              <div>
                <h2 id="effective-title" className="section-title">
                  {mode === 'tenant' ? 'The prompt your workspace uses' : 'No system prompt yet'}
                </h2>
                <p className="muted">
                  {mode === 'system'
                    ? 'Every tenant without an override of its own uses the built-in default shown here. A system prompt replaces it for all of them.'
                    : view.active.scope === 'system'
                      ? `Your workspace uses the platform’s system prompt (version ${view.active.version}).`
                      : 'Your workspace uses Quoteflow’s built-in default.'}
                  {mode === 'tenant' &&
                    (canEdit
                      ? ' Customise it to make your own copy; your workspace’s runs use that copy from then on.'
                      : ' Only owners and admins can customise prompts.')}
                </p>
              </div>
              {canEdit && (
                <Button id={createId} variant="primary" busy={creating.busy} onClick={create}>
                  {mode === 'tenant' ? 'Customise for your workspace' : 'Create the system prompt'}
                </Button>
              )}
            </div>
            {creating.error && (
              <Alert
                tone="error"
                title={
                  mode === 'tenant' ? 'The prompt could not be customised' : 'The system prompt could not be created'
                }
              >
                {creating.error}
              </Alert>
            )}
            <PromptReadOnly prompt={view.active} />
          </section>
          <VariablePanel
            variables={view.variables}
            used={new Set([...variablesIn(view.active.systemTemplate), ...variablesIn(view.active.userTemplate)])}
          />
        </div>
      )}

      <ConfirmDialog
        open={resetting.open}
        title={`${resetLabel}?`}
        confirmLabel="Reset"
        busy={resetting.busy}
        error={resetting.error}
        onConfirm={reset}
        onCancel={() => setResetting({ open: false, busy: false, error: null })}
      >
        <p>
          {mode === 'tenant'
            ? `Your workspace’s runs will use ${resetTarget} again.`
            : 'Runs of every tenant without its own prompt will use Quoteflow’s built-in default again.'}{' '}
          {mode === 'tenant' ? 'Your' : 'The system prompt’s'} {versionsText} {versionCount === 1 ? 'stays' : 'stay'} in
          the history of past runs but can’t be restored from here.
        </p>
        {editorDirty && (
          <p>
            <strong>Your unsaved edits in the editor will be discarded.</strong>
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
