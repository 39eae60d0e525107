import * as z from 'zod';
import { pathId } from '../shared/contract.js';
import { pageQuery } from '../shared/validation.js';

/** `GET /v1/notifications`: newest first; `unread=true` for the unread ones only. */
export const listNotificationsSchema = z.strictObject({
  ...pageQuery,
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsSchema>;

/** `POST /v1/notifications/read`: some by id, or all of them. */
export const markReadSchema = z.union([
  z.strictObject({ ids: z.array(pathId).min(1).max(100) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadInput = z.infer<typeof markReadSchema>;

/** `PATCH /v1/me/preferences`; the time zone is the profile's (`PATCH /v1/me`). */
export const updatePreferencesSchema = z.strictObject({ digest: z.boolean() }).partial();
export type UpdatePreferencesInput = z.infer<typeof updatePreferencesSchema>;
