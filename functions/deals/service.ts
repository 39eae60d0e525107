import { diffFields, timelineEntry, type Change } from '../activities/timeline.js';
import type { Deal } from '../data/deal.js';
import type { Pipeline } from '../data/pipeline.js';
import { writeVersioned } from '../data/versioned-write.js';
import { DEFAULT_PIPELINE_ID } from '../pipelines/defaults.js';
import { findPipeline, pipelineUnchanged } from '../pipelines/service.js';
import { dealSearchable, tokenWrites } from '../search/tokens.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { staleVersion } from '../shared/records.js';
import { companyEffect } from './company-effect.js';
import type { DealView } from './contract.js';
import { assertContacts, assertLostReason, assertOwner, resolveStage, TRACKED_FIELDS } from './rules.js';
import type { CreateDealInput, UpdateDealInput } from './schema.js';

/** A deal as the API returns it, with its company's name when known. */
export const toDealView = ({ tenantId: _tenantId, ...deal }: Deal, companyName?: string): DealView => ({
  ...deal,
  contactIds: deal.contactIds ?? [],
  ...(companyName !== undefined ? { companyName } : {}),
});

/** Drops undefined and null values: optional attributes that are cleared are left off the item. */
const compact = <T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as never;

/** Loads a deal of the caller's tenant or fails with 404. */
export async function getDeal(ctx: TenantContext, dealId: string, deps: Deps): Promise<Deal> {
  const { data } = await deps.db.entities.deal.get({ tenantId: ctx.tenantId, dealId }).go();
  if (!data) throw new NotFoundError('Deal');
  return data;
}

/** One deal with its company's name. */
export async function readDeal(ctx: TenantContext, dealId: string, deps: Deps): Promise<DealView> {
  const deal = await getDeal(ctx, dealId, deps);
  const { data: company } = await deps.db.entities.company
    .get({ tenantId: ctx.tenantId, companyId: deal.companyId })
    .go();
  if (!company) throw new NotFoundError('Deal');
  return toDealView(deal, company.name);
}

async function pipelineFor(ctx: TenantContext, pipelineId: string, deps: Deps) {
  const found = await findPipeline(ctx, pipelineId, deps);
  if (!found)
    throw new ValidationError('The pipeline is not one of this workspace', [
      { path: 'pipelineId', message: 'Unknown pipeline' },
    ]);
  return found;
}

const stageName = (p: Pipeline, stageId: string) => p.stages.find((s) => s.stageId === stageId)?.name ?? stageId;

/** Which transaction item failed, as the error the caller sees. */
const conflictOf = (index: number, fallback: () => Error) =>
  index === 1
    ? new ConflictError('The company changed while the deal was being saved; try again')
    : index === 2
      ? new ConflictError('The pipeline changed while the deal was being saved; reload and try again')
      : fallback();

/**
 * Creates a deal on a company, with a timeline entry on the company. A lead company's first open
 * deal makes it an opportunity, a deal created won makes it a customer: same transaction.
 */
export async function createDeal(ctx: TenantContext, input: CreateDealInput, deps: Deps): Promise<DealView> {
  const { data: company } = await deps.db.entities.company
    .get({ tenantId: ctx.tenantId, companyId: input.companyId })
    .go();
  if (!company)
    throw new ValidationError('The company is not one of this workspace', [
      { path: 'companyId', message: 'Unknown company' },
    ]);
  const { pipeline, stored } = await pipelineFor(ctx, input.pipelineId ?? DEFAULT_PIPELINE_ID, deps);
  const stage = resolveStage(pipeline, { stageId: input.stageId, status: input.status });
  assertLostReason(stage.kind, input.lostReason);
  if (input.ownerId) await assertOwner(ctx, input.ownerId, deps);
  await assertContacts(ctx, company.companyId, input.contactIds, deps);
  const now = deps.now();
  const deal: Deal = compact({
    tenantId: ctx.tenantId,
    dealId: deps.newId(),
    companyId: company.companyId,
    name: input.name,
    contactIds: input.contactIds,
    ownerId: input.ownerId ?? ctx.userId,
    value: input.value,
    expectedCloseDate: input.expectedCloseDate,
    probabilityBps: input.probabilityBps,
    pipelineId: pipeline.pipelineId,
    stageId: stage.stageId,
    status: stage.kind,
    lostReason: stage.kind === 'lost' ? input.lostReason : undefined,
    source: input.source,
    stageChangedAt: now,
    closedAt: stage.kind === 'open' ? undefined : now,
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: 1,
  });
  const entry = timelineEntry(
    ctx,
    {
      companyId: company.companyId,
      action: 'created',
      subjectType: 'deal',
      subjectId: deal.dealId,
      subjectName: deal.name,
      changes: [{ field: 'stage', to: stage.name }],
    },
    { entryId: deps.newId(), at: now },
  );
  const effect = companyEffect(ctx, company, deal.status, now, deps);
  await writeVersioned(deps.db, {
    entity: 'deal',
    op: 'create',
    item: deal,
    also: (e) => [
      effect.item(e),
      pipelineUnchanged(e, pipeline, stored),
      e.timelineEntry.create(entry).commit(),
      ...effect.entries(e),
      ...tokenWrites(e, undefined, dealSearchable(deal, company.name)),
    ],
    conflict: (i) => conflictOf(i, () => new ConflictError('A deal with this id already exists')),
  });
  return toDealView(deal, company.name);
}

