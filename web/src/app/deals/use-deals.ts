import { useQuery, useQueryClient } from '@tanstack/react-query';
import { activitiesApi } from '../../../../functions/activities/contract';
import { companiesApi } from '../../../../functions/companies/contract';
import { dealsApi, type DealView } from '../../../../functions/deals/contract';
import { pipelinesApi, type PipelineView } from '../../../../functions/pipelines/contract';
import { contractKey, queryKeyOf } from '../../shared/query';
import { useApi } from '../../shared/services';

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

/**
 * Moves a deal to a stage at once on the board (optimistic), then saves it with its version; on
 * an error the board goes back to what it was and the error is returned for a message.
 */
export function useMoveDeal(filters: BoardFilters) {
  const api = useApi();
  const client = useQueryClient();
  const key = boardKey(filters);
  return async (deal: DealView, stageId: string, extra: { lostReason?: string } = {}): Promise<unknown> => {
    type Board = { deals: DealView[]; truncated: boolean };
    await client.cancelQueries({ queryKey: key });
    const before = client.getQueryData<Board>(key);
    client.setQueryData<Board>(
      key,
      (board) =>
        board && { ...board, deals: board.deals.map((d) => (d.dealId === deal.dealId ? { ...d, stageId } : d)) },
    );
    try {
      const saved = await api.call(dealsApi.update, {
        params: { dealId: deal.dealId },
        body: { stageId, ...extra },
        version: deal.version,
      });
      client.setQueryData<Board>(
        key,
        (board) => board && { ...board, deals: board.deals.map((d) => (d.dealId === saved.dealId ? saved : d)) },
      );
      // The company may have moved stage, and its timeline has the move.
      void client.invalidateQueries({ queryKey: contractKey(companiesApi) });
      void client.invalidateQueries({ queryKey: contractKey(activitiesApi) });
      void client.invalidateQueries({ queryKey: contractKey(dealsApi), refetchType: 'none' });
      return undefined;
    } catch (error) {
      client.setQueryData(key, before);
      return error;
    }
  };
}
