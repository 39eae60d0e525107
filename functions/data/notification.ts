import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { NOTIFICATION_KINDS } from '../shared/enums.js';

/** An in-app notification for one user (the bell); expires after 90 days through `ttl`. */
export const NotificationEntity = new Entity(
  {
    model: { entity: 'notification', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      notificationId: { type: 'string', required: true, readOnly: true },
      kind: { type: NOTIFICATION_KINDS, required: true },
      title: { type: 'string', required: true },
      body: { type: 'string' },
      taskId: { type: 'string' },
      companyId: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      readAt: { type: 'string' },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      /** One user's notifications; ids are ULIDs, so newest first is descending order. */
      byUser: {
        pk: { field: 'pk', composite: ['tenantId', 'userId'] },
        sk: { field: 'sk', composite: ['notificationId'] },
      },
    },
  },
  entityConfig,
);
export type Notification = EntityItem<typeof NotificationEntity>;

/** A user's own settings: the daily digest and the time zone their day is counted in. */
export const UserPreferencesEntity = new Entity(
  {
    model: { entity: 'userPreferences', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      digest: { type: 'boolean', required: true },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      /** One user's preferences. */
      byUser: {
        pk: { field: 'pk', composite: ['tenantId'] },
        sk: { field: 'sk', composite: ['userId'] },
      },
    },
  },
  entityConfig,
);
export type UserPreferences = EntityItem<typeof UserPreferencesEntity>;

/** "This user's digest for this local day was sent": created conditionally, so each day sends once. */
export const DigestMarkEntity = new Entity(
  {
    model: { entity: 'digestMark', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      /** The user's local date, `YYYY-MM-DD`. */
      day: { type: 'string', required: true, readOnly: true },
      sentAt: { type: 'string', required: true },
      tasks: { type: 'number', required: true },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      /** One user's digest of one day. */
      byUserDay: {
        pk: { field: 'pk', composite: ['tenantId'] },
        sk: { field: 'sk', composite: ['userId', 'day'] },
      },
    },
  },
  entityConfig,
);
export type DigestMark = EntityItem<typeof DigestMarkEntity>;
