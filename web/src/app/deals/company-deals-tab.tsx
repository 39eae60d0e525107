import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { CompanyView } from '../../../../functions/companies/contract';
import { dealsApi } from '../../../../functions/deals/contract';
import { formatDate } from '../../shared/format';
import { itemsOf, useApiList } from '../../shared/query';
import { Badge, Button, Dialog, EmptyState, ErrorState, Loading, useToast } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { DealForm } from './deal-form';
import { formatMoney, totalsByCurrency } from './money';
import { usePipelines } from './use-deals';

/** The company page's Deals tab: its deals with stage and value, and "New deal" for this company. */
export function CompanyDealsTab({ company }: { company: CompanyView }) {
  const { canWrite, userName } = useWorkspace();
  const toast = useToast();
  const pipelines = usePipelines();
  const list = useApiList(dealsApi.forCompany, { params: { companyId: company.companyId }, query: { limit: 50 } });
  const [creating, setCreating] = useState(false);
  const deals = itemsOf(list.data);
  const pipeline = pipelines.data?.[0];
  const stageName = (pipelineId: string, stageId: string) =>
    pipelines.data?.find((p) => p.pipelineId === pipelineId)?.stages.find((s) => s.stageId === stageId)?.name ??
    stageId;
  const open = deals.filter((d) => d.status === 'open');
  return (
    <section aria-labelledby="deals-title">
      <div className="section-head">
        <h2 id="deals-title" className="section-title">
          Deals{' '}
          {list.data && (
            <span className="muted">
              ({deals.length}
              {list.hasNextPage ? '+' : ''})
            </span>
          )}
        </h2>
        {canWrite && pipeline && (
          <Button variant="primary" size="sm" onClick={() => setCreating(true)}>
            New deal
          </Button>
        )}
      </div>
      {list.isError ? (
        <div className="card">
          <ErrorState title="The deals could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !list.data || !pipelines.data ? (
        <Loading label="Loading deals…" />
      ) : deals.length === 0 ? (
        <div className="card">
          <EmptyState title="No deals with this company yet">
            Add a deal to track its value and close date on the board.
          </EmptyState>
        </div>
      ) : (
        <div className="card card-pad stack">
          {open.length > 0 && (
            <p className="muted">
              Open:{' '}
              {totalsByCurrency(open, pipeline)
                .map((t) => `${formatMoney(t.value)} (${formatMoney(t.weighted)} weighted)`)
                .join(' · ')}
            </p>
          )}
          <ul className="company-deals">
            {deals.map((d) => (
              <li key={d.dealId} className="company-deal">
                <Link to={`/deals/${d.dealId}`} className="company-deal-name">
                  {d.name}
                </Link>
                <Badge tone={d.status === 'won' ? 'success' : d.status === 'lost' ? 'danger' : 'info'}>
                  {stageName(d.pipelineId, d.stageId)}
                </Badge>
                <span>{formatMoney(d.value)}</span>
                <span className="muted">Closes {formatDate(d.expectedCloseDate)}</span>
                <span className="muted">{userName(d.ownerId)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {pipeline && (
        <Dialog open={creating} onClose={() => setCreating(false)} title={`New deal with ${company.name}`} size="lg">
          {creating && (
            <DealForm
              pipeline={pipeline}
              companyId={company.companyId}
              onCancel={() => setCreating(false)}
              onSaved={(deal) => {
                setCreating(false);
                toast(`${deal.name} was created`);
              }}
            />
          )}
        </Dialog>
      )}
    </section>
  );
}
