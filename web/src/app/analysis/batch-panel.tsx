import { useId } from 'react';
import type { AnalysisBatchView } from '../../../../functions/analysis/contract';
import { STAGE_LABELS } from '../../shared/labels';
import { Alert, Badge, Button, Loading, Spinner } from '../../shared/ui';
import { TimeAgo } from '../time-ago';

/** "37 of 120 analysed, 2 failed". */
export function batchProgressText(b: Pick<AnalysisBatchView, 'total' | 'succeeded' | 'failed'>): string {
  return `${b.succeeded} of ${b.total} analysed${b.failed ? `, ${b.failed} failed` : ''}`;
}

/** The progress of one bulk analysis: a bar, the counts, and a line read out when it finishes. */
export function BatchPanel({
  batch,
  error,
  onClose,
}: {
  batch: AnalysisBatchView | undefined;
  error: string | null;
  onClose: () => void;
}) {
  const titleId = useId();
  if (!batch) {
    return (
      <section className="card card-pad bulk-panel" aria-labelledby={titleId}>
        <h2 id={titleId} className="section-title">
          Bulk analysis
        </h2>
        {error ? <Alert tone="error">{error}</Alert> : <Loading label="Loading progress…" />}
      </section>
    );
  }
  const processed = batch.succeeded + batch.failed;
  const pct = (n: number) => (batch.total > 0 ? (n / batch.total) * 100 : 0);
  const text = batchProgressText(batch);
  return (
    <section className="card card-pad bulk-panel" aria-labelledby={titleId} aria-busy={!batch.done}>
      <div className="bulk-panel-head">
        <h2 id={titleId} className="section-title">
          {batch.done ? 'Bulk analysis finished' : 'Analysing'} · {STAGE_LABELS[batch.stage] ?? batch.stage}
        </h2>
        {batch.done ? (
          <Badge tone={batch.failed ? 'warning' : 'success'}>{batch.failed ? 'Done with failures' : 'Done'}</Badge>
        ) : (
          <span className="bulk-running">
            <Spinner size="sm" /> Running
          </span>
        )}
      </div>
      <div
        className="bulk-bar-track"
        role="progressbar"
        aria-labelledby={titleId}
        aria-valuemin={0}
        aria-valuemax={batch.total}
        aria-valuenow={processed}
        aria-valuetext={text}
      >
        <span className="bulk-bar-ok" style={{ width: `${pct(batch.succeeded)}%` }} />
        <span className="bulk-bar-failed" style={{ width: `${pct(batch.failed)}%` }} />
      </div>
      <p className="bulk-count">
        <strong>
          {batch.succeeded} of {batch.total}
        </strong>{' '}
        analysed
        {batch.failed > 0 && (
          <>
            , <strong className="bulk-failed">{batch.failed} failed</strong>
          </>
        )}
      </p>
      <p className="muted bulk-note">
        Started by {batch.requestedByName}, <TimeAgo iso={batch.createdAt} />.{' '}
        {batch.done
          ? batch.failed
            ? 'Open a company’s AI analysis tab to see why its run failed and try again.'
            : batch.succeeded > 0
              ? 'Every company’s lead and health scores are up to date.'
              : 'No company was analysed, so no scores changed.'
          : 'You can keep working: each company’s scores update as its analysis finishes.'}
      </p>
      {error && (
        <Alert tone="warning" title="Checking progress failed; retrying">
          {error}
        </Alert>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {batch.done ? `Bulk analysis finished: ${text}.` : ''}
      </p>
      <div className="bulk-panel-actions">
        <Button size="sm" variant={batch.done ? 'secondary' : 'ghost'} onClick={onClose}>
          {batch.done ? 'Dismiss' : 'Hide progress'}
        </Button>
      </div>
    </section>
  );
}
