import { getCompany } from '../companies/service.js';
import type { TimelineEntry } from '../data/timeline-entry.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';

export type TimelineEntryView = Omit<TimelineEntry, 'tenantId'>;

/** A company's timeline, newest first. */
export async function listTimeline(
  ctx: TenantContext,
  companyId: string,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<TimelineEntryView>> {
  // 404 alike for unknown, deleted and other tenants' companies.
  await getCompany(ctx, companyId, deps);
  const page = await deps.db.entities.timelineEntry.query
    .byCompany({ tenantId: ctx.tenantId, companyId })
    .go({ count: query.limit, cursor: checkCursor(query.cursor, ctx.tenantId), order: 'desc' });
  return mapPage(page, ({ tenantId: _tenantId, ...entry }) => entry);
}
