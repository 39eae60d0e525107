import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { STAGES, type Stage } from '../shared/enums.js';

/**
 * Counts stop here: each stage is one keys-only read of its index (≤ 2 Query pages), so the
 * chips cost the same in a tenant of 50,000 companies; above it they say "1,000+".
 */
export const STAGE_COUNT_CAP = 1000;

export interface StageCount {
  stage: Stage;
  count: number;
  /** True when there are more than `count` (the cap). */
  more: boolean;
}

/** How many companies are at each stage, up to the cap, one parallel index read per stage. */
export async function countByStage(ctx: TenantContext, deps: Deps): Promise<StageCount[]> {
  return Promise.all(
    STAGES.map(async (stage) => {
      const { data } = await deps.db.entities.company.query
        .byStage({ tenantId: ctx.tenantId, stage })
        .go({ count: STAGE_COUNT_CAP + 1, limit: STAGE_COUNT_CAP + 1, attributes: ['companyId'] });
      return { stage, count: Math.min(data.length, STAGE_COUNT_CAP), more: data.length > STAGE_COUNT_CAP };
    }),
  );
}
