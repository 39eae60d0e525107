import * as z from 'zod';
import { ACTIVITY_TYPES, type ActivityType } from '../shared/enums.js';
import { optionalText, pageQuery, text } from '../shared/validation.js';

/** A client's clock may run this far ahead of ours before "now" counts as the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Why an activity may not be dated so, or undefined when it may: a call, email or note logs
 * something that happened, so it cannot be in the future; only a meeting can be scheduled ahead.
 * The service asks with its own clock (authoritative); the schemas ask with the caller's, so a
 * form says so before sending.
 */
export function futureDateProblem(type: ActivityType, occurredAt: string | undefined, nowMs: number) {
  if (type === 'meeting' || !occurredAt) return undefined;
  const at = Date.parse(occurredAt);
  // An unreadable date is the format check's to report, once.
  if (Number.isNaN(at) || at <= nowMs + CLOCK_SKEW_MS) return undefined;
  return `A ${type} can't be in the future; only meetings can be scheduled ahead`;
}

const occurredAt = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 date and time' });
const durationMinutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

/** `POST /v1/companies/{companyId}/activities`. */
export const logActivitySchema = z
  .strictObject({
    type: z.enum(ACTIVITY_TYPES),
    subject: text(200),
    body: optionalText(10_000),
    contactId: optionalText(64),
    occurredAt: occurredAt.optional(),
    durationMinutes: durationMinutes.optional(),
  })
  .superRefine((activity, ctx) => {
    const problem = futureDateProblem(activity.type, activity.occurredAt, Date.now());
    if (problem) ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: problem });
  });
export type LogActivityInput = z.infer<typeof logActivitySchema>;

/**
 * `PATCH /v1/activities/{activityId}`: any subset; `null` clears an optional field. Whether the
 * date may be in the future depends on the type, which may be the stored one, so the service checks it.
 */
export const updateActivitySchema = z
  .strictObject({
    type: z.enum(ACTIVITY_TYPES),
    subject: text(200),
    body: optionalText(10_000).nullable(),
    contactId: optionalText(64).nullable(),
    occurredAt,
    durationMinutes: durationMinutes.nullable(),
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateActivityInput = z.infer<typeof updateActivitySchema>;

/** `GET /v1/companies/{companyId}/activities` and the timeline. */
export const activityPageSchema = z.strictObject(pageQuery);
