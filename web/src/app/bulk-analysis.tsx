import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage, isAbort } from '../shared/api';
import { useResource } from '../shared/hooks';
import { STAGE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import type { AnalysisBatch, Company, Page, Stage } from '../shared/types';
import { Alert, Badge, Button, Dialog, ErrorState, Loading, Spinner } from '../shared/ui';
import { TimeAgo } from './time-ago';
import { useWorkspace } from './workspace';

const POLL_MS = 1500;
/** The list pages through at most this many companies to count a stage (the API's batch limit is 5000). */
const MAX_COUNT_PAGES = 60;

/** "leads", "customers", "Discovery companies". */
const STAGE_PLURALS: Record<Stage, string> = {
  discovery: 'Discovery companies',
  lead: 'leads',
  prospect: 'prospects',
  opportunity: 'opportunities',
  customer: 'customers',
  lost: 'lost companies',
};

const storageKey = (tenantId: string) => `quoteflow.bulkAnalysis.${tenantId}`;

function readStored(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string | null) {
  try {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // Storage can be off (private modes); the URL still carries the batch.
  }
}

/** "37 of 120 analysed, 2 failed". */
export function batchProgressText(b: Pick<AnalysisBatch, 'total' | 'succeeded' | 'failed'>): string {
  return `${b.succeeded} of ${b.total} analysed${b.failed ? `, ${b.failed} failed` : ''}`;
}

/** What a problem from starting a batch says: the API's detail (also for the 429 budget stop). */
function problemText(error: unknown): string {
  if (error instanceof ApiError && error.detail && error.status < 500) return error.detail;
  return errorMessage(error);
}

/** The progress of one bulk analysis: a bar, the counts, and a line read out when it finishes. */
function BatchPanel({
  batch,
  error,
  onClose,
}: {
  batch: AnalysisBatch | null;
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
            : 'Every company’s lead and health scores are up to date.'
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

/** Recent bulk analyses, newest first, each able to show its progress again. */
function RecentBatches({ onShow }: { onShow: (batch: AnalysisBatch) => void }) {
  const api = useApi();
  const list = useResource(
    (signal) => api.get<Page<AnalysisBatch>>('/v1/analysis-batches', { query: { limit: 10 }, signal }),
    [api],
  );
  if (list.error && !list.data)
    return <ErrorState title="Bulk analyses could not be loaded" error={list.error} onRetry={list.reload} />;
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

type Confirm = { stage: Stage; count: number | null; countError: string | null; busy: boolean; error: string | null };

/**
 * Bulk analysis on the companies list: "Analyse all <stage>" (not for viewers) with a confirmation
 * that says how many companies, then a progress panel polled every 1.5 s. The batch id is kept in
 * the URL (`?batch=`) and in sessionStorage, so the panel survives filtering, paging and leaving
 * the list for a company and coming back.
 */
export function BulkAnalysis({ stage, knownCount }: { stage: Stage | undefined; knownCount: number | undefined }) {
  const api = useApi();
  const { me, canWrite } = useWorkspace();
  const key = storageKey(me.tenant.tenantId);
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batch') ?? readStored(key);
  const [batch, setBatch] = useState<AnalysisBatch | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [recentOpen, setRecentOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const follow = (id: string | null, initial: AnalysisBatch | null = null) => {
    writeStored(key, id);
    setBatch(initial);
    setPollError(null);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('batch', id);
        else next.delete('batch');
        return next;
      },
      { replace: true },
    );
  };

  // Keep the stored id in step with the URL (a shared or reloaded link wins).
  useEffect(() => {
    if (batchId && readStored(key) !== batchId) writeStored(key, batchId);
  }, [batchId, key]);

  useEffect(() => {
    if (!batchId) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const b = await api.get<AnalysisBatch>(`/v1/analysis-batches/${encodeURIComponent(batchId)}`, {
          signal: controller.signal,
        });
        setBatch(b);
        setPollError(null);
        if (!b.done) timer = setTimeout(tick, POLL_MS);
      } catch (error) {
        if (controller.signal.aborted || isAbort(error)) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
          // Not this workspace's batch (or gone): forget it quietly.
          writeStored(key, null);
          setParams(
            (current) => {
              const next = new URLSearchParams(current);
              next.delete('batch');
              return next;
            },
            { replace: true },
          );
          return;
        }
        setPollError(errorMessage(error));
        timer = setTimeout(tick, POLL_MS * 4);
      }
    };
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, batchId, key]);

  const openConfirm = async (s: Stage) => {
    setConfirm({ stage: s, count: knownCount ?? null, countError: null, busy: false, error: null });
    if (knownCount !== undefined) return;
    try {
      let count = 0;
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await api.get<Page<Company>>('/v1/companies', { query: { stage: s, limit: 100, cursor } });
        count += page.items.length;
        cursor = page.cursor ?? undefined;
      } while (cursor && ++pages < MAX_COUNT_PAGES);
      setConfirm((c) => (c && c.stage === s ? { ...c, count } : c));
    } catch (error) {
      setConfirm((c) => (c && c.stage === s ? { ...c, countError: errorMessage(error) } : c));
    }
  };

  const start = async () => {
    if (!confirm || confirm.busy) return;
    setConfirm({ ...confirm, busy: true, error: null });
    try {
      const started = await api.post<AnalysisBatch>('/v1/analysis-batches', { stage: confirm.stage });
      setConfirm(null);
      follow(started.batchId, started);
      setAnnouncement(`Bulk analysis of ${started.total} ${started.total === 1 ? 'company' : 'companies'} started.`);
    } catch (error) {
      setConfirm((c) => (c ? { ...c, busy: false, error: problemText(error) } : c));
    }
  };

  const plural = stage ? STAGE_PLURALS[stage] : '';
  const showButton = canWrite && stage && knownCount !== 0;
  const running = !!batch && !batch.done;

  return (
    <>
      {stage && (
        <div className="bulk-actions">
          {showButton && (
            <Button onClick={() => openConfirm(stage)} disabled={running} icon={<span aria-hidden="true">✦</span>}>
              Analyse all {plural}
            </Button>
          )}
          {showButton && running && (
            <span className="muted bulk-wait">One bulk analysis at a time: wait for the current one to finish.</span>
          )}
          <button type="button" className="link-button" onClick={() => setRecentOpen(true)}>
            Recent bulk analyses
          </button>
        </div>
      )}

      {batchId && (
        <BatchPanel
          batch={batch && batch.batchId === batchId ? batch : null}
          error={pollError}
          onClose={() => follow(null)}
        />
      )}

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>

      <Dialog
        open={confirm !== null}
        onClose={() => !confirm?.busy && setConfirm(null)}
        title={confirm ? `Analyse all ${STAGE_PLURALS[confirm.stage]}?` : ''}
        size="sm"
      >
        {confirm && (
          <>
            <div className="confirm-text">
              {confirm.countError ? (
                <Alert tone="error" title="The companies could not be counted">
                  {confirm.countError}
                </Alert>
              ) : confirm.count === null ? (
                <p className="row">
                  <Spinner size="sm" /> Counting the companies in {STAGE_LABELS[confirm.stage]}…
                </p>
              ) : confirm.count === 0 ? (
                <p>There are no companies in {STAGE_LABELS[confirm.stage]} to analyse.</p>
              ) : (
                <>
                  <p>
                    This runs an AI analysis of{' '}
                    <strong>{confirm.count === 1 ? '1 company' : `all ${confirm.count} companies`}</strong> in the{' '}
                    {STAGE_LABELS[confirm.stage]} stage, and updates their lead and health scores as each one finishes.
                  </p>
                  <p className="muted">
                    It can take a few minutes, and each analysis counts toward this month’s AI budget.
                  </p>
                </>
              )}
            </div>
            {confirm.error && <Alert tone="error">{confirm.error}</Alert>}
            <div className="dialog-actions">
              <Button onClick={() => setConfirm(null)} disabled={confirm.busy} data-autofocus>
                Cancel
              </Button>
              <Button variant="primary" busy={confirm.busy} disabled={!confirm.count} onClick={start}>
                {confirm.count
                  ? `Analyse ${confirm.count === 1 ? '1 company' : `${confirm.count} companies`}`
                  : 'Analyse'}
              </Button>
            </div>
          </>
        )}
      </Dialog>

      <Dialog open={recentOpen} onClose={() => setRecentOpen(false)} title="Recent bulk analyses">
        {recentOpen && (
          <RecentBatches
            onShow={(b) => {
              setRecentOpen(false);
              follow(b.batchId, b);
            }}
          />
        )}
      </Dialog>
    </>
  );
}
