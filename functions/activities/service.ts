import { getCompany } from '../companies/service.js';
import type { Activity } from '../data/activity.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ValidationError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import type { ActivityView, TimelineEntryView } from './contract.js';
import type { LogActivityInput } from './schema.js';

/** Logs a call, email, meeting or note against a company, optionally with one of its contacts. */
export async function logActivity(
  ctx: TenantContext,
  companyId: string,
  input: LogActivityInput,
  deps: Deps,
): Promise<ActivityView> {
  await getCompany(ctx, companyId, deps);
  if (input.contactId) {
    const contact = await deps.db.entities.contact.get({ tenantId: ctx.tenantId, contactId: input.contactId }).go();
    if (contact.data?.companyId !== companyId) {
      throw new ValidationError('The contact does not belong to this company', [
        { path: 'contactId', message: 'Unknown contact' },
      ]);
    }
  }
  const now = deps.now();
  const activity: Activity = {
    ...input,
    tenantId: ctx.tenantId,
    companyId,
    activityId: deps.newId(),
    occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : now,
    createdAt: now,
    createdBy: ctx.userId,
    createdByName: ctx.name,
  };
  await deps.db.entities.activity.create(activity).go();
  const { tenantId: _tenantId, ...view } = activity;
  return view;
}

/** A company's activities, most recent first. */
export async function listActivities(
  ctx: TenantContext,
  companyId: string,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<ActivityView>> {
  await getCompany(ctx, companyId, deps);
  const activities = deps.db.entities.activity.query.byCompany({ tenantId: ctx.tenantId, companyId });
  const page = await activities.go({
    count: query.limit,
    cursor: checkCursor(query.cursor, activities),
    order: 'desc',
  });
  return mapPage(page, ({ tenantId: _tenantId, ...activity }) => activity);
}

/** A company's timeline, newest first. */
export async function listTimeline(
  ctx: TenantContext,
  companyId: string,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<TimelineEntryView>> {
  // 404 alike for unknown, deleted and other tenants' companies.
  await getCompany(ctx, companyId, deps);
  const timeline = deps.db.entities.timelineEntry.query.byCompany({ tenantId: ctx.tenantId, companyId });
  const page = await timeline.go({ count: query.limit, cursor: checkCursor(query.cursor, timeline), order: 'desc' });
  return mapPage(page, ({ tenantId: _tenantId, ...entry }) => ({ ...entry, changes: entry.changes ?? [] }));
}
