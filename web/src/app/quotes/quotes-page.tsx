import { useSearchParams } from 'react-router-dom';
import { quotesApi } from '../../../../functions/quotes/contract';
import { QUOTE_STATUSES, type QuoteStatus } from '../../../../functions/shared/enums';
import { useDocumentTitle } from '../../shared/hooks';
import { itemsOf, useApiList } from '../../shared/query';
import { Button, ButtonLink, EmptyState, ErrorState, Loading, PageHeading } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { STATUS_LABELS } from './quote-status';
import { QuotesTable } from './quotes-table';
import './quotes.css';

const PAGE_SIZE = 50;

const isStatus = (s: string | null): s is QuoteStatus => QUOTE_STATUSES.includes(s as QuoteStatus);

/** `/quotes`: every quote, newest first, one status at a time (`?status=pending_approval` is the approval inbox's list). */
export function QuotesPage() {
  const { canWrite } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : undefined;
  useDocumentTitle(status ? `Quotes: ${STATUS_LABELS[status]}` : 'Quotes');
  const list = useApiList(quotesApi.list, { query: { status, limit: PAGE_SIZE } });
  const quotes = itemsOf(list.data);
  const ready = list.data !== undefined;
  const choose = (next: QuoteStatus | undefined) =>
    setParams(next ? new URLSearchParams({ status: next }) : new URLSearchParams(), { replace: true });

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Quotes</PageHeading>
          <p className="page-sub">Priced offers to your customers, from draft to accepted.</p>
        </div>
        <div className="page-actions">
          <ButtonLink to="/quotes/approvals">Approval inbox</ButtonLink>
          {canWrite && (
            <ButtonLink to="/quotes/new" variant="primary">
              New quote
            </ButtonLink>
          )}
        </div>
      </div>
      <div className="toolbar">
        <div className="chips quote-chips" role="group" aria-label="Status">
          <button type="button" className="chip" aria-pressed={!status} onClick={() => choose(undefined)}>
            All
          </button>
          {QUOTE_STATUSES.map((s) => (
            <button key={s} type="button" className="chip" aria-pressed={status === s} onClick={() => choose(s)}>
              {STATUS_LABELS[s]}
            </button>
          ))}
        </div>
      </div>
      {list.isError && !ready ? (
        <div className="card">
          <ErrorState title="The quotes could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !ready ? (
        <Loading label="Loading quotes…" />
      ) : quotes.length === 0 ? (
        <div className="card">
          {status ? (
            <EmptyState
              title={`No quotes are ${STATUS_LABELS[status].toLowerCase()}`}
              action={<Button onClick={() => choose(undefined)}>Show all quotes</Button>}
            />
          ) : (
            <EmptyState
              title="No quotes yet"
              action={
                canWrite ? (
                  <ButtonLink to="/quotes/new" variant="primary">
                    New quote
                  </ButtonLink>
                ) : undefined
              }
            >
              Build a quote from your catalog, with Good / Better / Best options if you like.
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          <QuotesTable quotes={quotes} />
          {list.hasNextPage && (
            <div className="list-footer">
              <Button busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Load more<span className="sr-only"> quotes</span>
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}
