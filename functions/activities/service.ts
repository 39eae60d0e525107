import { getCompany } from '../companies/service.js';
import { companyLive } from '../companies/tombstone.js';
import { assertCommitted } from '../data/transaction.js';
import type { Activity } from '../data/activity.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { NotFoundError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import type { ActivityView, TimelineEntryView } from './contract.js';
import type { LogActivityInput } from './schema.js';
import { activityEntry, assertNotFuture, contactNameOf, toActivityView } from './activity-records.js';

/** Logs a call, email, meeting or note against a company, optionally with one of its contacts. */
export async function logActivity(
  ctx: TenantContext,
  companyId: string,
  input: LogActivityInput,
  deps: Deps,
): Promise<ActivityView> {
  const now = deps.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : now;
  assertNotFuture(input.type, occurredAt, deps);
  await getCompany(ctx, companyId, deps);
  const contactName = input.contactId ? await contactNameOf(ctx, companyId, input.contactId, deps) : undefined;
  const activity: Activity = {
    ...input,
    tenantId: ctx.tenantId,
    companyId,
    activityId: deps.newId(),
    occurredAt,
    createdAt: now,
    createdBy: ctx.userId,
    createdByName: ctx.name,
    version: 1,
  };
  const entry = activityEntry(ctx, activity, 'created', { entryId: deps.newId(), at: now }, { contactName });
  // Lands only while the company exists: an activity logged as it is deleted would outlive its purge.
  const result = await deps.db.transaction
    .write((entities) => [
      companyLive(entities, { tenantId: ctx.tenantId, companyId }),
      entities.activity.create(activity).commit(),
      entities.timelineEntry.create(entry).commit(),
    ])
    .go();
  assertCommitted(result, () => new NotFoundError('Company'));
  return toActivityView(activity);
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
  return mapPage(page, toActivityView);
}

/** A company's timeline, newest first. */
export async function listTimeline(
  ctx: TenantContext,
  companyId: string,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<TimelineEntryView>> {
  const key = { tenantId: ctx.tenantId, companyId };
  const timeline = deps.db.entities.timelineEntry.query.byCompany(key);
  const cursor = checkCursor(query.cursor, timeline);
  const [{ data: company }, { data: tombstone }] = await Promise.all([
    deps.db.entities.company.get(key).go(),
    deps.db.entities.companyTombstone.get(key).go(),
  ]);
  if (!company && tombstone) {
    // A deleted company's timeline is the record of its deletion (the rest is purged).
    const { data: entry } = await deps.db.entities.timelineEntry
      .get({ ...key, entryId: tombstone.deletionEntryId })
      .go();
    const items = entry ? [entry] : [];
    return mapPage({ data: cursor ? [] : items, cursor: null }, ({ tenantId: _t, ...e }) => ({
      ...e,
      changes: e.changes ?? [],
    }));
  }
  // 404 alike for unknown and other tenants' companies.
  if (!company) throw new NotFoundError('Company');
  const page = await timeline.go({ count: query.limit, cursor, order: 'desc' });
  return mapPage(page, ({ tenantId: _tenantId, ...entry }) => ({ ...entry, changes: entry.changes ?? [] }));
}
