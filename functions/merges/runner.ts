/**
 * Moving a merge's children in bounded, resumable batches. Each batch is one transaction: the
 * children's moves, a move record per child (what an undo reverses), and the merge's `step` and
 * counts, conditioned on the step it read. A crash between batches leaves every child either
 * moved and recorded or untouched, so running again from the children still at the source (or,
 * undoing, from the move records left) finishes the work without doing any of it twice.
 */
import type { Merge } from '../data/merge.js';
import { assertCommitted } from '../data/transaction.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError } from '../shared/errors.js';
import type { Item, Mover } from './moves.js';

/** Children per batch: a move is up to three items (put, delete, move record), plus the merge: 3 × 32 + 1 ≤ 100. */
export const MERGE_BATCH = 32;

/** Batches one request runs before it answers `moving` (the client sends it again): 8 × 2 calls, well inside 29 s. */
export const MAX_BATCHES_PER_REQUEST = 8;

export interface RunOptions {
  /** Batches to run before stopping (tests stop after one to stand in for a crash). */
  maxBatches?: number;
  batchSize?: number;
}

const mergeKey = (m: Merge) => ({ tenantId: m.tenantId, mergeId: m.mergeId });
const raced = () => new ConflictError('This merge is being worked on by another request; try again');

async function commitBatch(
  deps: Deps,
  merge: Merge,
  counts: Record<string, number>,
  items: (entities: Parameters<Parameters<Deps['db']['transaction']['write']>[0]>[0]) => object[],
): Promise<Merge> {
  const step = merge.step;
  const result = await deps.db.transaction
    .write((entities) => [
      entities.merge
        .patch(mergeKey(merge))
        .set({ step: step + 1, counts })
        .where((a, { eq }) => eq(a.step, step))
        .commit(),
      ...(items(entities) as any[]),
    ])
    .go();
  assertCommitted(result, raced);
  return { ...merge, step: step + 1, counts };
}

/**
 * Moves children from the merge's source to its target until none are left ('done') or the
 * batch allowance is spent ('more'). Returns the merge as last written.
 */
export async function moveForward(
  deps: Deps,
  merge: Merge,
  movers: Mover[],
  options: RunOptions = {},
): Promise<{ merge: Merge; outcome: 'done' | 'more' }> {
  const size = options.batchSize ?? MERGE_BATCH;
  let budget = options.maxBatches ?? MAX_BATCHES_PER_REQUEST;
  let current = merge;
  for (const mover of movers) {
    for (;;) {
      const items = await mover.pending(current.sourceId, size);
      if (items.length === 0) break;
      if (budget-- <= 0) return { merge: current, outcome: 'more' };
      const counts = { ...(current.counts as Record<string, number>) };
      if (!mover.drop) counts[mover.kind] = (counts[mover.kind] ?? 0) + items.length;
      current = await commitBatch(deps, current, counts, (entities) =>
        items.flatMap((item) => [
          ...mover.writes(entities, item, current.sourceId, current.targetId),
          ...(mover.drop ? [] : [moveRecord(entities, current, mover, item)]),
        ]),
      );
    }
  }
  return { merge: current, outcome: 'done' };
}

const childIdOf = (mover: Mover, item: Item, at: string) => Object.values(mover.keyAt(item, at)).join('#');

const moveRecord = (entities: any, merge: Merge, mover: Mover, item: Item) =>
  entities.mergeMove
    .put({
      tenantId: merge.tenantId,
      mergeId: merge.mergeId,
      kind: mover.kind,
      childId: childIdOf(mover, item, merge.targetId),
      key: mover.keyAt(item, merge.targetId),
    })
    .commit();

/**
 * Moves back what the merge moved, from its move records, until none are left. A child deleted
 * at the target since is gone for good (its record is simply dropped). The counts keep saying
 * what the merge moved.
 */
export async function moveBack(
  deps: Deps,
  merge: Merge,
  movers: Mover[],
  options: RunOptions = {},
): Promise<{ merge: Merge; outcome: 'done' | 'more' }> {
  const size = options.batchSize ?? MERGE_BATCH;
  let budget = options.maxBatches ?? MAX_BATCHES_PER_REQUEST;
  const byKind = new Map(movers.map((m) => [m.kind, m]));
  let current = merge;
  for (;;) {
    const { data: records } = await deps.db.entities.mergeMove.query
      .byMerge(mergeKey(current))
      .go({ count: size, consistent: true });
    if (records.length === 0) return { merge: current, outcome: 'done' };
    if (budget-- <= 0) return { merge: current, outcome: 'more' };
    const loaded = await Promise.all(
      records.map(async (r) => ({ r, item: await byKind.get(r.kind)?.load(r.key as never) })),
    );
    current = await commitBatch(deps, current, current.counts as Record<string, number>, (entities) =>
      loaded.flatMap(({ r, item }) => [
        ...(item ? byKind.get(r.kind)!.writes(entities, item, current.targetId, current.sourceId) : []),
        entities.mergeMove
          .delete({ tenantId: r.tenantId, mergeId: r.mergeId, kind: r.kind, childId: r.childId })
          .commit(),
      ]),
    );
  }
}
