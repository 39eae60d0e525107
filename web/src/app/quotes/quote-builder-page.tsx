import { useParams, useSearchParams } from 'react-router-dom';
import { quotesApi } from '../../../../functions/quotes/contract';
import { useDocumentTitle } from '../../shared/hooks';
import { useApiQuery } from '../../shared/query';
import { ErrorState, Loading } from '../../shared/ui';
import { QuoteEditor } from './quote-editor';
import './quotes.css';

/**
 * While someone else has the next step (an approver, then the customer), the quote's page asks
 * again this often, so "Approved" and "Accepted" show without a reload.
 */
const AWAITING_POLL_MS = 5_000;
const AWAITING_OTHERS: readonly string[] = ['pending_approval', 'sent', 'viewed'];

/** `/quotes/new?companyId=&dealId=` and `/quotes/:quoteId`: the quote builder. */
export function QuoteBuilderPage() {
  const { quoteId } = useParams();
  const [params] = useSearchParams();
  const quote = useApiQuery(
    quotesApi.get,
    { params: { quoteId: quoteId ?? '' } },
    {
      enabled: Boolean(quoteId),
      refetchInterval: (q) => (AWAITING_OTHERS.includes(q.state.data?.status ?? '') ? AWAITING_POLL_MS : false),
    },
  );
  useDocumentTitle(quoteId ? (quote.data ? `${quote.data.number}: ${quote.data.title}` : 'Quote') : 'New quote');
  if (!quoteId)
    return (
      <QuoteEditor
        key="new"
        prefill={{ companyId: params.get('companyId') ?? undefined, dealId: params.get('dealId') ?? undefined }}
      />
    );
  if (quote.isError)
    return (
      <div className="card">
        <ErrorState title="This quote could not be loaded" error={quote.error} onRetry={() => void quote.refetch()} />
      </div>
    );
  if (!quote.data) return <Loading label="Loading the quote…" />;
  // A new version (saved here or elsewhere, or a status change) starts the editor afresh from the server's figures.
  return <QuoteEditor key={`${quote.data.quoteId}-${quote.data.version}`} quote={quote.data} />;
}
