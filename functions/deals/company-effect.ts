import { timelineEntry } from '../activities/timeline.js';
import { companyLive } from '../companies/tombstone.js';
import type { Company } from '../data/company.js';
import type { Db } from '../data/service.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import type { DealStatus } from '../shared/enums.js';
import { companyStageAfter } from './rules.js';

type WriteEntities = Parameters<Parameters<Db['transaction']['write']>[0]>[0];

/** What a deal write does to its company, as transaction items. */
export interface CompanyEffect {
  /** The company item: a versioned put when its stage moves, else a check that it still exists. */
  item: (entities: WriteEntities) => object;
  /** The company's own timeline entry for a stage move (none otherwise). */
  entries: (entities: WriteEntities) => object[];
  /** The company as it will be. */
  after: Company;
}

/**
 * A deal write whose status changes (or a new deal) may move its company: winning makes it a
 * customer, an open deal makes a lead an opportunity. Both land in the deal's transaction, the
 * company's put conditioned on the version read, so a concurrent company edit fails the whole
 * write rather than being overwritten.
 */
export function companyEffect(
  ctx: TenantContext,
  company: Company,
  status: DealStatus | undefined,
  now: string,
  deps: Deps,
): CompanyEffect {
  const key = { tenantId: company.tenantId, companyId: company.companyId };
  const stage = status ? companyStageAfter(company, status) : undefined;
  if (!stage) return { item: (e) => companyLive(e, key), entries: () => [], after: company };
  const after: Company = {
    ...company,
    stage,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: company.version + 1,
  };
  const entry = timelineEntry(
    ctx,
    {
      companyId: company.companyId,
      action: 'updated',
      subjectType: 'company',
      subjectId: company.companyId,
      subjectName: company.name,
      changes: [{ field: 'stage', from: company.stage, to: stage }],
    },
    { entryId: deps.newId(), at: now },
  );
  return {
    item: (e) =>
      e.company
        .put(after)
        .where((attr, { eq }) => eq(attr.version, company.version))
        .commit(),
    entries: (e) => [e.timelineEntry.create(entry).commit()],
    after,
  };
}
