import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { activitiesApi } from '../../../../functions/activities/contract';
import { companiesApi } from '../../../../functions/companies/contract';
import { dealsApi, type DealView } from '../../../../functions/deals/contract';
import { pipelinesApi, type PipelineView } from '../../../../functions/pipelines/contract';
import { contractKey, queryKeyOf } from '../../shared/query';
import { useApi } from '../../shared/services';
import { MoveQueue } from './move-queue';

/** Pages read for the board: 10 × 100 deals; more than that shows a note to filter. */
const PAGE = 100;
const MAX_PAGES = 10;

export interface BoardFilters {
  pipelineId: string;
  ownerId?: string;
  closeMonth?: string;
}

/** Every pipeline of the workspace (the first read creates the default one). */
export function usePipelines() {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeyOf(pipelinesApi.list, { query: { limit: 100 } }), 'all'],
    queryFn: async ({ signal }): Promise<PipelineView[]> =>
      (await api.call(pipelinesApi.list, { query: { limit: 100 }, signal })).items,
    staleTime: 60_000,
  });
}

const boardKey = (f: BoardFilters) => [...queryKeyOf(dealsApi.list, { query: { ...f } }), 'board'];

/** A pipeline's deals for the board (every page up to 1,000), with the filters the API applies. */
export function useBoardDeals(filters: BoardFilters, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: boardKey(filters),
    enabled,
    queryFn: async ({ signal }) => {
      const deals: DealView[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await api.call(dealsApi.list, {
          query: {
            limit: PAGE,
            cursor,
            pipelineId: filters.pipelineId,
            ownerId: filters.ownerId || undefined,
            closeMonth: filters.closeMonth || undefined,
          },
          signal,
        });
        deals.push(...page.items);
        cursor = page.cursor ?? undefined;
        pages++;
      } while (cursor && pages < MAX_PAGES);
      return { deals, truncated: Boolean(cursor) };
    },
  });
}

/** What a board move came to, for its message: nothing to say when it was cancelled behind a failed one. */
export type MoveResult =
  | { status: 'saved' }
  /** `stageId`: where the card is now, as the server has it. */
  | { status: 'failed'; error: unknown; stageId: string }
  | { status: 'skipped' };

/**
 * Moves a deal to a stage at once on the board (optimistic), then saves it with its version.
 * Moves of one deal are saved one after another (move-queue.ts), each with the version the one
 * before returned, so moving a card twice quickly is not a conflict. On an error the card goes
 * back to where the server has it (the board is read again), and the error is returned.
 */
export function useMoveDeal(filters: BoardFilters) {
  const api = useApi();
  const client = useQueryClient();
  const key = boardKey(filters);
  type Board = { deals: DealView[]; truncated: boolean };
  const queue = useRef<MoveQueue<DealView, { lostReason?: string }>>(null);
  queue.current ??= new MoveQueue((deal, stageId, version, extra) =>
    api.call(dealsApi.update, { params: { dealId: deal.dealId }, body: { stageId, ...extra }, version }),
  );
  const put = (deal: DealView) =>
    client.setQueryData<Board>(
      key,
      (board) => board && { ...board, deals: board.deals.map((d) => (d.dealId === deal.dealId ? deal : d)) },
    );
  return async (deal: DealView, stageId: string, extra: { lostReason?: string } = {}): Promise<MoveResult> => {
    await client.cancelQueries({ queryKey: key });
    put({ ...deal, stageId });
    const outcome = await queue.current!.move(deal, stageId, extra);
    if (outcome.status === 'saved') {
      // A later move of this card is still on its way: keep the card where the user put it last.
      const current = client.getQueryData<Board>(key)?.deals.find((d) => d.dealId === deal.dealId);
      put(outcome.last || !current ? outcome.saved : { ...outcome.saved, stageId: current.stageId });
      // The company may have moved stage, and its timeline has the move.
      void client.invalidateQueries({ queryKey: contractKey(companiesApi) });
      void client.invalidateQueries({ queryKey: contractKey(activitiesApi) });
      void client.invalidateQueries({ queryKey: contractKey(dealsApi), refetchType: 'none' });
      return { status: 'saved' };
    }
    put(outcome.server);
    if (outcome.status === 'skipped') return { status: 'skipped' };
    // Someone else may have moved it: the server's board, read again, says where it is.
    await client.refetchQueries({ queryKey: key }).catch(() => undefined);
    const fresh = client.getQueryData<Board>(key)?.deals.find((d) => d.dealId === deal.dealId);
    return { status: 'failed', error: outcome.error, stageId: (fresh ?? outcome.server).stageId };
  };
}
