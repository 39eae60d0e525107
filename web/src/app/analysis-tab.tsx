import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { analysisApi, type AnalysisRunView } from '../../../functions/analysis/contract';
import { companiesApi, type CompanyView } from '../../../functions/companies/contract';
import type { RunStatus, RunStep } from '../../../functions/shared/enums';
import { errorMessage } from '../shared/api';
import { contractKey, queryKeyOf, useApiList, useApiMutation } from '../shared/query';
import { Alert, Button, EmptyState, ErrorState } from '../shared/ui';
import { isActive, isInFlight, runsOf, withRun } from './analysis/model';
import { AnalysisSkeleton, SparkIcon, startProblem } from './analysis/placeholders';
import { RunHistory } from './analysis/run-history';
import { RunProgress } from './analysis/run-progress';
import { RunResult } from './analysis/run-result';
import { ShownRun } from './analysis/shown-run';
import { useRunPoller } from './analysis/use-run-poller';
import { useWorkspace } from './workspace';

const PAGE_SIZE = 10;

/** What the progress list needs of the run being followed (known before its first poll answers). */
type Live = { runId: string; status: RunStatus; step: RunStep };

/** What a screen reader hears when a followed run finishes. */
function finishedText(run: AnalysisRunView): string {
  if (run.status === 'failed') return `The analysis failed. ${run.error?.reason ?? ''}`;
  if (!run.scores) return 'Analysis finished.';
  return `Analysis finished. Lead score ${Math.round(run.scores.leadScore.score)}, health score ${Math.round(run.scores.healthScore.score)}.`;
}

/**
 * The AI analysis tab: run an analysis and follow its steps live, read the result (scores with
 * the factors behind them, summary, opportunities, risks, competitors, next actions, each with
 * evidence), and browse earlier runs.
 */
