import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import type { DashboardView } from './contract.js';

/** Leads read to find the best scored: bounds the query for tenants with very many leads. */
const MAX_LEADS_READ = 2000;
const TOP_LEADS = 5;
const RECENT_ACTIVITIES = 8;

/** The best AI-scored leads nobody has logged a call, email, meeting or note with yet. */
export async function topUncontactedLeads(ctx: TenantContext, deps: Deps): Promise<DashboardView['topLeads']> {
  const leads = await deps.db.entities.company.query
    .byStage({ tenantId: ctx.tenantId, stage: 'lead' })
    .go({ pages: 'all', limit: MAX_LEADS_READ, attributes: ['companyId', 'name', 'leadScore', 'industry'] });
  const scored = leads.data
    .filter((c) => typeof c.leadScore === 'number')
    .sort((a, b) => b.leadScore! - a.leadScore! || a.name.localeCompare(b.name));
  const top: DashboardView['topLeads'] = [];
  // Checked a few at a time, best first, until enough are found untouched.
  for (let i = 0; i < scored.length && top.length < TOP_LEADS; i += TOP_LEADS * 2) {
    const batch = scored.slice(i, i + TOP_LEADS * 2);
    const touched = await Promise.all(
      batch.map(async (c) => {
        const first = await deps.db.entities.activity.query
          .byCompany({ tenantId: ctx.tenantId, companyId: c.companyId! })
          .go({ limit: 1, attributes: ['activityId'] });
        return first.data.length > 0;
      }),
    );
    batch.forEach((c, j) => {
      if (!touched[j] && top.length < TOP_LEADS)
        top.push({
          companyId: c.companyId!,
          name: c.name!,
          leadScore: c.leadScore!,
          ...(c.industry ? { industry: c.industry } : {}),
        });
    });
  }
  return top;
}

/** The tenant's latest logged activities (meetings scheduled ahead are not "recent" yet), with company names. */
export async function recentActivity(ctx: TenantContext, deps: Deps): Promise<DashboardView['recentActivity']> {
  const found = await deps.db.entities.activity.query
    .byTenantRecent({ tenantId: ctx.tenantId })
    .lte({ occurredAt: deps.now() })
    .go({ order: 'desc', limit: RECENT_ACTIVITIES });
  const companyIds = [...new Set(found.data.map((a) => a.companyId))];
  const companies = companyIds.length
    ? await deps.db.entities.company
        .get(companyIds.map((companyId) => ({ tenantId: ctx.tenantId, companyId })))
        .go({ attributes: ['companyId', 'name'] })
    : { data: [] };
  const names = new Map(companies.data.map((c) => [c.companyId, c.name]));
  // Activities of a company deleted moments ago (its purge still running) are left out.
  return found.data.flatMap((a) => {
    const companyName = names.get(a.companyId);
    return companyName
      ? [
          {
            activityId: a.activityId,
            companyId: a.companyId,
            companyName,
            type: a.type,
            subject: a.subject,
            occurredAt: a.occurredAt,
            createdByName: a.createdByName,
          },
        ]
      : [];
  });
}
