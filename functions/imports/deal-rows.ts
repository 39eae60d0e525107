import type { Company } from '../data/company.js';
import type { ImportJob } from '../data/import-job.js';
import type { Pipeline } from '../data/pipeline.js';
import { createDeal } from '../deals/service.js';
import type { CreateDealInput } from '../deals/schema.js';
import { DEFAULT_PIPELINE_ID } from '../pipelines/defaults.js';
import { findPipeline, orderedStages } from '../pipelines/service.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError } from '../shared/errors.js';
import { rowId, withIds } from './row-ids.js';
import type { ValidRow } from './rows.js';
import type { RowError } from './schema.js';

type DealRow = Extract<ValidRow, { kind: 'deals' }>;

/** Tries at a deal whose company moved on meanwhile (another row's deal moved its stage). */
const CREATE_TRIES = 5;

/** What a deal row's stage and owner are matched against: read once per chunk (or dry run). */
export interface DealRefs {
  pipeline: Pipeline;
  /** Lower-cased email → user id, for every user of the workspace. */
  owners: Map<string, string>;
}

export async function dealRefs(ctx: TenantContext, deps: Deps): Promise<DealRefs> {
  const [found, users] = await Promise.all([
    findPipeline(ctx, DEFAULT_PIPELINE_ID, deps),
    deps.db.entities.user.query.byTenant({ tenantId: ctx.tenantId }).go({ pages: 'all' }),
  ]);
  // The default pipeline always exists (stored or as it would be stored).
  return { pipeline: found!.pipeline, owners: new Map(users.data.map((u) => [u.email.toLowerCase(), u.userId])) };
}

/**
 * The create input of a deal row, its company, stage and owner matched; or the row's errors,
 * each naming its column. The stage is the default pipeline's, by id or by name.
 */
export function resolveDeal(
  row: DealRow,
  company: Company | undefined,
  refs: DealRefs,
  columns: Record<string, string>,
): { input: CreateDealInput } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: string, message: string) =>
    errors.push({ row: row.row, field, column: columns[field], message });
  const { company: companyRef, stage: stageRef, owner: ownerRef } = row.refs;
  if (!company) fail('company', `No company with the domain or name "${companyRef}"`);
  const stages = orderedStages(refs.pipeline);
  const wanted = stageRef?.toLowerCase();
  const stage = wanted && stages.find((s) => s.stageId === stageRef || s.name.toLowerCase() === wanted);
  if (stageRef && !stage)
    fail('stage', `No stage "${stageRef}" in ${refs.pipeline.name} (${stages.map((s) => s.name).join(', ')})`);
  const ownerId = ownerRef && refs.owners.get(ownerRef.toLowerCase());
  if (ownerRef && !ownerId) fail('owner', `No member of this workspace with the email "${ownerRef}"`);
  if (stage && stage.kind === 'lost' && !row.input.lostReason) fail('lostReason', 'Required for a lost deal');
  if (errors.length || !company) return { errors };
  return {
    input: {
      ...row.input,
      companyId: company.companyId,
      contactIds: [],
      pipelineId: refs.pipeline.pipelineId,
      ...(stage ? { stageId: stage.stageId } : {}),
      ...(ownerId ? { ownerId } : {}),
    },
  };
}

/**
 * Creates a row's deal through the deals service (versioned, its timeline entry, its search
 * tokens, the company's stage move) under the row's own ids: a second delivery's create finds
 * its deal there and counts it created once. A conflict on the company (another deal of it
 * moved its stage meanwhile) is tried again.
 */
export async function createDealRow(
  ctx: TenantContext,
  job: ImportJob,
  row: DealRow,
  input: CreateDealInput,
  deps: Deps,
): Promise<'created'> {
  const ids = (['record', 'entry', 'effect'] as const).map((p) => rowId(job.importId, row.row, p));
  for (let attempt = 1; ; attempt++) {
    try {
      await createDeal(ctx, input, withIds(deps, ids));
      return 'created';
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const { data } = await deps.db.entities.deal
        .get({ tenantId: job.tenantId, dealId: ids[0]! })
        .go({ consistent: true, attributes: ['dealId'] });
      if (data) return 'created';
      if (attempt >= CREATE_TRIES) throw error;
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));
    }
  }
}

/** The rows (by number) whose deals an earlier delivery of their chunk already created. */
export async function dealsCreatedBefore(job: ImportJob, rows: ValidRow[], deps: Deps): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const byId = new Map(rows.map((r) => [rowId(job.importId, r.row, 'record'), r.row]));
  const { data } = await deps.db.entities.deal
    .get([...byId.keys()].map((dealId) => ({ tenantId: job.tenantId, dealId })))
    .go({ consistent: true, attributes: ['dealId'] });
  return new Set(data.map((d) => byId.get(d.dealId)!));
}

/** Runs the tasks given the same key one after another: deals of one company each move it in turn. */
export function oneAtATime<K>(): <T>(key: K, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<K, Promise<unknown>>();
  return (key, task) => {
    // Each stored tail has its failure caught, so the next task runs whatever the last one did.
    const run = (tails.get(key) ?? Promise.resolve()).then(task);
    tails.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  };
}
