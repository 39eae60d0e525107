import { keepPreviousData } from '@tanstack/react-query';
import { searchApi } from '../../../../functions/search/contract';
import { useApiQuery } from '../../shared/query';

/** A query worth sending: the API refuses one without a letter or digit. */
export const searchable = (q: string) => /[\p{L}\p{N}]/u.test(q);

/** The hits for `q` (nothing is asked for an empty query); the last answer stays while the next loads. */
export function useSearch(q: string, limit: number) {
  const enabled = searchable(q);
  const result = useApiQuery(
    searchApi.search,
    { query: { q, limit } },
    { enabled, placeholderData: keepPreviousData, staleTime: 5_000 },
  );
  return { ...result, enabled, items: enabled ? (result.data?.items ?? []) : [] };
}
