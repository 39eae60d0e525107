import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { promptsApi, type PromptCategoryView, type PromptView } from '../../../../functions/prompts/contract';
import type { CreatePromptInput } from '../../../../functions/prompts/schema';
import { ApiError, errorMessage } from '../api';
import { useDocumentTitle } from '../hooks';
import { contractKey, queryKeyOf, useApiMutation, useApiQuery } from '../query';
import { Button, ButtonLink, ConfirmDialog, EmptyState, ErrorState, PageHeading, useToast } from '../ui';
import { EffectivePrompt, PromptPageSkeleton } from './effective-prompt';
import { PromptWorkspace, type TestPanelProps } from './prompt-workspace';
import { isSaved, PROMPT_ROUTES, type PromptMode } from './routes';
import { PromptSourceBadge, promptSourceLabel } from './source';

/** The category with `prompt` as the workspace's override (tenant) or the system prompt, and in effect. */
const withOwn = (c: PromptCategoryView, mode: PromptMode, prompt: PromptView): PromptCategoryView =>
  mode === 'tenant' ? { ...c, override: prompt, active: prompt } : { ...c, system: prompt, active: prompt };

/**
 * One prompt category's page, for both SPAs. `mode: 'tenant'` edits the workspace's override
 * (`/v1/prompts`); `mode: 'system'` edits the platform's system prompt (`/v1/admin/prompts`).
 * Without one yet it shows the prompt in effect, read-only, with a button that creates it from that;
 * with one, "Reset to …" removes it (DELETE) so the system prompt or the built-in default applies again.
 */
export function PromptCategoryPage({
  category,
  mode,
  canEdit,
  listPath,
  listLabel,
  testPanel,
}: {
  category: string;
  mode: PromptMode;
  canEdit: boolean;
  listPath: string;
  listLabel: string;
  testPanel?: (props: TestPanelProps) => ReactNode;
}) {
  const client = useQueryClient();
  const toast = useToast();
  const routes = PROMPT_ROUTES[mode];
  const list = useApiQuery(routes.list, {});
  const view = list.data?.items.find((c) => c.category === category);
  const unknown = !!list.data && !view;
  useDocumentTitle(view?.label ?? (unknown ? 'Prompt not found' : 'Prompt'));
  const [justCreated, setJustCreated] = useState(false);
  const [resetOpen, setResetOpen] = useState(false);
  /** After a reset the reset button is gone: focus goes to "Customise…" / "Create…" instead, once it is there. */
  const [justReset, setJustReset] = useState(false);
  const [editorDirty, setEditorDirty] = useState(false);
  const createId = useId();

  useEffect(() => {
    const button = justReset && document.getElementById(createId);
    if (!button) return;
    setJustReset(false);
    button.focus();
  });

  const refresh = () => client.invalidateQueries({ queryKey: contractKey(promptsApi) });

  const create = useApiMutation(routes.create, (body: CreatePromptInput) => ({ body }), {
    onSuccess: (created) => {
      setJustCreated(true);
      // The editor opens on the new prompt at once; the rest of the prompts queries catch up.
      client.setQueryData(
        queryKeyOf(routes.list, {}),
        (page: typeof list.data) =>
          page && { ...page, items: page.items.map((c) => (c.category === category ? withOwn(c, mode, created) : c)) },
      );
      void refresh();
      toast(
        mode === 'tenant'
          ? 'Your workspace now has its own copy of this prompt (version 1)'
          : 'The system prompt was created (version 1)',
      );
    },
    onError: (error) => {
      if (!(error instanceof ApiError && error.status === 409)) return;
      void refresh();
      toast('Someone else created this prompt a moment ago; it is shown now', 'info');
    },
  });

  const remove = useApiMutation(routes.remove, (promptId: string) => ({ params: { promptId } }), {
    invalidates: [promptsApi],
  });

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
            <ErrorState
              title="This prompt could not be loaded"
              error={list.error}
              onRetry={() => void list.refetch()}
            />
          </div>
        ) : (
          <PromptPageSkeleton />
        )}
      </>
    );
  }

  const own = mode === 'tenant' ? view.override : view.system;

  const createFromActive = () => {
    const from = view.active;
    create.mutate({
      category: view.category,
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
  };
  const createError = create.error && !(create.error instanceof ApiError && create.error.status === 409);

  /** Removes the override / system prompt, then shows the category as the server now has it. */
  const reset = async () => {
    if (!isSaved(own) || remove.isPending) return;
    try {
      await remove.mutateAsync(own.promptId);
    } catch (error) {
      // Already removed (by someone else): the outcome asked for, so show the category as it is now.
      if (!(error instanceof ApiError && error.status === 404)) return;
      await refresh();
    }
    setResetOpen(false);
    remove.reset();
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
  const removeError =
    remove.error && !(remove.error instanceof ApiError && remove.error.status === 404)
      ? errorMessage(remove.error)
      : null;

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
            <Button variant="secondary" onClick={() => setResetOpen(true)}>
              {resetLabel}
            </Button>
          </div>
        )}
      </div>

      {isSaved(own) ? (
        <PromptWorkspace
          key={own.promptId}
          mode={mode}
          view={view}
          head={own}
          canEdit={canEdit}
          onDirtyChange={setEditorDirty}
          testPanel={testPanel}
          focusOnMount={justCreated}
        />
      ) : (
        <EffectivePrompt
          mode={mode}
          view={view}
          canEdit={canEdit}
          createId={createId}
          creating={create.isPending}
          createError={createError ? errorMessage(create.error) : null}
          onCreate={createFromActive}
        />
      )}

      <ConfirmDialog
        open={resetOpen}
        title={`${resetLabel}?`}
        confirmLabel="Reset"
        busy={remove.isPending}
        error={removeError}
        onConfirm={reset}
        onCancel={() => {
          setResetOpen(false);
          remove.reset();
        }}
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
