import * as z from 'zod';
import { ROLES } from '../shared/enums.js';
import { pageQuery, text, timeZoneName } from '../shared/validation.js';

/** A new user's identity: email (lower-cased, it is the sign-in name) and display name. */
export const newUserFields = {
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')).pipe(z.string().max(254)),
  name: text(100),
};

/** `POST /v1/users`. */
export const inviteUserSchema = z.strictObject({ ...newUserFields, role: z.enum(ROLES) });
export type InviteUserInput = z.infer<typeof inviteUserSchema>;

/** `PATCH /v1/users/{userId}`. */
export const updateUserSchema = z
  .strictObject({ name: text(100), role: z.enum(ROLES), version: z.number().int().positive() })
  .partial();
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** `GET /v1/users`. */
export const listUsersSchema = z.strictObject(pageQuery);

/** `PATCH /v1/admin/tenants/{tenantId}/users/{userId}`: a platform admin repairing a workspace's roles. */
export const adminUpdateUserSchema = z
  .strictObject({ role: z.enum(ROLES), version: z.number().int().positive() })
  .partial({ version: true });
export type AdminUpdateUserInput = z.infer<typeof adminUpdateUserSchema>;

/** `PATCH /v1/me`: the signed-in user's own name and time zone (email and role are not theirs to change). */
export const updateMeSchema = z
  .strictObject({ name: text(100), timeZone: timeZoneName, version: z.number().int().positive() })
  .partial();
export type UpdateMeInput = z.infer<typeof updateMeSchema>;
