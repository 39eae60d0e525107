import type { Company } from '../data/company.js';
import type { Deal } from '../data/deal.js';
import type { Pipeline, PipelineStage } from '../data/pipeline.js';
import { orderedStages } from '../pipelines/service.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import type { DealStatus, Stage } from '../shared/enums.js';
import { ValidationError } from '../shared/errors.js';

/** Company stages before a deal exists: the first open deal makes such a company an opportunity. */
const BEFORE_OPPORTUNITY: ReadonlySet<Stage> = new Set(['discovery', 'lead', 'prospect']);

/** The stage a company moves to because of a deal's status, or undefined if it stays. */
export function companyStageAfter(company: Pick<Company, 'stage'>, status: DealStatus): Stage | undefined {
  if (status === 'won' && company.stage !== 'customer') return 'customer';
  if (status === 'open' && BEFORE_OPPORTUNITY.has(company.stage)) return 'opportunity';
  return undefined;
}

/**
 * The stage a write puts the deal in: `stageId` if given (which must be the pipeline's, and agree
 * with `status` when both are sent), else the pipeline's first stage of `status`, else `current`
 * if it is in this pipeline, else the pipeline's first stage.
 */
export function resolveStage(
  pipeline: Pipeline,
  wanted: { stageId?: string; status?: DealStatus },
  current?: string,
): PipelineStage {
  const stages = orderedStages(pipeline);
  if (wanted.stageId) {
    const stage = stages.find((s) => s.stageId === wanted.stageId);
    if (!stage)
      throw new ValidationError(`That stage is not a stage of the pipeline ${pipeline.name}`, [
        { path: 'stageId', message: 'Not a stage of this pipeline' },
      ]);
    if (wanted.status && wanted.status !== stage.kind)
      throw new ValidationError(`Stage ${stage.name} is an ${stage.kind} stage`, [
        { path: 'status', message: `Stage ${stage.name} makes the deal ${stage.kind}` },
      ]);
    return stage;
  }
  const now = current ? stages.find((s) => s.stageId === current) : undefined;
  if (wanted.status && now?.kind !== wanted.status) return stages.find((s) => s.kind === wanted.status)!;
  return now ?? stages.find((s) => s.kind === 'open') ?? stages[0]!;
}

/** A lost deal says why. */
export function assertLostReason(status: DealStatus, lostReason: string | undefined): void {
  if (status === 'lost' && !lostReason)
    throw new ValidationError('Say why the deal was lost', [
      { path: 'lostReason', message: 'Required for a lost deal' },
    ]);
}

/** The owner must be a user of the workspace. */
export async function assertOwner(ctx: TenantContext, ownerId: string, deps: Deps): Promise<void> {
  const { data } = await deps.db.entities.user.get({ tenantId: ctx.tenantId, userId: ownerId }).go();
  if (!data)
    throw new ValidationError('The owner is not a user of this workspace', [
      { path: 'ownerId', message: 'Unknown user' },
    ]);
}

/** Every contact must be one of the deal's company's. */
export async function assertContacts(
  ctx: TenantContext,
  companyId: string,
  contactIds: readonly string[],
  deps: Deps,
): Promise<void> {
  if (contactIds.length === 0) return;
  const { data } = await deps.db.entities.contact
    .get([...new Set(contactIds)].map((contactId) => ({ tenantId: ctx.tenantId, contactId })))
    .go();
  const ours = new Set(data.filter((c) => c.companyId === companyId).map((c) => c.contactId));
  const wrong = contactIds.findIndex((id) => !ours.has(id));
  if (wrong >= 0)
    throw new ValidationError('Each contact must be one of the company’s', [
      { path: `contactIds.${wrong}`, message: 'Not a contact of this company' },
    ]);
  if (new Set(contactIds).size !== contactIds.length)
    throw new ValidationError('A contact is listed twice', [{ path: 'contactIds', message: 'Listed twice' }]);
}

/** The fields of a deal its timeline entries compare. */
export const TRACKED_FIELDS = [
  'name',
  'value',
  'expectedCloseDate',
  'probabilityBps',
  'ownerId',
  'contactIds',
  'status',
  'lostReason',
  'source',
] as const satisfies readonly (keyof Deal)[];
