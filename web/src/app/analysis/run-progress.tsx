import { useEffect, useState } from 'react';
import type { AnalysisRunSummary } from '../../../../functions/analysis/contract';
import { cx } from '../../shared/format';
import { Alert, Spinner } from '../../shared/ui';
import { ANALYSIS_STEPS, stepIndex } from './model';
import type { PollTrouble } from './use-run-poller';

/** How long a run may sit in the queue before we say so. */
const SLOW_QUEUE_MS = 20_000;

/** The live progress of a run: the four steps with the current one highlighted, and a status line read out as it changes. */
export function RunProgress({
  run,
  companyName,
  trouble,
}: {
  run: Pick<AnalysisRunSummary, 'status' | 'step'>;
  companyName: string;
  trouble: PollTrouble | null;
}) {
  const current = stepIndex(run.step);
  const queued = run.status === 'queued';
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!queued) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), SLOW_QUEUE_MS);
    return () => clearTimeout(timer);
  }, [queued]);

  const status = queued
    ? 'Queued: waiting for the analysis service to pick it up…'
    : current < ANALYSIS_STEPS.length
      ? `Step ${current + 1} of ${ANALYSIS_STEPS.length}: ${ANALYSIS_STEPS[current]!.doing}`
      : 'Finishing…';

  return (
    <section className="card card-pad run-progress" aria-labelledby="run-progress-title" aria-busy="true">
      <div className="run-progress-head">
        <Spinner />
        <h3 id="run-progress-title" className="section-title">
          Analysing {companyName}
        </h3>
      </div>
      <ol className="steps" aria-label="Analysis steps">
        {ANALYSIS_STEPS.map((s, i) => {
          const state = i < current ? 'done' : i === current ? (queued ? 'waiting' : 'current') : 'todo';
          return (
            <li key={s.id} className={cx('step', `step-${state}`)} aria-current={i === current ? 'step' : undefined}>
              <span className="step-marker" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="step-label">{s.label}</span>
              <span className="sr-only">
                {state === 'done'
                  ? ' (done)'
                  : state === 'current'
                    ? ' (in progress)'
                    : state === 'waiting'
                      ? ' (waiting)'
                      : ''}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="run-progress-status" role="status" aria-live="polite">
        {status}
      </p>
      {slow && queued && !trouble && (
        <p className="muted run-progress-hint">
          This is taking longer than usual; the analysis service may be busy. You can leave this page: the run carries
          on and will appear in the history.
        </p>
      )}
      {trouble && (
        <Alert
          tone="warning"
          title={trouble.fatal ? 'Progress can no longer be followed' : 'Checking progress failed; retrying'}
        >
          {trouble.message}
        </Alert>
      )}
    </section>
  );
}
