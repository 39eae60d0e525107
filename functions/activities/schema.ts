import * as z from 'zod';
import { ACTIVITY_TYPES } from '../shared/enums.js';
import { optionalText, pageQuery, text } from '../shared/validation.js';

/** A client's clock may run this far ahead of ours before "now" counts as the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * `POST /v1/companies/{companyId}/activities`. A call, email or note logs something that
 * happened, so it cannot be dated in the future; only a meeting can be scheduled ahead.
 */
export const logActivitySchema = z
  .strictObject({
    type: z.enum(ACTIVITY_TYPES),
    subject: text(200),
    body: optionalText(10_000),
    contactId: optionalText(64),
    occurredAt: z.iso.datetime({ offset: true, message: 'Use an ISO 8601 date and time' }).optional(),
    durationMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .optional(),
  })
  .superRefine((activity, ctx) => {
    if (activity.type === 'meeting' || !activity.occurredAt) return;
    if (Date.parse(activity.occurredAt) > Date.now() + CLOCK_SKEW_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['occurredAt'],
        message: `A ${activity.type} can't be in the future; only meetings can be scheduled ahead`,
      });
    }
  });
export type LogActivityInput = z.infer<typeof logActivitySchema>;

/** `GET /v1/companies/{companyId}/activities` and the timeline. */
export const activityPageSchema = z.strictObject(pageQuery);
