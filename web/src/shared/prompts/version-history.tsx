import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api';
import { formatDateTime, formatRelative } from '../format';
import { useResource } from '../hooks';
import { useApi } from '../services';
import type { Page, PromptVersion, PromptView } from '../types';
import { Alert, Badge, Button, ConfirmDialog, EmptyState, ErrorState, Skeleton, useToast } from '../ui';
import { TextDiff, ValueDiff } from './diff-view';

const PAGE = 20;

/**
 * A prompt's saved versions, newest first. Selecting one shows how it differs from the current
 * version, and (for editors) offers to roll back to it: that saves its content as a new version.
 */
export function VersionHistory({
  base,
  current,
  canEdit,
  dirty,
  onRolledBack,
}: {
  /** `/v1/prompts` or `/v1/admin/prompts`. */
  base: string;
  /** The prompt as saved now. */
  current: PromptView & { promptId: string; version: number };
  canEdit: boolean;
  /** The editor has unsaved edits (a rollback replaces them). */
  dirty: boolean;
  onRolledBack: (updated: PromptView, restored: number) => void;
}) {
  const api = useApi();
  const toast = useToast();
  const path = `${base}/${encodeURIComponent(current.promptId)}/versions`;
  const list = useResource(
    (signal) => api.get<Page<PromptVersion>>(path, { query: { limit: PAGE }, signal }),
    [api, path],
  );
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [selected, setSelected] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [rollback, setRollback] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  // A save or rollback elsewhere made a new version: load the list again (keeping the old one meanwhile).
  const shownFor = useRef(current.version);
  const { reload } = list;
  useEffect(() => {
    if (shownFor.current === current.version) return;
    shownFor.current = current.version;
    reload();
  }, [current.version, reload]);

  const loadMore = async () => {
    if (!list.data?.cursor) return;
    setMore({ busy: true, error: null });
    try {
      const page = await api.get<Page<PromptVersion>>(path, { query: { limit: PAGE, cursor: list.data.cursor } });
      list.setData((c) => ({ items: [...(c?.items ?? []), ...page.items], cursor: page.cursor }));
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: errorMessage(error) });
    }
  };

  if (list.error && !list.data) {
    return (
      <div className="card">
        <ErrorState title="The version history could not be loaded" error={list.error} onRetry={list.reload} />
      </div>
    );
  }

  const items = list.data?.items ?? [];
  const chosen =
    items.find((v) => v.version === selected) ?? items.find((v) => v.version !== current.version) ?? items[0];
  const isCurrent = chosen?.version === current.version;

  const doRollback = async () => {
    if (!chosen) return;
    setRollback({ busy: true, error: null });
    try {
      const updated = await api.post<PromptView>(`${base}/${encodeURIComponent(current.promptId)}/rollback`, {
        version: chosen.version,
      });
      setRollback({ busy: false, error: null });
      setConfirming(false);
      setSelected(null);
      onRolledBack(updated, chosen.version);
      toast(`Version ${updated.version} restores the content of version ${chosen.version}`);
    } catch (error) {
      setRollback({ busy: false, error: errorMessage(error) });
    }
  };

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
            {list.data.cursor && (
              <div className="list-footer">
                {more.error && <Alert tone="error">{more.error}</Alert>}
                <Button size="sm" onClick={loadMore} busy={more.busy}>
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
        busy={rollback.busy}
        error={rollback.error}
        onConfirm={doRollback}
        onCancel={() => {
          setConfirming(false);
          setRollback({ busy: false, error: null });
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
