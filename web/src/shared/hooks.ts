import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { errorMessage, isAbort } from './api';
import { useApi, useServices } from './services';
import type { Page } from './types';

/** Sets `document.title` to "<title> · <product>". */
export function useDocumentTitle(title: string | undefined): void {
  const { product } = useServices();
  useEffect(() => {
    document.title = title ? `${title} · ${product}` : product;
  }, [title, product]);
}

/** `value`, after it has stopped changing for `ms`. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (update: T | ((current: T | undefined) => T)) => void;
}

/** Loads data when `deps` change; aborts stale loads; `reload()` runs it again. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reloading = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const keep = reloading.current;
    reloading.current = false;
    setState((s) => ({ data: keep ? s.data : undefined, loading: true }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setState({ error, loading: false });
      },
    );
    return () => controller.abort();
  }, [...deps, nonce]);

  const reload = useCallback(() => {
    reloading.current = true;
    setNonce((n) => n + 1);
  }, []);
  const setData = useCallback(
    (update: T | ((current: T | undefined) => T)) =>
      setState((s) => ({
        ...s,
        data: typeof update === 'function' ? (update as (c: T | undefined) => T)(s.data) : update,
      })),
    [],
  );
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}

/**
 * A cursor-paginated list at `path`: `list` holds the pages loaded so far, `loadMore()` appends the
 * next one, and `more` says whether that is running or what went wrong.
 */
export function usePagedList<T>(path: string, limit: number) {
  const api = useApi();
  const list = useResource((signal) => api.get<Page<T>>(path, { query: { limit }, signal }), [api, path, limit]);
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const loadMore = async () => {
    if (!list.data?.cursor) return;
    setMore({ busy: true, error: null });
    try {
      const page = await api.get<Page<T>>(path, { query: { limit, cursor: list.data.cursor } });
      list.setData((current) => ({ items: [...(current?.items ?? []), ...page.items], cursor: page.cursor }));
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: errorMessage(error) });
    }
  };
  return { list, more, loadMore };
}
