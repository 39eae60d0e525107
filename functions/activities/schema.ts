import * as z from 'zod';
import { ACTIVITY_TYPES } from '../shared/enums.js';
import { optionalText, pageQuery, text } from '../shared/validation.js';

/** `POST /v1/companies/{companyId}/activities`. */
export const logActivitySchema = z.strictObject({
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
});
export type LogActivityInput = z.infer<typeof logActivitySchema>;

/** `GET /v1/companies/{companyId}/activities` and the timeline. */
export const activityPageSchema = z.strictObject(pageQuery);
