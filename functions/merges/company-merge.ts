import { diffFields, timelineEntry } from '../activities/timeline.js';
import { getCompany } from '../companies/service.js';
import type { Company } from '../data/company.js';
import type { Merge } from '../data/merge.js';
import { assertCommitted } from '../data/transaction.js';
import { companySearchable, tokenWrites } from '../search/tokens.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { staleVersion } from '../shared/records.js';
import type { MergeView } from './contract.js';
import { latestMerge, takeFields, toMergeView } from './journal.js';
import { companyMovers } from './moves.js';
import { moveForward, type RunOptions } from './runner.js';
import { COMPANY_MERGE_FIELDS, type MergeCompaniesInput } from './schema.js';

/** The movers of a company merge: every company child, but the source's own "merged into" entry stays with it. */
export const moversOf = (deps: Deps, merge: Merge) =>
  companyMovers(deps.db, merge.tenantId, new Set([merge.sourceEntryId ?? '']));

/** The search tokens of a name or domain that changed (a put of unchanged ones would only cost items). */
const targetTokens = (entities: any, before: Company, after: Company) =>
  before.name === after.name && before.domain === after.domain && before.companyNumber === after.companyNumber
    ? []
    : tokenWrites(entities, companySearchable(before), companySearchable(after));

/**
 * Merges the company `input.sourceId` into `targetId`. One transaction takes the source out of
 * every read (its tombstone and a "merged into" entry stay), writes the chosen fields onto the
 * target and starts the merge's journal; the children then move in batches (runner.ts) and the
 * last step writes the entry on the target saying what moved. A retry of an unfinished merge
 * (the same request again) resumes it; one of a finished merge answers it again.
 */
export async function mergeCompanies(
  ctx: TenantContext,
  targetId: string,
  input: MergeCompaniesInput,
  expectedVersion: number,
  deps: Deps,
  options: RunOptions = {},
): Promise<MergeView> {
  if (input.sourceId === targetId)
    throw new ValidationError('A company cannot be merged into itself', [
      { path: 'sourceId', message: 'Choose another company than the one merged into' },
    ]);
  const target = await getCompany(ctx, targetId, deps);
  const existing = await latestMerge(ctx, 'company', input.sourceId, targetId, deps);
  if (existing && existing.state !== 'undoing') return toMergeView(await finish(ctx, deps, existing, options));
  const { data: source } = await deps.db.entities.company
    .get({ tenantId: ctx.tenantId, companyId: input.sourceId })
    .go({ consistent: true });
  if (!source) throw new NotFoundError('Company');
  if (target.version !== expectedVersion) throw staleVersion(target.version);
  const merge = await start(ctx, target, source, input, deps);
  return toMergeView(await finish(ctx, deps, merge, options));
}

async function start(
  ctx: TenantContext,
  target: Company,
  source: Company,
  input: MergeCompaniesInput,
  deps: Deps,
): Promise<Merge> {
  const now = deps.now();
  const { merged, before } = takeFields(target, source, input.fields);
  const after: Company = { ...merged, updatedAt: now, updatedBy: ctx.userId, version: target.version + 1 };
  const fields = Object.fromEntries(COMPANY_MERGE_FIELDS.map((f) => [f, input.fields[f] ?? 'target']));
  const merge: Merge = {
    tenantId: ctx.tenantId,
    mergeId: deps.newId(),
    kind: 'company',
    targetId: target.companyId,
    sourceId: source.companyId,
    companyId: target.companyId,
    state: 'moving',
    step: 0,
    fields,
    source,
    targetBefore: before,
    counts: {},
    entryId: deps.newId(),
    sourceEntryId: deps.newId(),
    createdAt: now,
    createdBy: ctx.userId,
  };
  const sourceKey = { tenantId: ctx.tenantId, companyId: source.companyId };
  const goneEntry = timelineEntry(
    ctx,
    {
      companyId: source.companyId,
      action: 'merged_into',
      subjectType: 'company',
      subjectId: target.companyId,
      subjectName: target.name,
    },
    { entryId: merge.sourceEntryId!, at: now },
  );
  const result = await deps.db.transaction
    .write((entities) => {
      const base = [
        entities.company
          .put(after)
          .where((a, { eq }) => eq(a.version, target.version))
          .commit(),
        entities.company
          .delete(sourceKey)
          .where((a, { eq }) => eq(a.version, source.version))
          .commit(),
        entities.companyTombstone
          .put({
            ...sourceKey,
            name: source.name,
            deletedAt: now,
            deletedBy: ctx.userId,
            deletionEntryId: goneEntry.entryId,
            mergeId: merge.mergeId,
          })
          .commit(),
        entities.timelineEntry.create({ ...goneEntry, mergeId: merge.mergeId }).commit(),
        entities.merge.create(merge).commit(),
        ...targetTokens(entities, target, after),
      ];
      // The source's tokens when they fit; search drops hits on records gone either way.
      const gone = tokenWrites(entities, companySearchable(source));
      return [...base, ...(base.length + gone.length <= 100 ? gone : [])] as any;
    })
    .go();
  assertCommitted(result, (index) =>
    index === 0
      ? staleVersion()
      : index === 1
        ? new ConflictError('The other company changed while merging; reload and try again', [
            { path: 'sourceId', message: 'Changed while merging' },
          ])
        : new ConflictError('This merge could not start; try again'),
  );
  return merge;
}

/** Runs the merge's remaining batches; once none are left, marks it done and writes the target's entry. */
async function finish(ctx: TenantContext, deps: Deps, merge: Merge, options: RunOptions): Promise<Merge> {
  if (merge.state !== 'moving') return merge;
  const { merge: moved, outcome } = await moveForward(deps, merge, moversOf(deps, merge), options);
  if (outcome === 'more') return moved;
  const now = deps.now();
  const source = moved.source as Company;
  const target = await getCompany(ctx, moved.targetId, deps);
  const counts = moved.counts as Record<string, number>;
  const labels = new Map(moversOf(deps, moved).map((m) => [m.kind, m.label]));
  const changes = diffFields(
    { ...target, ...(moved.targetBefore as object) } as Company,
    target,
    Object.keys(moved.targetBefore as object) as (keyof Company & string)[],
  );
  const entry = timelineEntry(
    ctx,
    {
      companyId: moved.targetId,
      action: 'merged',
      subjectType: 'company',
      subjectId: moved.sourceId,
      subjectName: source.name,
      changes,
    },
    { entryId: moved.entryId, at: now },
  );
  const result = await deps.db.transaction
    .write((entities) => [
      entities.merge
        .patch({ tenantId: moved.tenantId, mergeId: moved.mergeId })
        .set({ state: 'done', finishedAt: now })
        .where((a, { eq }) => eq(a.state, 'moving'))
        .commit(),
      entities.timelineEntry
        .put({
          ...entry,
          mergeId: moved.mergeId,
          moved: Object.entries(counts)
            .filter(([, n]) => n > 0)
            .map(([kind, count]) => ({ label: labels.get(kind) ?? kind, count })),
        })
        .commit(),
    ])
    .go();
  assertCommitted(result, () => new ConflictError('This merge was finished by another request'));
  return { ...moved, state: 'done', finishedAt: now };
}