export function AnalysisTab({
  company,
  onAnalysed,
}: {
  company: Pick<CompanyView, 'companyId' | 'name'>;
  onAnalysed?: (run: AnalysisRunView) => void;
}) {
  const client = useQueryClient();
  const { me } = useWorkspace();
  const canRun = me.role === 'owner' || me.role === 'admin' || me.role === 'sales';
  const { companyId } = company;
  const historyInput = { params: { companyId }, query: { limit: PAGE_SIZE } };
  const history = useApiList(analysisApi.list, historyInput);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [following, setFollowing] = useState<Live | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const section = useRef<HTMLElement>(null);
  const focusPending = useRef(false);
  const { run: polled, trouble } = useRunPoller(companyId, following?.runId ?? null);
  const live = following && (polled ?? following);

  const start = useApiMutation(analysisApi.start, (_: void) => ({ params: { companyId } }), {
    invalidates: [analysisApi],
    onMutate: () => setAnnouncement(''),
    onSuccess: (started) => {
      setSelectedId(null);
      setFollowing({ runId: started.runId, status: started.status, step: 'gather' });
    },
  });

  // Follow a run that was already under way when the tab opened (started earlier, by someone else, or by a bulk analysis).
  const items = runsOf(history.data);
  const newest = items[0];
  const resumable = newest && isInFlight(newest) ? newest : undefined;
  useEffect(() => {
    if (resumable)
      setFollowing((current) => current ?? { runId: resumable.runId, status: resumable.status, step: resumable.step });
  }, [resumable?.runId]);

  /** Moves focus to the new result, unless the user has gone elsewhere meanwhile. */
  const claimFocus = () => {
    const active = document.activeElement;
    focusPending.current = !active || active === document.body || !!section.current?.contains(active);
  };
  useEffect(() => {
    if (!focusPending.current) return;
    const target = section.current?.querySelector<HTMLElement>('[data-run-focus]');
    if (target) {
      focusPending.current = false;
      target.focus();
    }
  });

  // Each answer of the poll goes into the history; a finished run is shown, announced and, when it
  // succeeded, changes the company's scores.
  const onAnalysedRef = useRef(onAnalysed);
  onAnalysedRef.current = onAnalysed;
  useEffect(() => {
    if (!polled) return;
    const historyKey = queryKeyOf(analysisApi.list, historyInput);
    client.setQueryData(historyKey, (data: typeof history.data) => withRun(data, polled));
    if (isActive(polled.status)) return;
    // A history load still under way may predate the end: load it again.
    void client.invalidateQueries({ queryKey: historyKey });
    setFollowing(null);
    setSelectedId(polled.runId);
    claimFocus();
    setAnnouncement(finishedText(polled));
    if (polled.status === 'succeeded') {
      void client.invalidateQueries({ queryKey: contractKey(companiesApi) });
      onAnalysedRef.current?.(polled);
    }
  }, [polled]);

  const run = () => {
    if (!start.isPending && !live) start.mutate();
  };

  const select = (id: string) => {
    setSelectedId(id);
    focusPending.current = true;
  };

  // The run on show: the one chosen in the history, else the newest that is not being followed live.
  const chosen = selectedId ? items.find((r) => r.runId === selectedId) : undefined;
  const shown = chosen ?? items.find((r) => r.runId !== live?.runId && !isInFlight(r));
  const fallback =
    shown && shown.status !== 'succeeded'
      ? items.find((r) => r.status === 'succeeded' && r.runId < shown.runId)
      : undefined;
  const latestSucceeded = items.find((r) => r.status === 'succeeded');
  const busy = start.isPending || !!live;

  const tryAgain = canRun && !live && (
    <Button size="sm" onClick={run} busy={start.isPending} data-run-focus>
      Try again
    </Button>
  );

  let body;
  if (history.error && !history.data) {
    body = (
      <div className="card">
        <ErrorState title="Analyses could not be loaded" error={history.error} onRetry={() => void history.refetch()} />
      </div>
    );
  } else if (!history.data) {
    body = <AnalysisSkeleton />;
  } else if (items.length === 0 && !live) {
    body = (
      <div className="card">
        <EmptyState
          icon={<SparkIcon />}
          title="No analysis yet — run one to get scores that explain themselves"
          action={
            canRun ? (
              <Button variant="primary" onClick={run} busy={start.isPending}>
                Run the first analysis
              </Button>
            ) : undefined
          }
        >
          {canRun
            ? `Quoteflow reads ${company.name}’s details, contacts and activities, scores it as a lead and for account health, and shows the evidence behind every point.`
            : `When an owner, admin or sales user analyses ${company.name}, its scores and the reasons behind them will appear here.`}
        </EmptyState>
      </div>
    );
  } else {
    body = (
      <div className="analysis-layout">
        <div className="analysis-main">
          {live && <RunProgress run={live} companyName={company.name} trouble={trouble} />}
          {live && trouble?.fatal && (
            <Button
              onClick={() => {
                setFollowing(null);
                void history.refetch();
              }}
            >
              Reload the history
            </Button>
          )}
          {shown && live && (
            <p className="analysis-previous-label muted">While it runs, here is the previous result.</p>
          )}
          {shown && shown.runId !== live?.runId && (
            <ShownRun key={shown.runId} run={shown} latestSucceededId={latestSucceeded?.runId} tryAgain={tryAgain} />
          )}
          {fallback && (
            <RunResult key={`fallback-${fallback.runId}`} run={fallback} heading="Last successful analysis" />
          )}
        </div>
        <RunHistory
          runs={items}
          selectedId={shown?.runId ?? null}
          onSelect={(r) => select(r.runId)}
          hasMore={history.hasNextPage}
          loadingMore={history.isFetchingNextPage}
          moreError={history.isFetchNextPageError ? errorMessage(history.error) : null}
          onLoadMore={() => void history.fetchNextPage()}
        />
      </div>
    );
  }

  return (
    <section ref={section} aria-labelledby="analysis-title" className="analysis-tab">
      <div className="section-head">
        <div>
          <h2 id="analysis-title" className="section-title">
            AI analysis
          </h2>
          <p className="muted section-sub">
            Scores and advice drawn from this company’s details, contacts and activities.
          </p>
        </div>
        {canRun ? (
          <Button variant="primary" onClick={run} busy={busy} icon={<span aria-hidden="true">✦</span>}>
            Run analysis
          </Button>
        ) : (
          <div className="run-blocked">
            <Button variant="primary" disabled aria-describedby="analysis-viewer-reason">
              Run analysis
            </Button>
            <p id="analysis-viewer-reason" className="muted">
              Viewers can read analyses but not run them.
            </p>
          </div>
        )}
      </div>

      {start.error ? (
        <div className="analysis-start-error">
          <Alert tone="error" title={startProblem(start.error).title}>
            {startProblem(start.error).message}
          </Alert>
        </div>
      ) : null}

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>

      {body}
    </section>
  );
}
