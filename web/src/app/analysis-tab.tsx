import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { useResource } from '../shared/hooks';
import { useApi } from '../shared/services';
import type { AnalysisRun, AnalysisStarted, AnalysisStatus, AnalysisStep, Company, Page } from '../shared/types';
import { Alert, Button, EmptyState, ErrorState, Skeleton } from '../shared/ui';
import { isActive, isInFlight, isInterrupted, upsertRun } from './analysis/model';
import { RunHistory } from './analysis/run-history';
import { RunProgress } from './analysis/run-progress';
import { RunResult } from './analysis/run-result';
import { useRunPoller } from './analysis/use-run-poller';
import { useWorkspace } from './workspace';

const PAGE_SIZE = 10;

/** What the progress list needs of the run being followed (known before its first poll answers). */
type Live = { runId: string; status: AnalysisStatus; step: AnalysisStep };

function SparkIcon() {
  return (
    <svg
      width="28"
      height="28"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M12 3l1.8 4.7L18.5 9.5l-4.7 1.8L12 16l-1.8-4.7L5.5 9.5l4.7-1.8z" />
      <path d="M19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z" />
    </svg>
  );
}

function AnalysisSkeleton() {
  return (
    <div role="status">
      <span className="sr-only">Loading analyses…</span>
      <div className="analysis-layout" aria-hidden="true">
        <div className="score-grid">
          {[0, 1].map((i) => (
            <div key={i} className="card card-pad stack" style={{ gap: 10 }}>
              <Skeleton width="40%" height="18px" />
              <Skeleton width="88px" height="44px" />
              <Skeleton width="100%" height="10px" />
              <Skeleton width="80%" />
              <Skeleton width="65%" />
            </div>
          ))}
        </div>
        <div className="card card-pad stack" style={{ gap: 10 }}>
          <Skeleton width="50%" height="18px" />
          <Skeleton width="90%" />
          <Skeleton width="70%" />
        </div>
      </div>
    </div>
  );
}

/** Why a run could not be started, in words (the API's detail, even for a 429 budget stop). */
function startProblem(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError && error.status === 429) {
    const budget = error.type?.endsWith('ai-budget-exceeded');
    return {
      title: budget ? 'This month’s AI budget is used up' : 'Too many analyses at once',
      message: `${error.detail ?? errorMessage(error)}${budget ? ' An owner or admin can raise the monthly budget in Settings → AI.' : ''}`,
    };
  }
  return { title: 'The analysis could not be started', message: errorMessage(error) };
}

/**
 * The AI analysis tab: run an analysis and follow its steps live, read the result (scores with
 * the factors behind them, summary, opportunities, risks, competitors, next actions, each with
 * evidence), and browse earlier runs.
 */
