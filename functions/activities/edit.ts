import { companyLive } from '../companies/tombstone.js';
import type { Activity } from '../data/activity.js';
import { assertCommitted } from '../data/transaction.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { staleVersion, stripNulls } from '../shared/records.js';
import { activityEntry, assertNotFuture, contactNameOf, toActivityView } from './activity-records.js';
import type { ActivityView } from './contract.js';
import type { UpdateActivityInput } from './schema.js';
import { diffFields } from './timeline.js';

const TRACKED_FIELDS = [
  'type',
  'subject',
  'body',
  'contactId',
  'occurredAt',
  'durationMinutes',
] as const satisfies readonly (keyof Activity)[];

/** Loads an activity of the caller's tenant (a consistent read of the record the id index points at) or 404s. */
export async function getActivity(ctx: TenantContext, activityId: string, deps: Deps): Promise<Activity> {
  const { data: found } = await deps.db.entities.activity.query
    .byId({ tenantId: ctx.tenantId, activityId })
    .go({ attributes: ['companyId', 'occurredAt'] });
  const key = found[0];
  if (!key) throw new NotFoundError('Activity');
  const { data: activity } = await deps.db.entities.activity
    .get({ tenantId: ctx.tenantId, companyId: key.companyId!, occurredAt: key.occurredAt!, activityId })
    .go({ consistent: true });
  if (!activity) throw new NotFoundError('Activity');
  return activity;
}

/** Only the author of an activity, an admin or the owner may change it (viewers never reach here). */
function assertMayChange(ctx: TenantContext, activity: Activity): void {
  if (ctx.role === 'owner' || ctx.role === 'admin' || activity.createdBy === ctx.userId) return;
  throw new ForbiddenError(`Only ${activity.createdByName}, an admin or the owner can change this activity`);
}

/** The condition that the stored activity is still the one read (activities logged before edits carry no version). */
const unchangedSince =
  (before: Activity) =>
  ({ version }: any, { eq, notExists }: any) =>
    before.version === undefined ? notExists(version) : eq(version, before.version);

/**
 * Applies a partial edit if `expectedVersion` is current, in one transaction with its timeline
 * entry and a check that the company still exists (so nothing lands under a deleted company).
 * The date is part of the activity's key, so a new date moves it: delete and create together.
 */
export async function updateActivity(
  ctx: TenantContext,
  activityId: string,
  patch: UpdateActivityInput,
  expectedVersion: number,
  deps: Deps,
): Promise<ActivityView> {
  const before = await getActivity(ctx, activityId, deps);
  assertMayChange(ctx, before);
  const current = before.version ?? 1;
  if (current !== expectedVersion) throw staleVersion(current);
  const { version: _version, ...fields } = patch;
  const now = deps.now();
  const after = stripNulls({
    ...before,
    ...fields,
    ...(fields.occurredAt ? { occurredAt: new Date(fields.occurredAt).toISOString() } : {}),
    updatedAt: now,
    updatedBy: ctx.userId,
    version: current + 1,
  }) as Activity;
  const changes = diffFields(before, after, TRACKED_FIELDS);
  if (changes.length === 0) return toActivityView(before);
  if (changes.some((c) => c.field === 'type' || c.field === 'occurredAt')) {
    assertNotFuture(after.type, after.occurredAt, deps);
  }
  // A newly linked contact must be the company's; one linked earlier may since have been deleted.
  const contactChanged = changes.some((c) => c.field === 'contactId');
  const contactName = after.contactId
    ? await contactNameOf(ctx, before.companyId, after.contactId, deps).catch((error: unknown) => {
        if (contactChanged) throw error;
        return undefined;
      })
    : undefined;
  const entry = activityEntry(ctx, after, 'updated', { entryId: deps.newId(), at: now }, { contactName, changes });
  const moved = after.occurredAt !== before.occurredAt;
  const result = await deps.db.transaction
    .write((entities) => [
      companyLive(entities, before),
      ...(moved
        ? [
            entities.activity.delete(before).where(unchangedSince(before)).commit(),
            entities.activity.create(after).commit(),
          ]
        : [entities.activity.put(after).where(unchangedSince(before)).commit()]),
      entities.timelineEntry.create(entry).commit(),
    ])
    .go();
  assertCommitted(result, (index) => (index === 0 ? new NotFoundError('Activity') : staleVersion()));
  return toActivityView(after);
}

/** Deletes an activity; the company timeline records it in the same transaction. */
export async function deleteActivity(ctx: TenantContext, activityId: string, deps: Deps): Promise<void> {
  const activity = await getActivity(ctx, activityId, deps);
  assertMayChange(ctx, activity);
  const contactName = activity.contactId
    ? await contactNameOf(ctx, activity.companyId, activity.contactId, deps).catch(() => undefined)
    : undefined;
  const entry = activityEntry(ctx, activity, 'deleted', { entryId: deps.newId(), at: deps.now() }, { contactName });
  const result = await deps.db.transaction
    .write((entities) => [
      companyLive(entities, activity),
      entities.activity.delete(activity).where(unchangedSince(activity)).commit(),
      entities.timelineEntry.create(entry).commit(),
    ])
    .go();
  assertCommitted(result, (index) => (index === 0 ? new NotFoundError('Activity') : staleVersion()));
}
