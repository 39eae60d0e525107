import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { companiesApi } from '../../../functions/companies/contract';
import { STAGES, type Stage } from '../../../functions/shared/enums';
import { errorMessage } from '../shared/api';
import { showingCount } from '../shared/format';
import { useDocumentTitle } from '../shared/hooks';
import { STAGE_LABELS } from '../shared/labels';
import { itemsOf, useApiList } from '../shared/query';
import { Alert, BuildingIcon, Button, ButtonLink, EmptyState, ErrorState, PageHeading, SearchIcon } from '../shared/ui';
import { BulkAnalysis } from './bulk-analysis';
import { BulkBar } from './companies/bulk-bar';
import { formatSort, parseSort, serverSort, sortedByServer, sortRows, type Sort } from './companies/sort';
import { StageChips } from './companies/stage-chips';
import { CompaniesTable, type Selection } from './companies-table';
import { CompanySearch } from './company-search';
import { ExportCompaniesButton } from './export-button';
import { useWorkspace } from './workspace';
import './companies/companies.css';

const PAGE_SIZE = 25;

const isStage = (s: string | null): s is Stage => !!s && (STAGES as readonly string[]).includes(s);

/** What the list shows when it is empty: why, and the way out. */
function NoCompanies({
  stage,
  q,
  canWrite,
  onClear,
}: {
  stage: Stage | undefined;
  q: string;
  canWrite: boolean;
  onClear: () => void;
}) {
  if (!q && !stage) {
    return (
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
    );
  }
  return (
    <EmptyState
      icon={<SearchIcon />}
      title={q ? `No companies match “${q}”` : `No companies in ${STAGE_LABELS[stage!]}`}
      action={
        <Button onClick={onClear}>
          {q && stage ? 'Clear search and filter' : q ? 'Clear search' : 'Show all stages'}
        </Button>
      }
    >
      {q
        ? 'Search looks at the start of every word of names and domains, whatever the accents. Check the spelling or try fewer letters.'
        : 'No company is at this stage right now.'}
      {q && stage ? ` Only ${STAGE_LABELS[stage]} companies were searched.` : ''}
    </EmptyState>
  );
}

/** `/companies`: stage filter, name search, the list with cursor pagination. */
export function CompaniesPage() {
  useDocumentTitle('Companies');
  const { canWrite } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const stageParam = params.get('stage');
  const stage = isStage(stageParam) ? stageParam : undefined;
  const q = (params.get('q') ?? '').trim();
  const sort = parseSort(params.get('sort'));
  const list = useApiList(companiesApi.list, {
    query: { stage, q: q || undefined, limit: PAGE_SIZE, sort: serverSort(sort) },
  });
  const loaded = itemsOf(list.data);
  const items = sortRows(loaded, sort);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selection: Selection = {
    selected,
    toggle: (id) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    setAll: (ids, on) =>
      setSelected((s) => {
        const next = new Set(s);
        for (const id of ids)
          if (on) next.add(id);
          else next.delete(id);
        return next;
      }),
  };
  // Only what is on screen can be acted on: a filter change drops companies no longer shown.
  const shownIds = new Set(loaded.map((c) => c.companyId));
  const chosen = [...selected].filter((id) => shownIds.has(id));
  const nameOf = (id: string) => loaded.find((c) => c.companyId === id)?.name ?? 'A company';
  const setSort = (next: Sort) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (next.column === 'name' && !next.desc) p.delete('sort');
        else p.set('sort', formatSort(next));
        return p;
      },
      { replace: true },
    );
  const ready = list.data !== undefined;
  const failed = list.isError && !ready;

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

  const filtered = Boolean(q || stage);
  const count = items.length;
  const announcement = failed
    ? 'Companies could not be loaded'
    : !ready
      ? ''
      : count === 0
        ? filtered
          ? 'No companies match'
          : 'No companies yet'
        : `${count}${list.hasNextPage ? '+' : ''} ${count === 1 ? 'company' : 'companies'}${filtered ? ' match' : ''}`;

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Companies</PageHeading>
          <p className="page-sub">Leads, prospects and customers you sell to.</p>
        </div>
        <div className="page-actions">
          <ExportCompaniesButton stage={stage} q={q} />
          {canWrite && <ButtonLink to="/import">Import</ButtonLink>}
          {canWrite && (
            <ButtonLink to="/companies/new" variant="primary" icon={<span aria-hidden="true">+</span>}>
              New company
            </ButtonLink>
          )}
        </div>
      </div>

      <div className="toolbar">
        <CompanySearch
          searching={list.isFetching && !list.isFetchingNextPage}
          placeholder="Filter by name or domain…"
        />
        <StageChips stage={stage} onChange={setStage} />
        <BulkAnalysis stage={stage} knownCount={ready && !list.hasNextPage && !q ? count : undefined} />
      </div>

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>

      {failed ? (
        <div className="card">
          <ErrorState title="Companies could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : ready && count === 0 ? (
        <div className="card">
          <NoCompanies
            stage={stage}
            q={q}
            canWrite={canWrite}
            onClear={() => setParams(new URLSearchParams(), { replace: true })}
          />
        </div>
      ) : (
        <>
          {canWrite && (
            <BulkBar
              ids={chosen}
              nameOf={nameOf}
              onClear={() => setSelected(new Set())}
              onDone={(keep) => setSelected(new Set(keep))}
            />
          )}
          <CompaniesTable
            companies={ready ? items : undefined}
            stage={stage}
            q={q}
            sort={sort}
            onSort={setSort}
            selection={canWrite ? selection : undefined}
          />
          {ready && !sortedByServer(sort) && list.hasNextPage && (
            <p className="count-line">Sorted among the {count} companies loaded so far; load more to sort them all.</p>
          )}
        </>
      )}

      {ready && count > 0 && (
        <div className="list-footer">
          {list.isFetchNextPageError && (
            <Alert
              tone="error"
              actions={
                <Button size="sm" onClick={() => void list.fetchNextPage()}>
                  Try again
                </Button>
              }
            >
              More companies could not be loaded: {errorMessage(list.error)}
            </Alert>
          )}
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
              Load more
            </Button>
          ) : (
            <p className="count-line">{showingCount(count, { one: 'company', other: 'companies' }, filtered)}</p>
          )}
        </div>
      )}
    </>
  );
}
