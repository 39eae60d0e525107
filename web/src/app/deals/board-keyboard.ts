import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Keyboard moves on the board: with a card picked up (Space or Enter), ← and → jump to the
 * previous or next stage column (not 25 px at a time), Space or Enter drops it, Escape cancels.
 * Columns are the droppables, in the order given.
 */
export const columnJumps =
  (columnIds: () => string[]): KeyboardCoordinateGetter =>
  (event, { currentCoordinates, context }) => {
    const step = event.code === KeyboardCode.Right ? 1 : event.code === KeyboardCode.Left ? -1 : 0;
    if (step === 0) return undefined;
    event.preventDefault();
    const ids = columnIds();
    const from = String(context.over?.id ?? context.active?.data.current?.stageId ?? '');
    const target = ids[Math.min(ids.length - 1, Math.max(0, ids.indexOf(from) + step))];
    const rect = target ? context.droppableRects.get(target) : undefined;
    const dragged = context.collisionRect;
    if (!rect || !dragged) return currentCoordinates;
    return {
      x: currentCoordinates.x + rect.left + rect.width / 2 - (dragged.left + dragged.width / 2),
      y: currentCoordinates.y + rect.top + 64 - dragged.top,
    };
  };
