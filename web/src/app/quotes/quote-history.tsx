import { Link } from 'react-router-dom';
import { quotesApi, type QuoteView } from '../../../../functions/quotes/contract';
import { formatDateTime } from '../../shared/format';
import { useApiQuery } from '../../shared/query';
import { ErrorState, Loading } from '../../shared/ui';
import { formatMoney } from '../deals/money';
import { useWorkspace } from '../workspace';

/** The revisions of a quote that were sent, each comparable with the current one. */
export function QuoteHistory({ quote }: { quote: QuoteView }) {
  const { userName } = useWorkspace();
  const versions = useApiQuery(quotesApi.versions, { params: { quoteId: quote.quoteId } });
  const items = versions.data?.items ?? [];
  return (
    <section className="card card-pad quote-history" aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        Version history
      </h2>
      {versions.isError ? (
        <ErrorState title="The history could not be loaded" error={versions.error} />
      ) : !versions.data ? (
        <Loading label="Loading the history…" />
      ) : items.length === 0 ? (
        <p className="muted">Revision {quote.revision} is the only one: each revision that is sent is kept here.</p>
      ) : (
        <ol className="history-list">
          {items.map((v) => (
            <li key={v.revision}>
              <strong>Revision {v.revision}</strong>{' '}
              <span className="muted">
                sent {formatDateTime(v.sentAt)} by {userName(v.sentBy) ?? 'someone'}
              </span>{' '}
              · {v.title} · {formatMoney(v.headlineTotal)}{' '}
              {v.revision !== quote.revision && (
                <Link to={`/quotes/${quote.quoteId}/compare?from=${v.revision}&to=${quote.revision}`}>
                  Compare with revision {quote.revision}
                </Link>
              )}
            </li>
          ))}
          {!items.some((v) => v.revision === quote.revision) && (
            <li>
              <strong>Revision {quote.revision}</strong> <span className="muted">(current, not sent)</span>
            </li>
          )}
        </ol>
      )}
    </section>
  );
}
