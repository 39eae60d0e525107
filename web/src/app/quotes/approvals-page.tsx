import { Link } from 'react-router-dom';
import { quotesApi } from '../../../../functions/quotes/contract';
import { formatRelative } from '../../shared/format';
import { useDocumentTitle } from '../../shared/hooks';
import { itemsOf, useApiList } from '../../shared/query';
import { Button, EmptyState, ErrorState, Loading, PageHeading } from '../../shared/ui';
import { formatMoney } from '../deals/money';
import { useWorkspace } from '../workspace';
import { ApprovalActions } from './quote-status-bar';
import './quotes.css';

/** `/quotes/approvals`: quotes waiting for an owner or admin, with the rules that caught them. */
export function ApprovalsPage() {
  useDocumentTitle('Approval inbox');
  const { userName } = useWorkspace();
  const list = useApiList(quotesApi.list, { query: { status: 'pending_approval', limit: 50 } });
  const quotes = itemsOf(list.data);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/quotes">← All quotes</Link>
          </p>
          <PageHeading>Approval inbox</PageHeading>
          <p className="page-sub">Quotes an approval rule caught: approve them, or send them back with a reason.</p>
        </div>
      </div>
      {list.isError && !list.data ? (
        <div className="card">
          <ErrorState title="The inbox could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !list.data ? (
        <Loading label="Loading the inbox…" />
      ) : quotes.length === 0 ? (
        <div className="card">
          <EmptyState title="Nothing is waiting for approval">Quotes submitted for approval show here.</EmptyState>
        </div>
      ) : (
        <ul className="approval-list">
          {quotes.map((q) => (
            <li key={q.quoteId} className="card card-pad approval-item" data-testid={`approval-${q.number}`}>
              <div className="approval-head">
                <Link to={`/quotes/${q.quoteId}`} className="approval-title">
                  {q.number}: {q.title}
                </Link>
                <strong className="approval-total">{formatMoney(q.headlineTotal)}</strong>
              </div>
              <p className="muted">
                {q.companyName ?? 'Company'} · submitted{' '}
                {q.approval.submittedAt ? formatRelative(q.approval.submittedAt) : ''} by{' '}
                {userName(q.approval.submittedBy) ?? 'someone'}
              </p>
              <ul className="approval-reasons-list">
                {q.approval.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              <ApprovalActions quote={q} />
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <div className="list-footer">
          <Button busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Load more<span className="sr-only"> quotes</span>
          </Button>
        </div>
      )}
    </>
  );
}
