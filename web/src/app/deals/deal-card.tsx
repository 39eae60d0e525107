import { useDraggable } from '@dnd-kit/core';
import { Link } from 'react-router-dom';
import type { DealView } from '../../../../functions/deals/contract';
import type { PipelineView } from '../../../../functions/pipelines/contract';
import { cx, formatDate } from '../../shared/format';
import { useWorkspace } from '../workspace';
import { daysInStage, formatMoney, isRotting } from './money';

/** One deal on the board: drag it by its handle, or pick a stage from "Move to…". */
export function DealCard({
  deal,
  pipeline,
  onMove,
}: {
  deal: DealView;
  pipeline: PipelineView;
  onMove: (deal: DealView, stageId: string) => void;
}) {
  const { canWrite } = useWorkspace();
  const drag = useDraggable({ id: deal.dealId, data: { stageId: deal.stageId }, disabled: !canWrite });
  return <DealCardView deal={deal} pipeline={pipeline} onMove={onMove} drag={drag} />;
}

/** A deal card as drawn: on the board (with `drag`), or as the copy under the pointer while dragging. */
export function DealCardView({
  deal,
  pipeline,
  onMove,
  drag,
}: {
  deal: DealView;
  pipeline: PipelineView;
  onMove?: (deal: DealView, stageId: string) => void;
  drag?: ReturnType<typeof useDraggable>;
}) {
  const { userName, canWrite } = useWorkspace();
  const { attributes, listeners, setNodeRef, isDragging } = drag ?? {};
  const dragging = !drag;
  const rotting = isRotting(deal, pipeline);
  const others = pipeline.stages.filter((s) => s.stageId !== deal.stageId);
  return (
    <article
      ref={setNodeRef}
      className={cx(
        'deal-card',
        rotting && 'deal-rotting',
        isDragging && 'deal-card-placeholder',
        dragging && 'deal-card-dragging',
      )}
      aria-label={deal.name}
      data-testid="deal-card"
    >
      <div className="deal-card-head">
        <Link to={`/deals/${deal.dealId}`} className="deal-card-name" title={deal.name}>
          {deal.name}
        </Link>
        {canWrite && drag && (
          <button
            type="button"
            className="deal-handle"
            aria-label={`Move ${deal.name}: press Space, then the arrow keys, then Space to drop`}
            {...attributes}
            {...listeners}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
      </div>
      <Link to={`/companies/${deal.companyId}?tab=deals`} className="deal-card-company" title={deal.companyName}>
        {deal.companyName ?? 'Company'}
      </Link>
      <div className="deal-card-meta">
        <strong>{formatMoney(deal.value)}</strong>
        <span>Closes {formatDate(deal.expectedCloseDate)}</span>
      </div>
      <div className="deal-card-meta">
        <span className="muted">{userName(deal.ownerId) ?? 'A former user'}</span>
        {rotting && (
          <span className="badge badge-warning" title="Longer in this stage than its rotting days">
            Rotting · {daysInStage(deal)} days
          </span>
        )}
      </div>
      {canWrite && onMove && (
        <label className="deal-move">
          <span className="sr-only">Move {deal.name} to another stage</span>
          <select
            className="input select"
            value=""
            onChange={(e) => e.target.value && onMove(deal, e.target.value)}
            data-testid="move-to"
          >
            <option value="">Move to…</option>
            {others.map((s) => (
              <option key={s.stageId} value={s.stageId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </article>
  );
}
