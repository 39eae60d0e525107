import type { AnalysisRunSummary } from '../../../../functions/analysis/contract';
import { cx } from '../../shared/format';
import { Alert, Badge, Button, type BadgeTone } from '../../shared/ui';
import { TimeAgo } from '../time-ago';
import { isInterrupted, providerLabel } from './model';

function status(run: AnalysisRunSummary): { label: string; tone: BadgeTone } {
  if (isInterrupted(run)) return { label: 'Interrupted', tone: 'neutral' };
  switch (run.status) {
    case 'succeeded':
      return { label: 'Done', tone: 'success' };
    case 'failed':
      return { label: 'Failed', tone: 'danger' };
    case 'running':
      return { label: 'Running', tone: 'info' };
    default:
      return { label: 'Queued', tone: 'neutral' };
  }
}

/** Past runs, newest first; choosing one shows its result. */
export function RunHistory({
  runs,
  selectedId,
  onSelect,
  hasMore,
  loadingMore,
  moreError,
  onLoadMore,
}: {
  runs: AnalysisRunSummary[];
  selectedId: string | null;
  onSelect: (run: AnalysisRunSummary) => void;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  onLoadMore: () => void;
}) {
  return (
    <section className="card run-history" aria-labelledby="run-history-title">
      <h3 id="run-history-title" className="run-history-title">
        History
      </h3>
      <ol className="run-list">
        {runs.map((run) => {
          const s = status(run);
          const selected = run.runId === selectedId;
          const provider = providerLabel(run);
          return (
            <li key={run.runId}>
              <button
                type="button"
                className={cx('run-item', selected && 'run-item-selected')}
                aria-current={selected ? 'true' : undefined}
                onClick={() => onSelect(run)}
              >
                <span className="run-item-top">
                  <span className="run-item-time">
                    <TimeAgo iso={run.createdAt} />
                  </span>
                  <Badge tone={s.tone}>{s.label}</Badge>
                </span>
                <span className="run-item-line">
                  {run.requestedByName}
                  {run.trigger === 'bulk' ? <span className="muted"> · bulk</span> : null}
                </span>
                {run.scores ? (
                  <span className="run-item-line run-item-scores">
                    Lead <strong>{Math.round(run.scores.leadScore.score)}</strong>
                    <span aria-hidden="true"> · </span>
                    <span className="sr-only">, </span>
                    Health <strong>{Math.round(run.scores.healthScore.score)}</strong>
                  </span>
                ) : null}
                {provider && <span className="run-item-line muted">{provider}</span>}
                {selected && <span className="sr-only"> (showing)</span>}
              </button>
            </li>
          );
        })}
      </ol>
      {hasMore && (
        <div className="run-history-foot">
          {moreError && <Alert tone="error">{moreError}</Alert>}
          <Button size="sm" onClick={onLoadMore} busy={loadingMore}>
            Load more<span className="sr-only"> analyses</span>
          </Button>
        </div>
      )}
    </section>
  );
}
