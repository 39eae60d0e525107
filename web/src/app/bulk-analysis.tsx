import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { analysisApi, type AnalysisBatchView } from '../../../functions/analysis/contract';
import { companiesApi } from '../../../functions/companies/contract';
import type { Stage } from '../../../functions/shared/enums';
import { ApiError, errorMessage } from '../shared/api';
import { contractKey, queryKeyOf, useApiMutation, useApiQuery } from '../shared/query';
import { useApi } from '../shared/services';
import { Button, Dialog } from '../shared/ui';
import { BatchPanel } from './analysis/batch-panel';
import { BulkConfirm, STAGE_PLURALS, type StageCount } from './analysis/bulk-confirm';
import { RecentBatches } from './analysis/recent-batches';
import { useWorkspace } from './workspace';

const POLL_MS = 1500;
/** The list pages through at most this many companies to count a stage (the API's batch limit is 5000). */
const MAX_COUNT_PAGES = 60;

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

/** Not this workspace's batch, or gone. */
const isForeign = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 403);

/** What a problem from starting a batch says: the API's detail (also for the 429 budget stop). */
function problemText(error: unknown): string {
  if (error instanceof ApiError && error.detail && error.status < 500) return error.detail;
  return errorMessage(error);
}

/**
 * Bulk analysis on the companies list: "Analyse all <stage>" (not for viewers) with a confirmation
 * that says how many companies, then a progress panel polled every 1.5 s. The batch id is kept in
 * the URL (`?batch=`) and in sessionStorage, so the panel survives filtering, paging and leaving
 * the list for a company and coming back.
 */
export function BulkAnalysis({ stage, knownCount }: { stage: Stage | undefined; knownCount: number | undefined }) {
  const api = useApi();
  const client = useQueryClient();
  const { me, canWrite } = useWorkspace();
  const key = storageKey(me.tenant.tenantId);
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batch') ?? readStored(key);
  const [confirm, setConfirm] = useState<StageCount | null>(null);
  const [recentOpen, setRecentOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const progress = useApiQuery(
    analysisApi.getBatch,
    { params: { batchId: batchId ?? '' } },
    {
      enabled: !!batchId,
      staleTime: 0,
      refetchInterval: (query) => (query.state.data?.done || isForeign(query.state.error) ? false : POLL_MS),
      retry: (_failures, error) => !isForeign(error),
      retryDelay: POLL_MS * 4,
    },
  );
  const batch = batchId ? progress.data : undefined;
  const pollError = batchId && progress.failureReason ? errorMessage(progress.failureReason) : null;

  const follow = (id: string | null, initial?: AnalysisBatchView) => {
    writeStored(key, id);
    if (id && initial) client.setQueryData(queryKeyOf(analysisApi.getBatch, { params: { batchId: id } }), initial);
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

  // Not this workspace's batch (or gone): forget it quietly.
  const foreign = !!batchId && isForeign(progress.error);
  useEffect(() => {
    if (foreign) follow(null);
  }, [foreign]);

  // Once the batch finishes, the companies' scores and runs have changed.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (batch && !batch.done) wasRunning.current = true;
    if (batch?.done && wasRunning.current) {
      wasRunning.current = false;
      void client.invalidateQueries({ queryKey: contractKey(companiesApi) });
      void client.invalidateQueries({ queryKey: contractKey(analysisApi) });
    }
  }, [batch?.done]);

  const startBatch = useApiMutation(analysisApi.startBatch, (s: Stage) => ({ body: { stage: s } }), {
    invalidates: [analysisApi],
    onSuccess: (started) => {
      setConfirm(null);
      follow(started.batchId, started);
      setAnnouncement(`Bulk analysis of ${started.total} ${started.total === 1 ? 'company' : 'companies'} started.`);
    },
  });

  const openConfirm = async (s: Stage) => {
    startBatch.reset();
    setConfirm({ stage: s, count: knownCount ?? null, countError: null });
    if (knownCount !== undefined) return;
    try {
      let count = 0;
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await api.call(companiesApi.list, { query: { stage: s, limit: 100, cursor } });
        count += page.items.length;
        cursor = page.cursor ?? undefined;
      } while (cursor && ++pages < MAX_COUNT_PAGES);
      setConfirm((c) => (c && c.stage === s ? { ...c, count } : c));
    } catch (error) {
      setConfirm((c) => (c && c.stage === s ? { ...c, countError: errorMessage(error) } : c));
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

      {batchId && !foreign && <BatchPanel batch={batch} error={pollError} onClose={() => follow(null)} />}

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>

      <BulkConfirm
        confirm={confirm}
        busy={startBatch.isPending}
        error={startBatch.error ? problemText(startBatch.error) : null}
        onStart={() => confirm && !startBatch.isPending && startBatch.mutate(confirm.stage)}
        onClose={() => setConfirm(null)}
      />

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
