import type { Pipeline, PipelineStage } from '../data/pipeline.js';
import { isConditionFailure } from '../data/transaction.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import { staleVersion } from '../shared/records.js';
import type { PipelineView } from './contract.js';
import { DEFAULT_PIPELINE_ID, defaultPipeline } from './defaults.js';
import type { CreatePipelineInput, StageInput, UpdatePipelineInput } from './schema.js';

type WriteEntities = Parameters<Parameters<Deps['db']['transaction']['write']>[0]>[0];

/** Stages in board order. */
export const orderedStages = (p: Pick<Pipeline, 'stages'>): PipelineStage[] =>
  [...p.stages].sort((a, b) => a.order - b.order);

export const toPipelineView = ({ tenantId: _tenantId, ...p }: Pipeline): PipelineView => ({
  ...p,
  stages: orderedStages(p),
});

/**
 * A pipeline of the caller's tenant, or undefined. The default pipeline exists for every tenant:
 * until a read stores it, this returns it as it would be stored (`stored: false`), without writing.
 */
export async function findPipeline(
  ctx: TenantContext,
  pipelineId: string,
  deps: Deps,
): Promise<{ pipeline: Pipeline; stored: boolean } | undefined> {
  const { data } = await deps.db.entities.pipeline.get({ tenantId: ctx.tenantId, pipelineId }).go();
  if (data) return { pipeline: data, stored: true };
  if (pipelineId !== DEFAULT_PIPELINE_ID) return undefined;
  return { pipeline: defaultPipeline(ctx.tenantId, deps.now(), ctx.userId), stored: false };
}

/** Stores the tenant's default pipeline if it is not yet: one conditional put, so concurrent first reads give one. */
export async function ensureDefaultPipeline(ctx: TenantContext, deps: Deps): Promise<Pipeline> {
  const key = { tenantId: ctx.tenantId, pipelineId: DEFAULT_PIPELINE_ID };
  const { data } = await deps.db.entities.pipeline.get(key).go({ consistent: true });
  if (data) return data;
  const fresh = defaultPipeline(ctx.tenantId, deps.now(), ctx.userId);
  try {
    await deps.db.entities.pipeline.create(fresh).go();
    return fresh;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // Another first read stored it a moment ago.
    const { data: theirs } = await deps.db.entities.pipeline.get(key).go({ consistent: true });
    if (!theirs) throw error;
    return theirs;
  }
}

/**
 * A transaction item that holds only while the pipeline is as it was read (`version`), so a deal
 * cannot land in a stage that an edit of the pipeline removed meanwhile. For the default pipeline
 * not yet stored, its first storing (version 1) keeps the same stages.
 */
export function pipelineUnchanged(entities: Pick<WriteEntities, 'pipeline'>, p: Pipeline, stored: boolean) {
  return entities.pipeline
    .check({ tenantId: p.tenantId, pipelineId: p.pipelineId })
    .where((attr, { eq, notExists }) =>
      stored ? eq(attr.version, p.version) : `(${notExists(attr.pipelineId)} OR ${eq(attr.version, 1)})`,
    )
    .commit();
}

