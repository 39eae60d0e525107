import { useState } from 'react';
import { promptsApi } from '../../../../functions/prompts/contract';
import { errorMessage } from '../api';
import { formatDateTime, formatRelative } from '../format';
import { itemsOf, useApiList, useApiMutation } from '../query';
import { Alert, Badge, Button, ConfirmDialog, EmptyState, ErrorState, Skeleton, useToast } from '../ui';
import { TextDiff, ValueDiff } from './diff-view';
import { PROMPT_ROUTES, type PromptMode, type SavedPrompt } from './routes';

const PAGE = 20;

/**
 * A prompt's saved versions, newest first. Selecting one shows how it differs from the current
 * version, and (for editors) offers to roll back to it: that saves its content as a new version.
 */
export function VersionHistory({
  mode,
  current,
  canEdit,
  dirty,
  onRolledBack,
}: {
  mode: PromptMode;
  /** The prompt as saved now. */
  current: SavedPrompt;
  canEdit: boolean;
  /** The editor has unsaved edits (a rollback replaces them). */
  dirty: boolean;
  onRolledBack: (updated: SavedPrompt) => void;
}) {
  const routes = PROMPT_ROUTES[mode];
  const toast = useToast();
  // Saves and rollbacks invalidate the prompts queries, so a new version shows up here by itself.
  const list = useApiList(routes.versions, { params: { promptId: current.promptId }, query: { limit: PAGE } });
  const [selected, setSelected] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const rollback = useApiMutation(
    routes.rollback,
    (version: number) => ({ params: { promptId: current.promptId }, body: { version } }),
    {
      invalidates: [promptsApi],
      onSuccess: (updated, version) => {
        setConfirming(false);
        setSelected(null);
        onRolledBack(updated as SavedPrompt);
        toast(`Version ${updated.version} restores the content of version ${version}`);
      },
    },
  );

  if (list.error && !list.data) {
    return (
      <div className="card">
        <ErrorState
          title="The version history could not be loaded"
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      </div>
    );
  }

  const items = itemsOf(list.data);
  const chosen =
    items.find((v) => v.version === selected) ?? items.find((v) => v.version !== current.version) ?? items[0];
  const isCurrent = chosen?.version === current.version;

  const oldLabel = chosen ? `v${chosen.version}` : '';
  const newLabel = `the current version (v${current.version})`;

  return (
    <div className="history-layout">
      <section aria-labelledby="versions-title" className="card history-list">
        <h2 id="versions-title" className="section-title history-list-title">
          Versions
        </h2>
        {!list.data ? (
          <ul className="version-list" aria-busy="true">
            {Array.from({ length: 3 }, (_, i) => (
              <li key={i} className="version-skeleton">
                <Skeleton width="90px" />
                <Skeleton width="160px" />
              </li>
            ))}
            <li className="sr-only" role="status">
              Loading versions…
            </li>
          </ul>
        ) : items.length === 0 ? (
          <EmptyState title="No versions yet" />
        ) : (
          <>
            <ul className="version-list">
              {items.map((v) => (
                <li key={v.version}>
                  <button
                    type="button"
                    className="version-item"
                    aria-pressed={chosen?.version === v.version}
                    onClick={() => setSelected(v.version)}
                  >
                    <span className="version-head">
                      <strong>Version {v.version}</strong>
                      {v.version === current.version && <Badge tone="success">Current</Badge>}
                      {v.restoredFrom !== undefined && <Badge tone="violet">Restored from v{v.restoredFrom}</Badge>}
                    </span>
                    <span className="version-meta">
                      <time dateTime={v.createdAt} title={formatDateTime(v.createdAt)}>
                        {formatRelative(v.createdAt)}
                      </time>{' '}
                      · {v.createdByName}
                    </span>
                    {v.note && <span className="version-note">{v.note}</span>}
                  </button>
                </li>
              ))}
            </ul>
            {list.hasNextPage && (
              <div className="list-footer">
                {list.isFetchNextPageError && <Alert tone="error">{errorMessage(list.error)}</Alert>}
                <Button size="sm" onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
                  Load older versions
                </Button>
              </div>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="compare-title" className="card card-pad history-compare" aria-live="polite">
        {!chosen ? (
          <>
            <h2 id="compare-title" className="section-title">
              Compare
            </h2>
            {list.data ? (
              <p className="muted">Select a version to compare it with the current one.</p>
            ) : (
              <Skeleton width="60%" />
            )}
          </>
        ) : (
          <>
            <div className="section-head">
              <div>
                <h2 id="compare-title" className="section-title">
                  {isCurrent
                    ? `Version ${chosen.version} (current)`
                    : `Version ${chosen.version} compared with the current version (v${current.version})`}
                </h2>
                <p className="muted compare-sub">
                  Saved {formatDateTime(chosen.createdAt)} by {chosen.createdByName}
                  {chosen.note ? ` — ${chosen.note}` : ''}
                </p>
              </div>
              {canEdit && !isCurrent && (
                <Button variant="primary" onClick={() => setConfirming(true)}>
                  Roll back to this version
                </Button>
              )}
            </div>
            {isCurrent ? (
              <p className="muted">
                This is the version in use now. Select an earlier version to see what changed since.
              </p>
            ) : (
              <>
                <p className="diff-legend">
                  <span className="diff-legend-item diff-remove">
                    <span aria-hidden="true">−</span> only in v{chosen.version}
                  </span>
                  <span className="diff-legend-item diff-add">
                    <span aria-hidden="true">+</span> only in the current version (v{current.version})
                  </span>
                </p>
                <div className="value-diffs">
                  <ValueDiff
                    label="Name"
                    oldValue={chosen.name}
                    newValue={current.name}
                    oldLabel={oldLabel}
                    newLabel={newLabel}
                  />
                  <ValueDiff
                    label="Model"
                    oldValue={chosen.model}
                    newValue={current.model}
                    oldLabel={oldLabel}
                    newLabel={newLabel}
                  />
                  <ValueDiff
                    label="Temperature"
                    oldValue={String(chosen.temperature)}
                    newValue={String(current.temperature)}
                    oldLabel={oldLabel}
                    newLabel={newLabel}
                  />
                </div>
                {chosen.name === current.name &&
                chosen.model === current.model &&
                chosen.temperature === current.temperature &&
                chosen.systemTemplate === current.systemTemplate &&
                chosen.userTemplate === current.userTemplate ? (
                  <Alert tone="info">Version {chosen.version} has the same content as the current version.</Alert>
                ) : (
                  <>
                    <TextDiff
                      title="System template"
                      oldText={chosen.systemTemplate}
                      newText={current.systemTemplate}
                      oldLabel={oldLabel}
                      newLabel={newLabel}
                    />
                    <TextDiff
                      title="User template"
                      oldText={chosen.userTemplate}
                      newText={current.userTemplate}
                      oldLabel={oldLabel}
                      newLabel={newLabel}
                    />
                  </>
                )}
              </>
            )}
          </>
        )}
      </section>

      <ConfirmDialog
        open={confirming}
        title={`Roll back to version ${chosen?.version ?? ''}?`}
        confirmLabel="Roll back"
        tone="primary"
        busy={rollback.isPending}
        error={rollback.error ? errorMessage(rollback.error) : null}
        onConfirm={() => chosen && rollback.mutate(chosen.version)}
        onCancel={() => {
          setConfirming(false);
          rollback.reset();
        }}
      >
        <p>
          This saves a new version (v{current.version + 1}) with the content of version {chosen?.version}. Nothing is
          deleted: version {current.version} stays in the history.
        </p>
        {dirty && (
          <p>
            <strong>Your unsaved edits in the editor will be discarded.</strong>
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
