import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { activitiesApi } from '../../../../functions/activities/contract';
import { companiesApi } from '../../../../functions/companies/contract';
import { dealsApi } from '../../../../functions/deals/contract';
import { ApiError, errorMessage } from '../../shared/api';
import { formatDate, formatDateTime } from '../../shared/format';
import { useDocumentTitle } from '../../shared/hooks';
import { contractKey, useApiMutation, useApiQuery } from '../../shared/query';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  Dialog,
  EmptyState,
  ErrorState,
  Loading,
  PageHeading,
  SelectField,
  useToast,
} from '../../shared/ui';
import { RelatedQuotes } from '../quotes/related-quotes';
import { LinkedTasks } from '../tasks/linked-tasks';
import { useWorkspace } from '../workspace';
import { DealForm } from './deal-form';
import { LostReasonDialog } from './lost-reason-dialog';
import { formatBps, formatMoney, isRotting, probabilityOf } from './money';
import { usePipelines } from './use-deals';

/** `/deals/:dealId`: the deal's fields, its stage (move, win, lose with a reason), edit and delete. */
export function DealPage() {
  const { dealId = '' } = useParams();
  const { userName, canWrite } = useWorkspace();
  const toast = useToast();
  const navigate = useNavigate();
  const client = useQueryClient();
  const deal = useApiQuery(dealsApi.get, { params: { dealId } });
  const pipelines = usePipelines();
  const [editing, setEditing] = useState(false);
  const [losing, setLosing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const invalidates = [dealsApi, companiesApi, activitiesApi];
  const update = useApiMutation(
    dealsApi.update,
    (v: { body: Record<string, unknown>; version: number }) => ({
      params: { dealId },
      body: v.body,
      version: v.version,
    }),
    { invalidates },
  );
  const removal = useApiMutation(dealsApi.remove, (id: string) => ({ params: { dealId: id } }), { invalidates });
  const notFound = deal.error instanceof ApiError && deal.error.status === 404;
  useDocumentTitle(deal.data?.name ?? (notFound ? 'Deal not found' : 'Deal'));

  const back = (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/deals">← All deals</Link>
    </nav>
  );
  if (notFound)
    return (
      <>
        {back}
        <PageHeading>Deal not found</PageHeading>
        <EmptyState title="This deal does not exist">It may have been deleted, or the link is wrong.</EmptyState>
      </>
    );
  if (deal.error || pipelines.error)
    return (
      <>
        {back}
        <ErrorState
          title="This deal could not be loaded"
          error={deal.error ?? pipelines.error}
          onRetry={() => void deal.refetch()}
        />
      </>
    );
  if (!deal.data || !pipelines.data) return <Loading label="Loading deal…" />;

  const d = deal.data;
  const pipeline = pipelines.data.find((p) => p.pipelineId === d.pipelineId) ?? pipelines.data[0]!;
  const stage = pipeline.stages.find((s) => s.stageId === d.stageId);
  const save = async (body: Record<string, unknown>, done: string) => {
    setError(null);
    try {
      await update.mutateAsync({ body, version: d.version });
      toast(done);
    } catch (e) {
      if (e instanceof ApiError && e.isConflict) void client.invalidateQueries({ queryKey: contractKey(dealsApi) });
      setError(errorMessage(e));
    }
  };
  const moveTo = (stageId: string) => {
    const target = pipeline.stages.find((s) => s.stageId === stageId);
    if (!target) return;
    if (target.kind === 'lost') return setLosing(true);
    void save({ stageId }, target.kind === 'won' ? `${d.name} was won 🎉` : `Moved to ${target.name}`);
  };
  const wonStage = pipeline.stages.find((s) => s.kind === 'won');

  return (
    <>
      {back}
      <div className="page-head">
        <div>
          <PageHeading>{d.name}</PageHeading>
          <div className="page-sub">
            <Badge tone={d.status === 'won' ? 'success' : d.status === 'lost' ? 'danger' : 'info'}>
              {stage?.name ?? d.stageId}
            </Badge>
            <Link to={`/companies/${d.companyId}?tab=deals`}>{d.companyName}</Link>
            {isRotting(d, pipeline) && <Badge tone="warning">Rotting</Badge>}
          </div>
        </div>
        {canWrite && (
          <div className="row">
            {d.status === 'open' && wonStage && (
              <Button variant="primary" onClick={() => moveTo(wonStage.stageId)} busy={update.isPending}>
                Mark as won
              </Button>
            )}
            {d.status === 'open' && <Button onClick={() => setLosing(true)}>Mark as lost</Button>}
            {d.status !== 'open' && <Button onClick={() => void save({ status: 'open' }, 'Reopened')}>Reopen</Button>}
            <Button onClick={() => setEditing(true)}>Edit deal</Button>
            <Button variant="ghost" className="btn-danger-text" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </div>
        )}
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="card card-pad">
        <dl className="details">
          <div>
            <dt>Value</dt>
            <dd>{formatMoney(d.value)}</dd>
          </div>
          <div>
            <dt>Probability</dt>
            <dd>
              {formatBps(probabilityOf(d, pipeline))}
              {d.probabilityBps === undefined && d.status === 'open' && <span className="muted"> (the stage’s)</span>}
            </dd>
          </div>
          <div>
            <dt>Expected close</dt>
            <dd>{formatDate(d.expectedCloseDate)}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{userName(d.ownerId) ?? 'A former user'}</dd>
          </div>
          <div>
            <dt>Pipeline</dt>
            <dd>{pipeline.name}</dd>
          </div>
          <div>
            <dt>In this stage since</dt>
            <dd>{formatDateTime(d.stageChangedAt)}</dd>
          </div>
          {d.source && (
            <div>
              <dt>Source</dt>
              <dd>{d.source}</dd>
            </div>
          )}
          {d.lostReason && (
            <div>
              <dt>Lost because</dt>
              <dd>{d.lostReason}</dd>
            </div>
          )}
        </dl>
        {canWrite && (
          <div className="deal-stage-picker">
            <SelectField
              label="Stage"
              value={d.stageId}
              onChange={(e) => moveTo(e.target.value)}
              options={pipeline.stages.map((s) => ({
                value: s.stageId,
                label: `${s.name} (${formatBps(s.probabilityBps)})`,
              }))}
            />
          </div>
        )}
      </div>
      <div className="deal-quotes">
        <RelatedQuotes companyId={d.companyId} dealId={d.dealId} />
      </div>
      <div className="deal-tasks">
        <LinkedTasks
          filter={{ dealId: d.dealId }}
          draft={{ dealId: d.dealId, companyId: d.companyId }}
          name={d.name}
          companyNames={d.companyName ? { [d.companyId]: d.companyName } : undefined}
          empty={<>Add the next step for {d.name}: a call back, a proposal to send.</>}
        />
      </div>

      <Dialog open={editing} onClose={() => setEditing(false)} title="Edit deal" size="lg">
        {editing && (
          <DealForm
            pipeline={pipeline}
            deal={d}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              toast('The deal was saved');
            }}
          />
        )}
      </Dialog>
      <LostReasonDialog
        key={String(losing)}
        open={losing}
        dealName={d.name}
        busy={update.isPending}
        onCancel={() => setLosing(false)}
        onConfirm={(lostReason) => {
          setLosing(false);
          void save({ status: 'lost', lostReason }, `${d.name} was marked as lost`);
        }}
      />
      <ConfirmDialog
        open={deleting}
        title="Delete this deal?"
        confirmLabel="Delete deal"
        busy={removal.isPending}
        error={removal.error ? errorMessage(removal.error) : null}
        onConfirm={() =>
          removal.mutate(d.dealId, {
            onSuccess: () => {
              toast(`${d.name} was deleted`);
              navigate('/deals', { replace: true });
            },
          })
        }
        onCancel={() => setDeleting(false)}
      >
        <p>
          <strong>{d.name}</strong> will be deleted. Its company keeps the history.
        </p>
      </ConfirmDialog>
    </>
  );
}
