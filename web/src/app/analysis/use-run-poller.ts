import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, isAbort } from '../../shared/api';
import { useApi } from '../../shared/services';
import type { AnalysisRun } from '../../shared/types';
import { isActive } from './model';

export interface PollTrouble {
  message: string;
  /** The run cannot be followed any more (gone, or not allowed); polling has stopped. */
  fatal: boolean;
}

/**
 * Polls GET `path` (one analysis run) about every `intervalMs` while it is queued or running,
 * handing each answer to `onUpdate`; stops by itself once the run has finished. A failed poll is
 * retried with growing pauses and reported as `trouble` until one succeeds.
 */
export function useRunPoller(
  path: string | null,
  onUpdate: (run: AnalysisRun) => void,
  intervalMs = 1000,
): PollTrouble | null {
  const api = useApi();
  const [trouble, setTrouble] = useState<PollTrouble | null>(null);
  const onUpdateRef = useRef(onUpdate);
  onUpdateRef.current = onUpdate;

  useEffect(() => {
    setTrouble(null);
    if (!path) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const tick = async () => {
      try {
        const run = await api.get<AnalysisRun>(path, { signal: controller.signal });
        if (controller.signal.aborted) return;
        failures = 0;
        setTrouble(null);
        onUpdateRef.current(run);
        if (isActive(run.status)) timer = setTimeout(tick, intervalMs);
      } catch (error) {
        if (controller.signal.aborted || isAbort(error)) return;
        const fatal = error instanceof ApiError && (error.status === 403 || error.status === 404);
        setTrouble({ message: errorMessage(error), fatal });
        if (!fatal) {
          failures++;
          timer = setTimeout(tick, Math.min(15_000, intervalMs * 2 ** failures));
        }
      }
    };
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, path, intervalMs]);

  return trouble;
}
