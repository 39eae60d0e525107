import type { Deal } from '../data/deal.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { NotFoundError } from '../shared/errors.js';
import { checkCursor, type Page } from '../shared/pagination.js';
import type { DealView } from './contract.js';
import type { ListDealsQuery } from './schema.js';
import { toDealView } from './service.js';

/** The page's deals with their companies' current names (one BatchGet). */
async function withCompanyNames(
  ctx: TenantContext,
  page: { data: Deal[]; cursor: string | null },
  deps: Deps,
): Promise<Page<DealView>> {
  const ids = [...new Set(page.data.map((d) => d.companyId))];
  const { data: companies } = ids.length
    ? await deps.db.entities.company.get(ids.map((companyId) => ({ tenantId: ctx.tenantId, companyId }))).go()
    : { data: [] };
  const names = new Map(companies.map((c) => [c.companyId, c.name]));
  // A deal whose company was just deleted is on its way out with it.
  const live = page.data.filter((d) => names.has(d.companyId));
  return { items: live.map((d) => toDealView(d, names.get(d.companyId))), cursor: page.cursor ?? null };
}

/**
 * Deals by expected close date, or one pipeline's by stage then close date. `stageId` within a
 * pipeline and `closeMonth` without one are key conditions; the other filters are applied to the
 * `limit` items read, so a filtered page may hold fewer (even none) with a cursor to continue.
 */
export async function listDeals(ctx: TenantContext, query: ListDealsQuery, deps: Deps): Promise<Page<DealView>> {
  const deal = deps.db.entities.deal;
  const { pipelineId, stageId, ownerId, closeMonth, status } = query;
  const base = pipelineId
    ? deal.query.byPipeline({ tenantId: ctx.tenantId, pipelineId })
    : deal.query.byCloseDate({ tenantId: ctx.tenantId });
  const keyed = pipelineId
    ? stageId
      ? (base as ReturnType<typeof deal.query.byPipeline>).begins({ stageId })
      : base
    : closeMonth
      ? (base as ReturnType<typeof deal.query.byCloseDate>).begins({ expectedCloseDate: closeMonth })
      : base;
  const filters = { ownerId, status, stageId, closeMonth: pipelineId ? closeMonth : undefined };
  const filtered = Object.values(filters).some(Boolean)
    ? keyed.where((attr, op) =>
        [
          filters.ownerId ? op.eq(attr.ownerId, filters.ownerId) : '',
          filters.status ? op.eq(attr.status, filters.status) : '',
          // Exact, since begins() on a partial stage key also matches longer ids.
          filters.stageId ? op.eq(attr.stageId, filters.stageId) : '',
          filters.closeMonth ? op.begins(attr.expectedCloseDate, filters.closeMonth) : '',
        ]
          .filter(Boolean)
          .join(' AND '),
      )
    : keyed;
  const cursor = checkCursor(query.cursor, filtered);
  const page = await filtered.go({ limit: query.limit, pages: 1, cursor });
  return withCompanyNames(ctx, page, deps);
}

/** A company's deals, newest first. */
export async function listCompanyDeals(
  ctx: TenantContext,
  companyId: string,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<DealView>> {
  const { data: company } = await deps.db.entities.company.get({ tenantId: ctx.tenantId, companyId }).go();
  if (!company) throw new NotFoundError('Company');
  const deals = deps.db.entities.deal.query.byCompany({ tenantId: ctx.tenantId, companyId });
  const page = await deals.go({ count: query.limit, cursor: checkCursor(query.cursor, deals), order: 'desc' });
  return { items: page.data.map((d) => toDealView(d, company.name)), cursor: page.cursor ?? null };
}
