import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { ROLES, USER_STATUSES } from '../shared/enums.js';

/** A person in a tenant; `userId` is the Cognito `sub`. */
export const UserEntity = new Entity(
  {
    model: { entity: 'user', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      role: { type: ROLES, required: true },
      status: { type: USER_STATUSES, required: true },
      invitedBy: { type: 'string' },
      /**
       * TOTP is set up and enabled in the user pool, as AdminGetUser last said (POST
       * /v1/me/mfa/refresh). The adapter reads it on every request of a workspace that requires MFA.
       */
      mfaEnabled: { type: 'boolean' },
      /** IANA time zone the user chose on their profile (PATCH /v1/me); absent until they choose. */
      timeZone: { type: 'string' },
      /**
       * Epoch seconds of the user's last "sign out of all devices": the adapter refuses tokens issued
       * (`iat`) before it, since Cognito's revocation ends refresh tokens but not ID tokens already out.
       */
      sessionsValidAfter: { type: 'number' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** A tenant's users; also the lookup of one user by id. */
      byTenant: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['userId'] } },
    },
  },
  entityConfig,
);
export type User = EntityItem<typeof UserEntity>;

/**
 * A removal whose sign-in may still exist: written in the transaction that deletes the user's
 * record (their access ends there), removed once the Cognito user is gone, so a failed Cognito
 * call is finished by removing them again or by resumeUserRemovals, never left as a login.
 */
export const UserRemovalEntity = new Entity(
  {
    model: { entity: 'userRemoval', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      requestedAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      /** A tenant's unfinished removals; also one by user id. */
      byTenant: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['userId'] } },
    },
  },
  entityConfig,
);
export type UserRemoval = EntityItem<typeof UserRemovalEntity>;
