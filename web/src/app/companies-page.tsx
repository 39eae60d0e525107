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
import { CompaniesTable } from './companies-table';
import { CompanySearch } from './company-search';
import { useWorkspace } from './workspace';

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
  const list = useApiList(companiesApi.list, { query: { stage, q: q || undefined, limit: PAGE_SIZE } });
  const items = itemsOf(list.data);
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
        {canWrite && (
          <ButtonLink to="/companies/new" variant="primary" icon={<span aria-hidden="true">+</span>}>
            New company
          </ButtonLink>
        )}
      </div>

      <div className="toolbar">
        <CompanySearch searching={list.isFetching && !list.isFetchingNextPage} />
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
        <CompaniesTable companies={ready ? items : undefined} stage={stage} q={q} />
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
