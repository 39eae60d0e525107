import { Link } from 'react-router-dom';
import type { QuoteView } from '../../../../functions/quotes/contract';
import { formatRelative } from '../../shared/format';
import { CellLabel } from '../../shared/ui';
import { formatMoney } from '../deals/money';
import { QuoteStatusBadge } from './quote-status';

/** Quotes as a table (cards on a phone): number, title, company, headline total, status, updated. */
export function QuotesTable({ quotes, showCompany = true }: { quotes: QuoteView[]; showCompany?: boolean }) {
  return (
    <div className="table-wrap card">
      <table className="data-table responsive quotes-table" role="table" data-testid="quotes-table">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Title</th>
            {showCompany && <th scope="col">Company</th>}
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {quotes.map((q) => (
            <tr key={q.quoteId} role="row">
              <td className="cell-nowrap" role="cell">
                <CellLabel>Number</CellLabel>
                <Link to={`/quotes/${q.quoteId}`}>{q.number}</Link>
                {q.revision > 1 && <span className="muted"> rev {q.revision}</span>}
              </td>
              <td className="cell-primary" role="cell">
                <Link to={`/quotes/${q.quoteId}`} tabIndex={-1}>
                  {q.title}
                </Link>
              </td>
              {showCompany && (
                <td role="cell">
                  <CellLabel>Company</CellLabel>
                  <Link to={`/companies/${q.companyId}?tab=quotes`}>{q.companyName ?? 'Company'}</Link>
                </td>
              )}
              <td className="num cell-nowrap" role="cell">
                <CellLabel>Total</CellLabel>
                {formatMoney(q.headlineTotal)}
                {q.tiers && q.tiers.length > 1 && <span className="muted"> (from, {q.tiers.length} tiers)</span>}
              </td>
              <td role="cell">
                <CellLabel>Status</CellLabel>
                <QuoteStatusBadge status={q.status} />
              </td>
              <td className="cell-nowrap muted" role="cell">
                <CellLabel>Updated</CellLabel>
                <time dateTime={q.updatedAt} title={q.updatedAt}>
                  {formatRelative(q.updatedAt)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
