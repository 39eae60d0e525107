import { Link, useParams, useSearchParams } from 'react-router-dom';
import { quotesApi, type QuoteComparisonView } from '../../../../functions/quotes/contract';
import type { Money } from '../../../../functions/shared/money';
import { useDocumentTitle } from '../../shared/hooks';
import { useApiQuery } from '../../shared/query';
import { Badge, CellLabel, EmptyState, ErrorState, Loading, PageHeading, SelectField } from '../../shared/ui';
import { formatBps, formatMoney } from '../deals/money';
import './quotes.css';

type Change = QuoteComparisonView['changes'][number];

const FIELD_LABELS: Record<string, string> = {
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  discount: 'Discount',
  taxRateBps: 'Tax rate',
  optional: 'Optional',
  net: 'Net',
};
const MONEY_FIELDS = new Set(['unitPrice', 'discount', 'net']);

/** A compared value as a reader wants it: money in the quote's currency, rates as percentages. */
function show(field: string, value: unknown, currency: string): string {
  if (value === undefined || value === null) return '—';
  if (MONEY_FIELDS.has(field) && typeof value === 'number') return formatMoney({ amount: value, currency });
  if (field === 'taxRateBps' && typeof value === 'number') return formatBps(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

const TONE = { added: 'success', removed: 'danger', changed: 'info' } as const;
const scopeLabel = (scope: string) => (scope === 'lines' ? 'Lines' : scope);

function ChangeRow({ change, currency }: { change: Change; currency: string }) {
  return (
    <tr role="row" className={`change-${change.change}`}>
      <td role="cell">
        <CellLabel>Option</CellLabel>
        {scopeLabel(change.scope)}
      </td>
      <td role="cell">
        <Badge tone={TONE[change.change]}>{change.change}</Badge>
      </td>
      <td className="cell-primary" role="cell">
        {change.description}
      </td>
      <td role="cell">
        <CellLabel>What changed</CellLabel>
        <ul className="field-changes">
          {change.fields.map((f) => (
            <li key={f.field}>
              {FIELD_LABELS[f.field] ?? f.field}:{' '}
              {change.change !== 'added' && <del>{show(f.field, f.from, currency)}</del>}
              {change.change === 'changed' && ' → '}
              {change.change !== 'removed' && <ins>{show(f.field, f.to, currency)}</ins>}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

const delta = (from?: Money, to?: Money) =>
  from && to ? to.amount - from.amount : to ? to.amount : from ? -from.amount : 0;

/** `/quotes/:quoteId/compare?from=&to=`: two revisions line by line, and how each total moved. */
export function QuoteComparePage() {
  const { quoteId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const quote = useApiQuery(quotesApi.get, { params: { quoteId } });
  const current = quote.data?.revision ?? 1;
  const to = Number(params.get('to')) || current;
  const from = Number(params.get('from')) || Math.max(1, to - 1);
  useDocumentTitle(quote.data ? `${quote.data.number}: revisions ${from} and ${to}` : 'Compare revisions');
  const comparison = useApiQuery(
    quotesApi.compare,
    { params: { quoteId }, query: { from, to } },
    { enabled: Boolean(quote.data) },
  );
  const revisions = Array.from({ length: current }, (_, i) => ({ value: String(i + 1), label: `Revision ${i + 1}` }));
  const pick = (key: 'from' | 'to', value: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set(key, value);
      return next;
    });
  const currency = quote.data?.currency ?? 'GBP';
  const c = comparison.data;
  return (
    <>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to={`/quotes/${quoteId}`}>← {quote.data ? quote.data.number : 'The quote'}</Link>
          </p>
          <PageHeading>Compare revisions</PageHeading>
          {quote.data && <p className="page-sub">{quote.data.title}</p>}
        </div>
      </div>
      <div className="toolbar compare-pickers">
        <SelectField
          label="From"
          value={String(from)}
          options={revisions}
          onChange={(e) => pick('from', e.target.value)}
        />
        <SelectField label="To" value={String(to)} options={revisions} onChange={(e) => pick('to', e.target.value)} />
      </div>
      {quote.isError || comparison.isError ? (
        <div className="card">
          <ErrorState title="The revisions could not be compared" error={quote.error ?? comparison.error} />
        </div>
      ) : !c ? (
        <Loading label="Comparing…" />
      ) : (
        <>
          <section className="card card-pad compare-totals" aria-labelledby="totals-title">
            <h2 id="totals-title" className="section-title">
              Totals
            </h2>
            <ul className="total-changes">
              {c.totals.map((t) => {
                const d = delta(t.from, t.to);
                return (
                  <li key={t.scope}>
                    <strong>{scopeLabel(t.scope)}</strong>: {t.from ? formatMoney(t.from) : '—'} →{' '}
                    {t.to ? formatMoney(t.to) : '—'}{' '}
                    <span className={d > 0 ? 'delta-up' : d < 0 ? 'delta-down' : 'muted'}>
                      ({d > 0 ? '+' : d < 0 ? '−' : '±'}
                      {formatMoney({ amount: Math.abs(d), currency })})
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
          {c.changes.length === 0 ? (
            <div className="card">
              <EmptyState title="The lines are the same">
                Revisions {c.from} and {c.to} have the same lines.
              </EmptyState>
            </div>
          ) : (
            <div className="table-wrap card">
              <table className="data-table responsive" role="table" data-testid="comparison">
                <thead>
                  <tr>
                    <th scope="col">Option</th>
                    <th scope="col">Change</th>
                    <th scope="col">Line</th>
                    <th scope="col">What changed</th>
                  </tr>
                </thead>
                <tbody>
                  {c.changes.map((ch, i) => (
                    <ChangeRow key={i} change={ch} currency={currency} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
