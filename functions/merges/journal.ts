import type { Merge } from '../data/merge.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { NotFoundError } from '../shared/errors.js';
import type { MergeView } from './contract.js';
import type { FieldChoices } from './schema.js';

/** How long a merge can be undone. */
export const UNDO_DAYS = 30;

const sourceName = (m: Merge): string => {
  const s = m.source as { name?: string; firstName?: string; lastName?: string };
  return s.name ?? `${s.firstName ?? ''} ${s.lastName ?? ''}`.trim();
};

/** The time after which a finished merge can no longer be undone. */
export const undoUntil = (m: Pick<Merge, 'finishedAt'>): string | undefined =>
  m.finishedAt ? new Date(Date.parse(m.finishedAt) + UNDO_DAYS * 86_400_000).toISOString() : undefined;

/** A merge as the API returns it. */
export const toMergeView = (m: Merge): MergeView => ({
  mergeId: m.mergeId,
  kind: m.kind,
  targetId: m.targetId,
  sourceId: m.sourceId,
  sourceName: sourceName(m),
  state: m.state,
  fields: m.fields as Record<string, 'target' | 'source'>,
  counts: m.counts as Record<string, number>,
  createdAt: m.createdAt,
  ...(m.finishedAt ? { finishedAt: m.finishedAt, undoUntil: undoUntil(m)! } : {}),
  ...(m.undoneAt ? { undoneAt: m.undoneAt } : {}),
});

/** One merge of the caller's tenant, or 404. */
export async function getMerge(ctx: TenantContext, mergeId: string, deps: Deps): Promise<Merge> {
  const { data } = await deps.db.entities.merge.get({ tenantId: ctx.tenantId, mergeId }).go({ consistent: true });
  if (!data) throw new NotFoundError('Merge');
  return data;
}

/**
 * The latest merge of `sourceId` into `targetId` that was not undone: a retried request finds
 * it to resume (`moving`) or to answer again (`done`).
 */
export async function latestMerge(
  ctx: TenantContext,
  kind: Merge['kind'],
  sourceId: string,
  targetId: string,
  deps: Deps,
): Promise<Merge | undefined> {
  const { data } = await deps.db.entities.merge.query
    .bySource({ tenantId: ctx.tenantId, sourceId })
    .go({ order: 'desc', count: 5 });
  const found = data.find((m) => m.kind === kind && m.targetId === targetId && m.state !== 'undone');
  // The index is eventually consistent: read the merge itself for its current state.
  return found ? getMerge(ctx, found.mergeId, deps) : undefined;
}

/** The fields taken from the source: the target gets the source's value of each. */
export function takeFields<T extends Record<string, unknown>>(
  target: T,
  source: T,
  choices: FieldChoices,
): { merged: T; before: Record<string, unknown>; taken: string[] } {
  const taken = Object.entries(choices)
    .filter(([, side]) => side === 'source')
    .map(([field]) => field);
  const merged: Record<string, unknown> = { ...target };
  const before: Record<string, unknown> = {};
  for (const field of taken) {
    before[field] = target[field] ?? null;
    if (source[field] === undefined) delete merged[field];
    else merged[field] = source[field];
  }
  return { merged: merged as T, before, taken };
}

/** JSON with map keys sorted: DynamoDB gives a map's keys back in any order. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * What undoing gives the target back: each field taken from the source returns to its earlier
 * value unless someone has changed it since the merge (then theirs stands).
 */
export function restoreFields<T extends Record<string, unknown>>(current: T, merge: Merge): T {
  const source = merge.source as Record<string, unknown>;
  const before = merge.targetBefore as Record<string, unknown>;
  const restored: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(before)) {
    if (canonical(current[field]) !== canonical(source[field])) continue;
    if (value === null) delete restored[field];
    else restored[field] = value;
  }
  return restored as T;
}
