import {
  QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type UseInfiniteQueryOptions,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { Contract, ResponseOf, Route } from '../../../functions/shared/contract';
import { ApiError, type CallArgs, type CallInput } from './api';
import { useApi } from './services';

/**
 * Server state in the SPAs: every query is keyed `[function, operation, params, query]` after its
 * route, so a write can invalidate a whole domain (`['companies']`) or one operation.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again; network errors and 5xx may.
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

type Input<R extends Route> = CallInput<R> & { params?: unknown; query?: unknown };

/** The cache key of one call: route first, so `invalidateContract` can clear a domain. */
export function queryKeyOf<R extends Route>(route: R, ...[input]: CallArgs<R>): readonly unknown[] {
  const { params, query } = (input ?? {}) as Input<R>;
  return [route.fn, route.name, params ?? {}, query ?? {}];
}

/** Every cached query of a contract (a domain), e.g. after a write that changes its lists. */
export const contractKey = (contract: Contract): readonly unknown[] => [Object.values(contract)[0]!.fn];

type QueryOptions<R extends Route> = Omit<UseQueryOptions<ResponseOf<R>, unknown>, 'queryKey' | 'queryFn'>;

/** Loads one route's answer into the cache (`enabled`, `refetchInterval` and the rest as TanStack Query takes them). */
export function useApiQuery<R extends Route>(route: R, input: CallInput<R>, options: QueryOptions<R> = {}) {
  const api = useApi();
  const args = [input] as unknown as CallArgs<R>;
  return useQuery({
    queryKey: queryKeyOf(route, ...args),
    queryFn: ({ signal }) => api.call(route, ...([{ ...input, signal }] as unknown as CallArgs<R>)),
    ...options,
  });
}

type PageOf<R extends Route> = ResponseOf<R> & { items: unknown[]; cursor: string | null };
type InfiniteOptions<R extends Route> = Omit<
  UseInfiniteQueryOptions<PageOf<R>, unknown, InfiniteData<PageOf<R>>, readonly unknown[], string | undefined>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam'
>;

/** A cursor-paginated list: pages load one after another with `fetchNextPage()`. */
export function useApiList<R extends Route>(route: R, input: CallInput<R>, options: Partial<InfiniteOptions<R>> = {}) {
  const api = useApi();
  const { query, ...rest } = input as Input<R> & { query?: Record<string, unknown> };
  return useInfiniteQuery({
    queryKey: queryKeyOf(route, ...([input] as unknown as CallArgs<R>)),
    queryFn: ({ pageParam, signal }) =>
      api.call(
        route,
        ...([{ ...rest, query: { ...query, cursor: pageParam }, signal }] as unknown as CallArgs<R>),
      ) as Promise<PageOf<R>>,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: PageOf<R>) => last.cursor ?? undefined,
    ...options,
  });
}

/** The items of every loaded page, in order. */
export const itemsOf = <P extends { items: unknown[] }>(data: InfiniteData<P> | undefined): P['items'] =>
  data?.pages.flatMap((p) => p.items) ?? [];

type MutationOptions<R extends Route, V> = Omit<UseMutationOptions<ResponseOf<R>, unknown, V>, 'mutationFn'> & {
  /** Contracts (domains) whose cached queries are stale once this succeeds. */
  invalidates?: readonly Contract[];
};

/** A write through one route; on success the named domains are refetched. */
export function useApiMutation<R extends Route, V = CallInput<R>>(
  route: R,
  toInput: (variables: V) => CallInput<R> = (v) => v as unknown as CallInput<R>,
  { invalidates = [], onSuccess, ...options }: MutationOptions<R, V> = {},
) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (variables: V) => api.call(route, ...([toInput(variables)] as unknown as CallArgs<R>)),
    ...options,
    onSuccess: async (data, variables, onMutateResult, context) => {
      await Promise.all(invalidates.map((c) => client.invalidateQueries({ queryKey: contractKey(c) })));
      await onSuccess?.(data, variables, onMutateResult, context);
    },
  });
}
