import type { Pipeline } from '../data/pipeline.js';

/**
 * Every tenant's first pipeline. Its id is fixed, so creating it is one conditional put that any
 * number of concurrent first reads agree on; until then deals may already name it.
 */
export const DEFAULT_PIPELINE_ID = 'default';

/** The default pipeline of a tenant as first stored (version 1). */
export function defaultPipeline(tenantId: string, now: string, userId: string): Pipeline {
  return {
    tenantId,
    pipelineId: DEFAULT_PIPELINE_ID,
    name: 'Sales pipeline',
    stages: [
      { stageId: 'qualified', name: 'Qualified', order: 0, probabilityBps: 2_000, rottingDays: 14, kind: 'open' },
      { stageId: 'proposal', name: 'Proposal', order: 1, probabilityBps: 5_000, rottingDays: 14, kind: 'open' },
      { stageId: 'negotiation', name: 'Negotiation', order: 2, probabilityBps: 7_500, rottingDays: 10, kind: 'open' },
      { stageId: 'won', name: 'Won', order: 3, probabilityBps: 10_000, kind: 'won' },
      { stageId: 'lost', name: 'Lost', order: 4, probabilityBps: 0, kind: 'lost' },
    ],
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
    version: 1,
  };
}