/**
 * Applies a partial update if `expectedVersion` is current. A stage move is recorded on the
 * company's timeline ("moved Proposal → Negotiation"); a status change may move the company
 * (won → customer, reopened on a lead → opportunity), in the same transaction.
 */
export async function updateDeal(
  ctx: TenantContext,
  dealId: string,
  patch: UpdateDealInput,
  expectedVersion: number,
  deps: Deps,
): Promise<DealView> {
  const before = await getDeal(ctx, dealId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const { version: _version, pipelineId, stageId, status, lostReason, ...fields } = patch;
  const { pipeline, stored } = await pipelineFor(ctx, pipelineId ?? before.pipelineId, deps);
  const otherPipeline = pipeline.pipelineId !== before.pipelineId;
  const stage = resolveStage(
    pipeline,
    { stageId, status: status ?? (otherPipeline ? before.status : undefined) },
    otherPipeline ? undefined : before.stageId,
  );
  const reason =
    stage.kind === 'lost' ? (lostReason === null ? undefined : (lostReason ?? before.lostReason)) : undefined;
  assertLostReason(stage.kind, reason);
  if (fields.ownerId && fields.ownerId !== before.ownerId) await assertOwner(ctx, fields.ownerId, deps);
  if (fields.contactIds) await assertContacts(ctx, before.companyId, fields.contactIds, deps);
  const { data: company } = await deps.db.entities.company
    .get({ tenantId: ctx.tenantId, companyId: before.companyId })
    .go();
  // A deal whose company is deleted is on its way out with it.
  if (!company) throw new NotFoundError('Deal');

  const now = deps.now();
  const moved = stage.stageId !== before.stageId || otherPipeline;
  const after: Deal = compact({
    ...before,
    ...fields,
    pipelineId: pipeline.pipelineId,
    stageId: stage.stageId,
    status: stage.kind,
    lostReason: reason,
    stageChangedAt: moved ? now : before.stageChangedAt,
    closedAt: stage.kind === 'open' ? undefined : stage.kind === before.status ? before.closedAt : now,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: before.version + 1,
  });
  const changes: Change[] = diffFields(before, after, TRACKED_FIELDS);
  if (moved) {
    const from = otherPipeline ? ((await findPipeline(ctx, before.pipelineId, deps))?.pipeline ?? pipeline) : pipeline;
    changes.unshift({ field: 'stage', from: stageName(from, before.stageId), to: stage.name });
    if (otherPipeline) changes.unshift({ field: 'pipeline', from: from.name, to: pipeline.name });
  }
  if (changes.length === 0) return toDealView(before, company.name);
  const entry = timelineEntry(
    ctx,
    {
      companyId: before.companyId,
      action: moved ? 'moved' : 'updated',
      subjectType: 'deal',
      subjectId: dealId,
      subjectName: after.name,
      changes,
    },
    { entryId: deps.newId(), at: now },
  );
  const effect = companyEffect(ctx, company, after.status !== before.status ? after.status : undefined, now, deps);
  await writeVersioned(deps.db, {
    entity: 'deal',
    op: 'update',
    item: after,
    also: (e) => [
      effect.item(e),
      pipelineUnchanged(e, pipeline, stored),
      e.timelineEntry.create(entry).commit(),
      ...effect.entries(e),
      ...tokenWrites(e, dealSearchable(before, company.name), dealSearchable(after, company.name)),
    ],
    conflict: (i) => conflictOf(i, () => staleVersion()),
  });
  return toDealView(after, company.name);
}

/** Deletes a deal; the company's timeline records it. */
export async function deleteDeal(ctx: TenantContext, dealId: string, deps: Deps): Promise<void> {
  const deal = await getDeal(ctx, dealId, deps);
  const { data: company } = await deps.db.entities.company
    .get({ tenantId: ctx.tenantId, companyId: deal.companyId })
    .go();
  if (!company) throw new NotFoundError('Deal');
  const entry = timelineEntry(
    ctx,
    { companyId: deal.companyId, action: 'deleted', subjectType: 'deal', subjectId: dealId, subjectName: deal.name },
    { entryId: deps.newId(), at: deps.now() },
  );
  const effect = companyEffect(ctx, company, undefined, entry.at, deps);
  await writeVersioned(deps.db, {
    entity: 'deal',
    op: 'delete',
    item: deal,
    also: (e) => [
      effect.item(e),
      e.timelineEntry.create(entry).commit(),
      ...tokenWrites(e, dealSearchable(deal, company.name)),
    ],
    conflict: (i) =>
      i === 1 ? new NotFoundError('Deal') : new ConflictError('The deal changed while it was being deleted; try again'),
  });
}
