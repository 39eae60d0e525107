import * as z from 'zod';
import { defineContract, idParams, MANAGE_USERS, noContent, page, READ } from '../shared/contract.js';
import { PLANS, ROLES, USER_STATUSES } from '../shared/enums.js';
import { inviteUserSchema, listUsersSchema, updateMeSchema, updateUserSchema } from './schema.js';

/** A person in a workspace, as the API returns them. */
export const userView = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    status: z.enum(USER_STATUSES),
    invitedBy: z.string().optional(),
    /** Signs in with a TOTP code from an authenticator app. */
    mfaEnabled: z.boolean(),
    /** IANA time zone from their profile; null until they choose one. */
    timeZone: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'User' });
export type UserView = z.output<typeof userView>;

/** The signed-in user with their workspace. */
export const meView = userView
  .extend({
    tenant: z.object({
      tenantId: z.string(),
      name: z.string(),
      slug: z.string(),
      plan: z.enum(PLANS),
      /** The owner requires two-factor sign-in of everyone in the workspace. */
      mfaRequired: z.boolean(),
    }),
  })
  .meta({ id: 'Me' });
export type MeView = z.output<typeof meView>;

const user = idParams('userId');

/** The signed-in user and the workspace's team. */
export const usersApi = defineContract('users', {
  me: {
    method: 'GET',
    path: '/v1/me',
    auth: 'tenant',
    roles: READ,
    summary: 'The signed-in user and their workspace',
    response: meView,
    mfaSetup: true,
  },
  updateMe: {
    method: 'PATCH',
    path: '/v1/me',
    auth: 'tenant',
    roles: READ,
    summary: 'Change the signed-in user’s own name and time zone',
    body: updateMeSchema,
    response: meView,
    versioned: true,
  },
  signOutEverywhere: {
    method: 'POST',
    path: '/v1/me/sign-out-everywhere',
    auth: 'tenant',
    roles: READ,
    summary:
      'Sign the user out of every device: revokes their refresh tokens and refuses every token issued before now (401)',
    response: noContent,
    status: 204,
    mfaSetup: true,
  },
  refreshMfa: {
    method: 'POST',
    path: '/v1/me/mfa/refresh',
    auth: 'tenant',
    roles: READ,
    summary:
      'Re-reads the signed-in user’s two-factor setting from the user pool, after they set up TOTP with their access token',
    response: meView,
    mfaSetup: true,
  },
  list: {
    method: 'GET',
    path: '/v1/users',
    auth: 'tenant',
    roles: READ,
    summary: 'The workspace’s users',
    query: listUsersSchema,
    response: page(userView),
  },
  invite: {
    method: 'POST',
    path: '/v1/users',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Invite a user by email',
    body: inviteUserSchema,
    response: userView,
    status: 201,
  },
  update: {
    method: 'PATCH',
    path: '/v1/users/{userId}',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Rename a user or change their role',
    params: user,
    body: updateUserSchema,
    response: userView,
    versioned: true,
  },
  remove: {
    method: 'DELETE',
    path: '/v1/users/{userId}',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Remove a user from the workspace',
    params: user,
    response: noContent,
    status: 204,
  },
  resendInvitation: {
    method: 'POST',
    path: '/v1/users/{userId}/invitation',
    auth: 'tenant',
    roles: MANAGE_USERS,
    summary: 'Send an invited user a fresh invitation',
    params: user,
    response: userView,
    status: 202,
  },
});
