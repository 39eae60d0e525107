import { analysisApi, type AnalysisRunView } from '../../../../functions/analysis/contract';
import { ApiError, errorMessage } from '../../shared/api';
import { useApiQuery } from '../../shared/query';
import { isActive } from './model';

export interface PollTrouble {
  message: string;
  /** The run cannot be followed any more (gone, or not allowed); polling has stopped. */
  fatal: boolean;
}

const POLL_MS = 1000;
const MAX_PAUSE_MS = 15_000;

/** Gone or not ours: asking again will not help. */
const isFatal = (error: unknown) => error instanceof ApiError && (error.status === 403 || error.status === 404);

/**
 * Follows one analysis run (GET …/analysis/{runId}) about every second while it is queued or
 * running, and stops once it has finished. A failed poll is retried with growing pauses and
 * reported as `trouble` until one succeeds.
 */
export function useRunPoller(
  companyId: string,
  runId: string | null,
): { run: AnalysisRunView | undefined; trouble: PollTrouble | null } {
  const poll = useApiQuery(
    analysisApi.get,
    { params: { companyId, runId: runId ?? '' } },
    {
      enabled: runId !== null,
      staleTime: 0,
      // A finished follow leaves nothing behind: following the same run again starts afresh.
      gcTime: 0,
      refetchInterval: (query) =>
        (query.state.data && !isActive(query.state.data.status)) || isFatal(query.state.error) ? false : POLL_MS,
      retry: (_failures, error) => !isFatal(error),
      retryDelay: (failures) => Math.min(MAX_PAUSE_MS, POLL_MS * 2 ** failures),
    },
  );
  const failure = runId === null ? null : poll.failureReason;
  return {
    run: runId !== null && poll.data?.runId === runId ? poll.data : undefined,
    trouble: failure ? { message: errorMessage(failure), fatal: isFatal(failure) } : null,
  };
}
