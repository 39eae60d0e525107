import { quotesApi } from '../../../../functions/quotes/contract';
import { itemsOf, useApiList } from '../../shared/query';
import { Button, ButtonLink, EmptyState, ErrorState, Loading } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { QuotesTable } from './quotes-table';
import './quotes.css';

/**
 * The quotes of a company (its Quotes tab) or of a deal (a section of the deal page), newest
 * first, with "New quote" prefilled with the company and the deal.
 */
export function RelatedQuotes({ companyId, dealId }: { companyId: string; dealId?: string }) {
  const { canWrite } = useWorkspace();
  const list = useApiList(quotesApi.list, { query: { ...(dealId ? { dealId } : { companyId }), limit: 20 } });
  const quotes = itemsOf(list.data);
  const prefill = new URLSearchParams({ companyId, ...(dealId ? { dealId } : {}) });
  return (
    <section aria-labelledby="quotes-title" className="related-quotes">
      <div className="section-head">
        <h2 id="quotes-title" className="section-title">
          Quotes{' '}
          {list.data && (
            <span className="muted">
              ({quotes.length}
              {list.hasNextPage ? '+' : ''})
            </span>
          )}
        </h2>
        {canWrite && (
          <ButtonLink to={`/quotes/new?${prefill}`} variant="primary" size="sm">
            New quote
          </ButtonLink>
        )}
      </div>
      {list.isError ? (
        <div className="card">
          <ErrorState title="The quotes could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !list.data ? (
        <Loading label="Loading quotes…" />
      ) : quotes.length === 0 ? (
        <div className="card">
          <EmptyState title={dealId ? 'No quotes for this deal yet' : 'No quotes with this company yet'}>
            A quote built from here is linked to {dealId ? 'this deal and its company' : 'this company'}.
          </EmptyState>
        </div>
      ) : (
        <>
          <QuotesTable quotes={quotes} showCompany={false} />
          {list.hasNextPage && (
            <div className="list-footer">
              <Button busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Load more<span className="sr-only"> quotes</span>
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
