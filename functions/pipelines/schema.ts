import * as z from 'zod';
import { pathId } from '../shared/contract.js';
import { DEAL_STATUSES } from '../shared/enums.js';
import { pageQuery, text } from '../shared/validation.js';

export const MAX_STAGES = 20;

const stage = z.strictObject({
  /** Absent for a new stage: the server gives it an id. */
  stageId: pathId.optional(),
  name: text(60),
  order: z.number().int().min(0),
  probabilityBps: z.number().int().min(0, 'At least 0%').max(10_000, 'At most 100%'),
  rottingDays: z.number().int().min(1, 'At least 1 day').max(365, 'At most 365 days').optional(),
  kind: z.enum(DEAL_STATUSES),
});
export type StageInput = z.infer<typeof stage>;

/**
 * The rules every stage list keeps: orders are a permutation of 0…n−1, names are unique, there is
 * at least one stage of each kind (so a deal can always be won, lost or reopened), a won stage is
 * certain (100%) and a lost one is 0%.
 */
function checkStages(stages: StageInput[], ctx: z.RefinementCtx) {
  const uses = new Map<number, number>();
  for (const s of stages) uses.set(s.order, (uses.get(s.order) ?? 0) + 1);
  stages.forEach((s, i) => {
    if (s.order >= stages.length || uses.get(s.order)! > 1)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'order'],
        message: `Orders must be 0 to ${stages.length - 1}, each used once`,
      });
    if (s.kind === 'won' && s.probabilityBps !== 10_000)
      ctx.addIssue({ code: 'custom', path: [i, 'probabilityBps'], message: 'A won stage is 100%' });
    if (s.kind === 'lost' && s.probabilityBps !== 0)
      ctx.addIssue({ code: 'custom', path: [i, 'probabilityBps'], message: 'A lost stage is 0%' });
  });
  const names = new Map<string, number>();
  stages.forEach((s, i) => {
    const key = s.name.toLowerCase();
    if (names.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'Another stage has this name' });
    names.set(key, i);
  });
  const ids = new Set<string>();
  stages.forEach((s, i) => {
    if (!s.stageId) return;
    if (ids.has(s.stageId)) ctx.addIssue({ code: 'custom', path: [i, 'stageId'], message: 'Listed twice' });
    ids.add(s.stageId);
  });
  for (const kind of DEAL_STATUSES) {
    if (!stages.some((s) => s.kind === kind))
      ctx.addIssue({ code: 'custom', path: [], message: `Keep at least one ${kind} stage` });
  }
}

const stages = z.array(stage).min(3).max(MAX_STAGES).superRefine(checkStages);

/** `POST /v1/pipelines`. */
export const createPipelineSchema = z.strictObject({ name: text(100), stages });
export type CreatePipelineInput = z.infer<typeof createPipelineSchema>;

/** `PATCH /v1/pipelines/{id}`: rename, and/or the whole stage list (stages left out are removed). */
export const updatePipelineSchema = z
  .strictObject({ name: text(100), stages, version: z.number().int().positive() })
  .partial();
export type UpdatePipelineInput = z.infer<typeof updatePipelineSchema>;

/** `GET /v1/pipelines`. */
export const listPipelinesSchema = z.strictObject({ ...pageQuery });
