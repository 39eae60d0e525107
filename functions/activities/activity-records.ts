import type { Activity } from '../data/activity.js';
import type { TimelineEntry } from '../data/timeline-entry.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ValidationError } from '../shared/errors.js';
import type { ActivityView } from './contract.js';
import { futureDateProblem } from './schema.js';
import { timelineEntry, type Change } from './timeline.js';

/** An activity as the API returns it; one logged before edits existed is at version 1. */
export const toActivityView = ({ tenantId: _t, updatedBy: _u, ...activity }: Activity): ActivityView => ({
  ...activity,
  version: activity.version ?? 1,
});

/** 400 naming `occurredAt` for a call, email or note dated after now (plus the allowed clock skew). */
export function assertNotFuture(type: Activity['type'], occurredAt: string, deps: Deps): void {
  const problem = futureDateProblem(type, occurredAt, Date.parse(deps.now()));
  if (problem) throw new ValidationError(problem, [{ path: 'occurredAt', message: problem }]);
}

/**
 * The name of a contact of `companyId`, or a 400 naming `contactId` for any other id (another
 * company's, another tenant's, none at all).
 */
export async function contactNameOf(
  ctx: TenantContext,
  companyId: string,
  contactId: string,
  deps: Deps,
): Promise<string> {
  const { data: contact } = await deps.db.entities.contact.get({ tenantId: ctx.tenantId, contactId }).go();
  if (contact?.companyId !== companyId) {
    throw new ValidationError('The contact does not belong to this company', [
      { path: 'contactId', message: 'Unknown contact' },
    ]);
  }
  return `${contact.firstName} ${contact.lastName}`;
}

/** The timeline entry for logging, editing or deleting an activity: readable without the activity. */
export function activityEntry(
  ctx: TenantContext,
  activity: Activity,
  action: 'created' | 'updated' | 'deleted',
  ids: { entryId: string; at: string },
  extra: { contactName?: string; changes?: Change[] } = {},
): TimelineEntry {
  return timelineEntry(
    ctx,
    {
      companyId: activity.companyId,
      action,
      subjectType: 'activity',
      subjectId: activity.activityId,
      subjectName: activity.subject,
      detail: {
        activityType: activity.type,
        occurredAt: activity.occurredAt,
        authorName: activity.createdByName,
        ...(extra.contactName ? { contactName: extra.contactName } : {}),
      },
      ...(extra.changes ? { changes: extra.changes } : {}),
    },
    ids,
  );
}
