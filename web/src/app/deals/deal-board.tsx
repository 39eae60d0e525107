import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  rectIntersection,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useMemo, useRef, useState } from 'react';
import type { DealView } from '../../../../functions/deals/contract';
import type { PipelineView } from '../../../../functions/pipelines/contract';
import { cx } from '../../shared/format';
import { columnJumps } from './board-keyboard';
import { DealCard, DealCardView } from './deal-card';
import { formatBps, formatMoney, totalsByCurrency } from './money';

type Stage = PipelineView['stages'][number];

function Column({
  stage,
  deals,
  pipeline,
  onMove,
}: {
  stage: Stage;
  deals: DealView[];
  pipeline: PipelineView;
  onMove: (deal: DealView, stageId: string) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.stageId });
  const totals = totalsByCurrency(deals, pipeline);
  const headingId = `stage-${stage.stageId}`;
  return (
    <section
      ref={setNodeRef}
      className={cx('board-column', isOver && 'board-column-over', `board-column-${stage.kind}`)}
      aria-labelledby={headingId}
      data-testid={`column-${stage.name}`}
    >
      <header className="board-column-head">
        <h2 id={headingId} className="board-column-title">
          {stage.name} <span className="board-count">{deals.length}</span>
        </h2>
        <span className="muted board-prob">{formatBps(stage.probabilityBps)}</span>
        <dl className="board-totals">
          {totals.length === 0 ? (
            <div>
              <dt className="sr-only">Total</dt>
              <dd className="muted">No deals</dd>
            </div>
          ) : (
            totals.map((t) => (
              <div key={t.value.currency}>
                <dt className="sr-only">Total in {t.value.currency}</dt>
                <dd>
                  {formatMoney(t.value)}
                  {stage.kind === 'open' && (
                    <span className="muted board-weighted" title="Weighted by probability">
                      {formatMoney(t.weighted)} weighted
                    </span>
                  )}
                </dd>
              </div>
            ))
          )}
        </dl>
      </header>
      <div className="board-cards">
        {deals.map((d) => (
          <DealCard key={d.dealId} deal={d} pipeline={pipeline} onMove={onMove} />
        ))}
      </div>
    </section>
  );
}

/**
 * The kanban board: one column per stage with its count and totals per currency. Cards move by
 * dragging (pointer), by keyboard (Space, ←/→, Space), or with their "Move to…" menu.
 */
export function DealBoard({
  pipeline,
  deals,
  onMove,
}: {
  pipeline: PipelineView;
  deals: DealView[];
  onMove: (deal: DealView, stageId: string) => void;
}) {
  const stageIds = useRef<string[]>([]);
  stageIds.current = pipeline.stages.map((s) => s.stageId);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJumps(() => stageIds.current) }),
  );
  const [active, setActive] = useState<DealView | null>(null);
  const byStage = useMemo(() => {
    const map = new Map<string, DealView[]>(pipeline.stages.map((s) => [s.stageId, []]));
    for (const d of deals) map.get(d.stageId)?.push(d);
    return map;
  }, [deals, pipeline]);
  const nameOf = (id: unknown) => pipeline.stages.find((s) => s.stageId === id)?.name ?? 'no stage';
  const dealOf = (id: unknown) => deals.find((d) => d.dealId === id);
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => `Picked up ${dealOf(a.id)?.name}. Use the left and right arrows to choose a stage.`,
    onDragOver: ({ active: a, over }) => `${dealOf(a.id)?.name} is over ${nameOf(over?.id)}.`,
    onDragEnd: ({ active: a, over }) =>
      over ? `${dealOf(a.id)?.name} was dropped in ${nameOf(over.id)}.` : `${dealOf(a.id)?.name} was put back.`,
    onDragCancel: ({ active: a }) => `Moving ${dealOf(a.id)?.name} was cancelled.`,
  };

  const end = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    const deal = dealOf(a.id);
    if (deal && over && over.id !== deal.stageId) onMove(deal, String(over.id));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={rectIntersection}
      accessibility={{ announcements }}
      onDragStart={({ active: a }) => setActive(dealOf(a.id) ?? null)}
      onDragEnd={end}
      onDragCancel={() => setActive(null)}
    >
      <div className="board" data-testid="deal-board">
        {pipeline.stages.map((s) => (
          <Column key={s.stageId} stage={s} deals={byStage.get(s.stageId) ?? []} pipeline={pipeline} onMove={onMove} />
        ))}
      </div>
      <DragOverlay>{active ? <DealCardView deal={active} pipeline={pipeline} /> : null}</DragOverlay>
    </DndContext>
  );
}
