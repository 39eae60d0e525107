import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { DealView } from '../../../../functions/deals/contract';
import { ApiError, errorMessage } from '../../shared/api';
import { useDocumentTitle } from '../../shared/hooks';
import {
  Alert,
  Button,
  Dialog,
  EmptyState,
  ErrorState,
  Loading,
  PageHeading,
  SelectField,
  TextField,
  useToast,
} from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { DealBoard } from './deal-board';
import { DealForm } from './deal-form';
import { DealsTable } from './deals-table';
import { LostReasonDialog } from './lost-reason-dialog';
import { useBoardDeals, useMoveDeal, usePipelines } from './use-deals';

/** `/deals`: the pipeline board (or a table), filtered by owner and close month, with "New deal". */
export function DealsPage() {
  useDocumentTitle('Deals');
  const { users, canWrite } = useWorkspace();
  const toast = useToast();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const ownerId = params.get('owner') ?? '';
  const closeMonth = params.get('month') ?? '';
  const pipelines = usePipelines();
  const pipeline = pipelines.data?.find((p) => p.pipelineId === params.get('pipeline')) ?? pipelines.data?.[0];
  const filters = { pipelineId: pipeline?.pipelineId ?? '', ownerId, closeMonth };
  const board = useBoardDeals(filters, Boolean(pipeline));
  const move = useMoveDeal(filters);
  const [creating, setCreating] = useState(false);
  const [losing, setLosing] = useState<{ deal: DealView; stageId: string } | null>(null);

  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );

  const moveTo = async (deal: DealView, stageId: string, lostReason?: string) => {
    const stage = pipeline?.stages.find((s) => s.stageId === stageId);
    if (!stage) return;
    if (stage.kind === 'lost' && !lostReason) return setLosing({ deal, stageId });
    const result = await move(deal, stageId, lostReason ? { lostReason } : {});
    if (result.status === 'skipped') return;
    if (result.status === 'failed') {
      const back = pipeline?.stages.find((s) => s.stageId === result.stageId)?.name ?? 'its saved stage';
      // The board was read again after the refusal: "reload and try again" is already done.
      const why =
        result.error instanceof ApiError && result.error.isConflict
          ? 'someone else changed it meanwhile.'
          : errorMessage(result.error).replace(/\.?$/, '.');
      toast(`${deal.name} could not be moved: ${why} It is in ${back} now.`, 'error');
    } else toast(stage.kind === 'won' ? `${deal.name} was won 🎉` : `${deal.name} moved to ${stage.name}`);
  };

  const deals = board.data?.deals ?? [];
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Deals</PageHeading>
          {pipeline && <p className="page-sub">{pipeline.name}</p>}
        </div>
        <div className="row">
          <div className="segmented" role="group" aria-label="View">
            <button type="button" aria-pressed={view === 'board'} onClick={() => set('view', '')}>
              Board
            </button>
            <button type="button" aria-pressed={view === 'list'} onClick={() => set('view', 'list')}>
              List
            </button>
          </div>
          {canWrite && pipeline && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New deal
            </Button>
          )}
        </div>
      </div>

      <div className="deal-filters">
        {(pipelines.data?.length ?? 0) > 1 && (
          <SelectField
            label="Pipeline"
            value={pipeline?.pipelineId}
            onChange={(e) => set('pipeline', e.target.value)}
            options={(pipelines.data ?? []).map((p) => ({ value: p.pipelineId, label: p.name }))}
          />
        )}
        <SelectField
          label="Owner"
          value={ownerId}
          onChange={(e) => set('owner', e.target.value)}
          options={[{ value: '', label: 'Everyone' }, ...users.map((u) => ({ value: u.userId, label: u.name }))]}
        />
        <TextField label="Closing in" type="month" value={closeMonth} onChange={(e) => set('month', e.target.value)} />
        {(ownerId || closeMonth) && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => setParams(view === 'list' ? { view } : {}, { replace: true })}
          >
            Clear filters
          </Button>
        )}
      </div>

      {pipelines.error || board.error ? (
        <div className="card">
          <ErrorState
            title="The deals could not be loaded"
            error={pipelines.error ?? board.error}
            onRetry={() => void (pipelines.error ? pipelines.refetch() : board.refetch())}
          />
        </div>
      ) : !pipeline || !board.data ? (
        <Loading label="Loading deals…" />
      ) : deals.length === 0 && !ownerId && !closeMonth ? (
        <div className="card">
          <EmptyState
            title="No deals yet"
            action={
              canWrite && (
                <Button variant="primary" onClick={() => setCreating(true)}>
                  New deal
                </Button>
              )
            }
          >
            A deal is a sale you are working on with a company: its value, close date and stage.
          </EmptyState>
        </div>
      ) : (
        <>
          {board.data.truncated && (
            <Alert tone="info">Showing the first 1,000 deals. Filter by owner or close month to see the rest.</Alert>
          )}
          {view === 'board' ? (
            <DealBoard pipeline={pipeline} deals={deals} onMove={(d, s) => void moveTo(d, s)} />
          ) : deals.length === 0 ? (
            <div className="card">
              <EmptyState title="No deals match">Try another owner or month.</EmptyState>
            </div>
          ) : (
            <DealsTable deals={deals} pipeline={pipeline} />
          )}
        </>
      )}

      {pipeline && (
        <Dialog open={creating} onClose={() => setCreating(false)} title="New deal" size="lg">
          {creating && (
            <DealForm
              pipeline={pipeline}
              onCancel={() => setCreating(false)}
              onSaved={(deal) => {
                setCreating(false);
                toast(`${deal.name} was created`);
                void board.refetch();
                navigate(`/deals/${deal.dealId}`);
              }}
            />
          )}
        </Dialog>
      )}
      <LostReasonDialog
        key={losing?.deal.dealId ?? 'none'}
        open={Boolean(losing)}
        dealName={losing?.deal.name ?? ''}
        onCancel={() => setLosing(null)}
        onConfirm={(reason) => {
          const l = losing!;
          setLosing(null);
          void moveTo(l.deal, l.stageId, reason);
        }}
      />
    </>
  );
}
