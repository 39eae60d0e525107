import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage, isAbort } from '../shared/api';
import { useDebouncedValue, useDocumentTitle } from '../shared/hooks';
import { STAGE_LABELS } from '../shared/labels';
import { useApi } from '../shared/services';
import { STAGES, type Company, type Page, type Stage } from '../shared/types';
import {
  Alert,
  BuildingIcon,
  Button,
  ButtonLink,
  EmptyState,
  ErrorState,
  PageHeading,
  SearchIcon,
  Skeleton,
  Spinner,
} from '../shared/ui';
import { BulkAnalysis } from './bulk-analysis';
import { StageBadge } from './stage-badge';
import { TimeAgo } from './time-ago';
import { useWorkspace } from './workspace';

const PAGE_SIZE = 25;

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; items: Company[]; cursor: string | null; loadingMore: boolean; moreError: string | null };

const isStage = (s: string | null): s is Stage => !!s && (STAGES as readonly string[]).includes(s);

function SearchFieldIcon() {
  return (
    <svg
      className="search-icon"
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <circle cx="8.5" cy="8.5" r="5.5" />
      <path d="M13 13l4.5 4.5" strokeLinecap="round" />
    </svg>
  );
}

/** `/companies`: stage filter, name search, the list with cursor pagination. */
export function CompaniesPage() {
  useDocumentTitle('Companies');
  const api = useApi();
  const { canWrite, userName } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const stageParam = params.get('stage');
  const stage = isStage(stageParam) ? stageParam : undefined;
  const q = (params.get('q') ?? '').trim();

  const [search, setSearch] = useState(params.get('q') ?? '');
  const debounced = useDebouncedValue(search.trim(), 300);
  const pushed = useRef(q);

  useEffect(() => {
    if (debounced === q) return;
    pushed.current = debounced;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced]);

  useEffect(() => {
    if (q !== pushed.current) {
      pushed.current = q;
      setSearch(q);
    }
  }, [q]);

  const setStage = (value: Stage | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('stage', value);
        else next.delete('stage');
        return next;
      },
      { replace: true },
    );

  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  const moreController = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setState({ status: 'loading' });
    api
      .get<Page<Company>>('/v1/companies', {
        query: { stage, q: q || undefined, limit: PAGE_SIZE },
        signal: controller.signal,
      })
      .then(
        (page) =>
          setState({ status: 'ready', items: page.items, cursor: page.cursor, loadingMore: false, moreError: null }),
        (error: unknown) => {
          if (!isAbort(error)) setState({ status: 'error', error });
        },
      );
    return () => controller.abort();
  }, [api, stage, q, nonce]);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.cursor || state.loadingMore) return;
    const controller = new AbortController();
    moreController.current = controller;
    setState({ ...state, loadingMore: true, moreError: null });
    try {
      const page = await api.get<Page<Company>>('/v1/companies', {
        query: { stage, q: q || undefined, limit: PAGE_SIZE, cursor: state.cursor },
        signal: controller.signal,
      });
      setState((s) =>
        s.status === 'ready'
          ? { ...s, items: [...s.items, ...page.items], cursor: page.cursor, loadingMore: false }
          : s,
      );
    } catch (error) {
      if (isAbort(error)) return;
      setState((s) => (s.status === 'ready' ? { ...s, loadingMore: false, moreError: errorMessage(error) } : s));
    }
  }, [api, q, stage, state]);

  const filtered = Boolean(q || stage);
  const clearFilters = () => {
    setSearch('');
    pushed.current = '';
    setParams(new URLSearchParams(), { replace: true });
  };

  const count = state.status === 'ready' ? state.items.length : 0;
  const announcement =
    state.status === 'loading'
      ? ''
      : state.status === 'error'
        ? 'Companies could not be loaded'
        : count === 0
          ? filtered
            ? 'No companies match'
            : 'No companies yet'
          : `${count}${state.cursor ? '+' : ''} ${count === 1 ? 'company' : 'companies'}${filtered ? ' match' : ''}`;

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Companies</PageHeading>
          <p className="page-sub">Leads, prospects and customers you sell to.</p>
        </div>
        {canWrite && (
          <ButtonLink to="/companies/new" variant="primary" icon={<span aria-hidden="true">+</span>}>
            New company
          </ButtonLink>
        )}
      </div>

      <div className="toolbar">
        <div className="search" role="search">
          <label htmlFor="company-search" className="sr-only">
            Search companies
          </label>
          <SearchFieldIcon />
          <input
            id="company-search"
            className="input"
            type="search"
            placeholder="Search by name…"
            autoComplete="off"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && search) {
                e.preventDefault();
                setSearch('');
              }
            }}
          />
          {state.status === 'loading' && (search.trim() !== '' || q !== '') && (
            <span className="search-status">
              <Spinner size="sm" />
            </span>
          )}
        </div>
        <div className="chips" role="group" aria-label="Filter by stage">
          <button type="button" className="chip" aria-pressed={!stage} onClick={() => setStage(undefined)}>
            All stages
          </button>
          {STAGES.map((s) => (
            <button
              key={s}
              type="button"
              className="chip"
              aria-pressed={stage === s}
              onClick={() => setStage(stage === s ? undefined : s)}
            >
              {STAGE_LABELS[s]}
            </button>
          ))}
        </div>
        <BulkAnalysis
          stage={stage}
          knownCount={state.status === 'ready' && !state.cursor && !q ? state.items.length : undefined}
        />
      </div>

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>

      {state.status === 'error' ? (
        <div className="card">
          <ErrorState
            title="Companies could not be loaded"
            error={state.error}
            onRetry={() => setNonce((n) => n + 1)}
          />
        </div>
      ) : state.status === 'ready' && state.items.length === 0 ? (
        <div className="card">
          {filtered ? (
            <EmptyState
              icon={<SearchIcon />}
              title={q ? `No companies match “${q}”` : `No companies in ${STAGE_LABELS[stage!]}`}
              action={
                <Button onClick={clearFilters}>
                  {q && stage ? 'Clear search and filter' : q ? 'Clear search' : 'Show all stages'}
                </Button>
              }
            >
              {q
                ? 'Search looks at the start of company names. Check the spelling or try fewer letters.'
                : 'No company is at this stage right now.'}
              {q && stage ? ` Only ${STAGE_LABELS[stage]} companies were searched.` : ''}
            </EmptyState>
          ) : (
            <EmptyState
              icon={<BuildingIcon />}
              title="No companies yet"
              action={
                canWrite ? (
                  <ButtonLink to="/companies/new" variant="primary">
                    Add your first company
                  </ButtonLink>
                ) : undefined
              }
            >
              Companies are the businesses you sell to. Add one to track its contacts, stage and history.
            </EmptyState>
          )}
        </div>
      ) : (
        <div className="table-wrap" aria-busy={state.status === 'loading'}>
          <table className="data-table responsive" role="table">
            <caption className="sr-only">
              Companies{stage ? ` at stage ${STAGE_LABELS[stage]}` : ''}
              {q ? ` matching “${q}”` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Stage</th>
                <th scope="col">Industry</th>
                <th scope="col">Owner</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {state.status === 'loading'
                ? Array.from({ length: 6 }, (_, i) => (
                    <tr key={i} className="skeleton-row" role="row">
                      <td role="cell">
                        <Skeleton width={`${55 + ((i * 17) % 35)}%`} />
                      </td>
                      <td role="cell">
                        <Skeleton width="80px" height="1.4em" />
                      </td>
                      <td role="cell">
                        <Skeleton width="70%" />
                      </td>
                      <td role="cell">
                        <Skeleton width="60%" />
                      </td>
                      <td role="cell">
                        <Skeleton width="50%" />
                      </td>
                    </tr>
                  ))
                : state.items.map((c) => (
                    <tr key={c.companyId} className="clickable" role="row">
                      <td className="cell-primary" role="cell">
                        <Link className="row-link" to={`/companies/${c.companyId}`}>
                          {c.name}
                        </Link>
                        {c.domain && <span className="cell-domain">{c.domain}</span>}
                      </td>
                      <td role="cell">
                        <span className="cell-label" aria-hidden="true">
                          Stage
                        </span>
                        <StageBadge stage={c.stage} />
                      </td>
                      <td role="cell" className={c.industry ? undefined : 'cell-muted'}>
                        <span className="cell-label" aria-hidden="true">
                          Industry
                        </span>
                        {c.industry ?? '—'}
                      </td>
                      <td role="cell" className={c.ownerId ? undefined : 'cell-muted'}>
                        <span className="cell-label" aria-hidden="true">
                          Owner
                        </span>
                        {userName(c.ownerId) ?? (c.ownerId ? 'Former user' : 'Unassigned')}
                      </td>
                      <td role="cell" className="cell-muted">
                        <span className="cell-label" aria-hidden="true">
                          Updated
                        </span>
                        <TimeAgo iso={c.updatedAt} />
                      </td>
                    </tr>
                  ))}
            </tbody>
          </table>
          {state.status === 'loading' && (
            <span className="sr-only" role="status">
              Loading companies…
            </span>
          )}
        </div>
      )}

      {state.status === 'ready' && state.items.length > 0 && (
        <div className="list-footer">
          {state.moreError && (
            <Alert
              tone="error"
              actions={
                <Button size="sm" onClick={loadMore}>
                  Try again
                </Button>
              }
            >
              More companies could not be loaded: {state.moreError}
            </Alert>
          )}
          {state.cursor ? (
            <Button onClick={loadMore} busy={state.loadingMore}>
              Load more
            </Button>
          ) : (
            <p className="count-line">
              {state.items.length === 1 ? 'Showing the only company' : `Showing all ${state.items.length} companies`}
              {filtered ? ' that match' : ''}
            </p>
          )}
        </div>
      )}
    </>
  );
}