/** The tenant's pipelines, the default one stored first if it is not yet. */
export async function listPipelines(
  ctx: TenantContext,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<PipelineView>> {
  await ensureDefaultPipeline(ctx, deps);
  const pipelines = deps.db.entities.pipeline.query.byId({ tenantId: ctx.tenantId });
  const page = await pipelines.go({ count: query.limit, cursor: checkCursor(query.cursor, pipelines) });
  return mapPage(page, toPipelineView);
}

/** One pipeline; reading the default one stores it if it is not yet. */
export async function getPipeline(ctx: TenantContext, pipelineId: string, deps: Deps): Promise<PipelineView> {
  if (pipelineId === DEFAULT_PIPELINE_ID) return toPipelineView(await ensureDefaultPipeline(ctx, deps));
  const { data } = await deps.db.entities.pipeline.get({ tenantId: ctx.tenantId, pipelineId }).go();
  if (!data) throw new NotFoundError('Pipeline');
  return toPipelineView(data);
}

const withIds = (stages: StageInput[], deps: Deps): PipelineStage[] =>
  stages.map(({ stageId, ...s }) => ({ ...s, stageId: stageId ?? deps.newId() }));

/** Creates a pipeline with its stages. */
export async function createPipeline(
  ctx: TenantContext,
  input: CreatePipelineInput,
  deps: Deps,
): Promise<PipelineView> {
  input.stages.forEach((s, i) => {
    if (s.stageId)
      throw new ValidationError('A new pipeline’s stages get their ids from the server', [
        { path: `stages.${i}.stageId`, message: 'Leave out for a new stage' },
      ]);
  });
  const now = deps.now();
  const pipeline: Pipeline = {
    tenantId: ctx.tenantId,
    pipelineId: deps.newId(),
    name: input.name,
    stages: withIds(input.stages, deps),
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: 1,
  };
  await deps.db.entities.pipeline.create(pipeline).go();
  return toPipelineView(pipeline);
}

/** How many deals (up to `atMost`) sit in a stage. */
async function dealsInStage(ctx: TenantContext, pipelineId: string, stageId: string, atMost: number, deps: Deps) {
  const { data } = await deps.db.entities.deal.query
    .byPipeline({ tenantId: ctx.tenantId, pipelineId })
    .begins({ stageId })
    .go({ count: atMost, limit: atMost, attributes: ['dealId', 'stageId'] });
  // begins() on a partial key also matches a longer stage id starting the same way.
  return data.filter((d) => d.stageId === stageId).length;
}

/**
 * Renames a pipeline and/or replaces its stage list. A stage left out is removed, which is
 * refused (409 naming it) while deals are in it; so is changing the kind of a stage with deals,
 * whose deals' status would no longer match. Stage ids are the server's: an unknown one is a 400.
 */
export async function updatePipeline(
  ctx: TenantContext,
  pipelineId: string,
  patch: UpdatePipelineInput,
  expectedVersion: number,
  deps: Deps,
): Promise<PipelineView> {
  const found = await findPipeline(ctx, pipelineId, deps);
  if (!found) throw new NotFoundError('Pipeline');
  const { pipeline: before, stored } = found;
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  let stages = before.stages;
  if (patch.stages) {
    const known = new Map(before.stages.map((s) => [s.stageId, s]));
    patch.stages.forEach((s, i) => {
      if (s.stageId && !known.has(s.stageId))
        throw new ValidationError('A stage id must be one of this pipeline’s', [
          { path: `stages.${i}.stageId`, message: 'Unknown stage' },
        ]);
    });
    stages = withIds(patch.stages, deps);
    const kept = new Map(stages.map((s) => [s.stageId, s]));
    for (const old of orderedStages(before)) {
      const next = kept.get(old.stageId);
      if (next && next.kind === old.kind) continue;
      const count = await dealsInStage(ctx, pipelineId, old.stageId, 100, deps);
      if (count === 0) continue;
      const deals = count >= 100 ? '100 or more deals' : count === 1 ? '1 deal' : `${count} deals`;
      const what = next ? `change the kind of stage ${old.name}` : `remove stage ${old.name}`;
      throw new ConflictError(`Cannot ${what}: it has ${deals}; move them to another stage first`, [
        { path: 'stages', message: `Stage ${old.name} has ${deals}` },
      ]);
    }
  }
  const after: Pipeline = {
    ...before,
    name: patch.name ?? before.name,
    stages,
    updatedAt: deps.now(),
    updatedBy: ctx.userId,
    version: before.version + 1,
  };
  try {
    await deps.db.entities.pipeline
      .put(after)
      .where((attr, { eq, notExists }) =>
        stored ? eq(attr.version, before.version) : `(${notExists(attr.pipelineId)} OR ${eq(attr.version, 1)})`,
      )
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw staleVersion();
    throw error;
  }
  return toPipelineView(after);
}

/** Every pipeline of the tenant (a handful), the default one as it is or would be stored. */
export async function listAllPipelines(ctx: TenantContext, deps: Deps): Promise<Pipeline[]> {
  const { data } = await deps.db.entities.pipeline.query.byId({ tenantId: ctx.tenantId }).go({ pages: 'all' });
  if (data.some((p) => p.pipelineId === DEFAULT_PIPELINE_ID)) return data;
  return [defaultPipeline(ctx.tenantId, deps.now(), ctx.userId), ...data];
}
