import { analysisApi, type AnalysisBatchView } from '../../../../functions/analysis/contract';
import { STAGE_LABELS } from '../../shared/labels';
import { useApiQuery } from '../../shared/query';
import { Badge, Button, ErrorState, Loading } from '../../shared/ui';
import { TimeAgo } from '../time-ago';
import { batchProgressText } from './batch-panel';

/** Recent bulk analyses, newest first, each able to show its progress again. */
export function RecentBatches({ onShow }: { onShow: (batch: AnalysisBatchView) => void }) {
  const list = useApiQuery(analysisApi.listBatches, { query: { limit: 10 } });
  if (list.error && !list.data)
    return (
      <ErrorState title="Bulk analyses could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
    );
  if (!list.data) return <Loading label="Loading bulk analyses…" />;
  if (list.data.items.length === 0) return <p className="muted">No bulk analyses have been run yet.</p>;
  return (
    <ul className="batch-list">
      {list.data.items.map((b) => (
        <li key={b.batchId} className="batch-item">
          <div className="batch-main">
            <p className="batch-title">
              {STAGE_LABELS[b.stage] ?? b.stage} · {b.total} {b.total === 1 ? 'company' : 'companies'}{' '}
              {b.done ? (
                <Badge tone={b.failed ? 'warning' : 'success'}>Done</Badge>
              ) : (
                <Badge tone="info">Running</Badge>
              )}
            </p>
            <p className="muted batch-meta">
              {batchProgressText(b)} · {b.requestedByName}, <TimeAgo iso={b.createdAt} />
            </p>
          </div>
          <Button size="sm" onClick={() => onShow(b)}>
            Show<span className="sr-only"> progress of the {STAGE_LABELS[b.stage] ?? b.stage} analysis</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}