export function AnalysisTab({ company, onAnalysed }: { company: Company; onAnalysed?: (run: AnalysisRun) => void }) {
  const api = useApi();
  const { me } = useWorkspace();
  const canRun = me.role === 'owner' || me.role === 'admin' || me.role === 'sales';
  const base = `/v1/companies/${encodeURIComponent(company.companyId)}/analysis`;
  const history = useResource(
    (signal) => api.get<Page<AnalysisRun>>(base, { query: { limit: PAGE_SIZE }, signal }),
    [api, base],
  );
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [live, setLive] = useState<Live | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const section = useRef<HTMLElement>(null);
  const focusPending = useRef(false);
  const onAnalysedRef = useRef(onAnalysed);
  onAnalysedRef.current = onAnalysed;
  const setHistory = history.setData;

  // Follow a run that was already under way when the tab opened (started earlier, by someone else, or by a bulk analysis).
  const newest = history.data?.items[0];
  const resumable = newest && isInFlight(newest) ? newest : undefined;
  useEffect(() => {
    if (resumable)
      setLive((current) => current ?? { runId: resumable.runId, status: resumable.status, step: resumable.step });
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

  const onUpdate = useCallback(
    (run: AnalysisRun) => {
      setHistory((current) => ({ items: upsertRun(current?.items ?? [], run), cursor: current?.cursor ?? null }));
      if (isActive(run.status)) {
        setLive({ runId: run.runId, status: run.status, step: run.step });
        return;
      }
      setLive(null);
      setSelectedId(run.runId);
      claimFocus();
      if (run.status === 'succeeded' && run.scores) {
        setAnnouncement(
          `Analysis finished. Lead score ${Math.round(run.scores.leadScore.score)}, health score ${Math.round(run.scores.healthScore.score)}.`,
        );
      } else if (run.status === 'succeeded') {
        setAnnouncement('Analysis finished.');
      } else {
        setAnnouncement(`The analysis failed. ${run.error?.reason ?? ''}`);
      }
      if (run.status === 'succeeded') onAnalysedRef.current?.(run);
    },
    [setHistory],
  );
  const trouble = useRunPoller(live ? `${base}/${encodeURIComponent(live.runId)}` : null, onUpdate);

  const start = async () => {
    if (starting || live) return;
    setStarting(true);
    setStartError(null);
    setAnnouncement('');
    try {
      const started = await api.post<AnalysisStarted>(base, undefined);
      setSelectedId(null);
      setLive({ runId: started.runId, status: started.status, step: 'gather' });
    } catch (error) {
      setStartError(error);
    } finally {
      setStarting(false);
    }
  };

  const loadMore = async () => {
    if (!history.data?.cursor) return;
    setMore({ busy: true, error: null });
    try {
      const page = await api.get<Page<AnalysisRun>>(base, { query: { limit: PAGE_SIZE, cursor: history.data.cursor } });
      setHistory((current) => ({ items: page.items.reduce(upsertRun, current?.items ?? []), cursor: page.cursor }));
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: errorMessage(error) });
    }
  };

  const select = (run: AnalysisRun) => {
    setSelectedId(run.runId);
    focusPending.current = true;
  };

  const items = history.data?.items ?? [];
  // The run on show: the one chosen in the history, else the newest that is not being followed live.
  const chosen = selectedId ? items.find((r) => r.runId === selectedId) : undefined;
  const shown = chosen ?? items.find((r) => r.runId !== live?.runId && !isInFlight(r));
  const fallback =
    shown && shown.status !== 'succeeded'
      ? items.find((r) => r.status === 'succeeded' && r.runId < shown.runId)
      : undefined;
  const latestSucceeded = items.find((r) => r.status === 'succeeded');
  const busy = starting || !!live;

  const runButton = canRun ? (
    <Button variant="primary" onClick={start} busy={busy} icon={<span aria-hidden="true">✦</span>}>
      Run analysis
    </Button>
  ) : null;

  const tryAgain = canRun && !live && (
    <Button size="sm" onClick={start} busy={starting} data-run-focus>
      Try again
    </Button>
  );

  const showRun = (run: AnalysisRun) => {
    if (run.runId === live?.runId) return null;
    if (run.status === 'succeeded') {
      return (
        <RunResult
          key={run.runId}
          run={run}
          heading={run.runId === latestSucceeded?.runId ? 'Latest analysis' : 'Earlier analysis'}
        />
      );
    }
    const when = formatDateTime(run.finishedAt ?? run.updatedAt);
    if (run.status === 'failed') {
      return (
        <div className="stack" key={run.runId}>
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
        <div className="stack" key={run.runId}>
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
      <Alert key={run.runId} tone="info" title="This analysis is still running">
        Its result will appear here when it finishes.
      </Alert>
    );
  };

  let body;
  if (history.error && !history.data) {
    body = (
      <div className="card">
        <ErrorState title="Analyses could not be loaded" error={history.error} onRetry={history.reload} />
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
              <Button variant="primary" onClick={start} busy={starting}>
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
                setLive(null);
                history.reload();
              }}
            >
              Reload the history
            </Button>
          )}
          {shown && live && (
            <p className="analysis-previous-label muted">While it runs, here is the previous result.</p>
          )}
          {shown && showRun(shown)}
          {fallback && (
            <RunResult key={`fallback-${fallback.runId}`} run={fallback} heading="Last successful analysis" />
          )}
        </div>
        <RunHistory
          runs={items}
          selectedId={shown?.runId ?? null}
          onSelect={select}
          hasMore={!!history.data.cursor}
          loadingMore={more.busy}
          moreError={more.error}
          onLoadMore={loadMore}
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
          runButton
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

      {startError ? (
        <div className="analysis-start-error">
          <Alert tone="error" title={startProblem(startError).title}>
            {startProblem(startError).message}
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
