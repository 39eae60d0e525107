import type { activitiesApi, ActivityView } from '../../../functions/activities/contract';
import { futureDateProblem, logActivitySchema, updateActivitySchema } from '../../../functions/activities/schema';
import type { BodyIn } from '../../../functions/shared/contract';
import type { ActivityType } from '../../../functions/shared/enums';

export interface ActivityValues {
  type: ActivityType;
  subject: string;
  body: string;
  contactId: string;
  /** As a datetime-local input holds it: local "YYYY-MM-DDTHH:mm". */
  occurredAt: string;
  /** Whole minutes as typed. */
  durationMinutes: string;
}

/** Types that take a duration. */
export const hasDuration = (type: ActivityType): boolean => type === 'call' || type === 'meeting';

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as the local "YYYY-MM-DDTHH:mm" of a datetime-local input. */
export const toLocalInput = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** The instant a datetime-local value names; what the schema refuses when there is none. */
function instantOf(local: string): string {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : local;
}

/** Whole minutes, NaN (which the schema refuses) for anything but digits, undefined when empty or not asked. */
function minutesOf(v: ActivityValues): number | undefined {
  const minutes = v.durationMinutes.trim();
  if (!hasDuration(v.type) || !minutes) return undefined;
  return /^\d+$/.test(minutes) ? Number(minutes) : Number.NaN;
}

/** The form's values for a new activity (now) or an existing one. */
export function valuesOf(activity: ActivityView | undefined, openedAt: string): ActivityValues {
  if (!activity)
    return { type: 'call', subject: '', body: '', contactId: '', occurredAt: openedAt, durationMinutes: '' };
  return {
    type: activity.type,
    subject: activity.subject,
    body: activity.body ?? '',
    contactId: activity.contactId ?? '',
    occurredAt: toLocalInput(new Date(activity.occurredAt)),
    durationMinutes: activity.durationMinutes === undefined ? '' : String(activity.durationMinutes),
  };
}

/** The log body; `openedAt` is when the editor opened ("now" to the minute, left to the server to stamp exactly). */
export function logBody(v: ActivityValues, openedAt: string): BodyIn<typeof activitiesApi.log> {
  return {
    type: v.type,
    subject: v.subject,
    body: v.body.trim() || undefined,
    contactId: v.contactId || undefined,
    occurredAt: v.occurredAt === openedAt ? undefined : instantOf(v.occurredAt),
    durationMinutes: minutesOf(v),
  };
}

/**
 * The edit body: every field, cleared ones as null; the time only when changed, since the input
 * holds whole minutes and resending would drop the stored seconds (and move the activity).
 */
export function editBody(v: ActivityValues, activity: ActivityView): BodyIn<typeof activitiesApi.update> {
  const when = v.occurredAt === toLocalInput(new Date(activity.occurredAt)) ? undefined : instantOf(v.occurredAt);
  return {
    type: v.type,
    subject: v.subject,
    body: v.body.trim() || null,
    contactId: v.contactId || null,
    ...(when === undefined ? {} : { occurredAt: when }),
    durationMinutes: minutesOf(v) ?? null,
  };
}

/**
 * The edit schema with the future-date rule the log schema has: whether a date may be ahead
 * depends on the type, stored or chosen, so the API's PATCH schema leaves it to the service.
 */
export const editSchemaFor = (activity: ActivityView) =>
  updateActivitySchema.superRefine((body, ctx) => {
    if (body.type === activity.type && body.occurredAt === undefined) return;
    const problem = futureDateProblem(body.type ?? activity.type, body.occurredAt ?? activity.occurredAt, Date.now());
    if (problem) ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: problem });
  });

export type ActivitySchema = typeof logActivitySchema | ReturnType<typeof editSchemaFor>;
