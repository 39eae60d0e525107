import type { ReactNode } from 'react';
import type { AnalysisRunSummary } from '../../../../functions/analysis/contract';
import { formatDateTime } from '../../shared/format';
import { Alert } from '../../shared/ui';
import { isInterrupted } from './model';
import { RunResult } from './run-result';

/**
 * The run on show in the tab: a result, a failure or an interrupted run (each offering
 * `tryAgain`), or a note that it is still running.
 */
export function ShownRun({
  run,
  latestSucceededId,
  tryAgain,
}: {
  run: AnalysisRunSummary;
  latestSucceededId: string | undefined;
  /** A "Try again" button, when the user may run one now. */
  tryAgain: ReactNode;
}) {
  if (run.status === 'succeeded') {
    return <RunResult run={run} heading={run.runId === latestSucceededId ? 'Latest analysis' : 'Earlier analysis'} />;
  }
  if (run.status === 'failed') {
    const when = formatDateTime(run.finishedAt ?? run.updatedAt);
    return (
      <div className="stack">
        <h3 className="sr-only" tabIndex={-1} data-run-focus={tryAgain ? undefined : true}>
          Analysis of {when}
        </h3>
        <Alert tone="error" title={`The analysis of ${when} failed`} actions={tryAgain}>
          {run.error?.reason ?? 'No reason was recorded.'}
        </Alert>
      </div>
    );
  }
  if (isInterrupted(run)) {
    return (
      <div className="stack">
        <h3 className="sr-only" tabIndex={-1} data-run-focus={tryAgain ? undefined : true}>
          Analysis of {formatDateTime(run.createdAt)}
        </h3>
        <Alert tone="warning" title="This analysis did not finish" actions={tryAgain}>
          It stopped without a result, probably because the service restarted while it ran.
        </Alert>
      </div>
    );
  }
  return (
    <Alert tone="info" title="This analysis is still running">
      Its result will appear here when it finishes.
    </Alert>
  );
}
