import * as z from 'zod';
import { defineContract, READ, WRITE } from '../shared/contract.js';
import { NOTIFICATION_KINDS } from '../shared/enums.js';
import { listNotificationsSchema, markReadSchema, updatePreferencesSchema } from './schema.js';

/** One in-app notification. */
export const notificationView = z
  .object({
    notificationId: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    title: z.string(),
    body: z.string().optional(),
    taskId: z.string().optional(),
    companyId: z.string().optional(),
    createdAt: z.string(),
    readAt: z.string().optional(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.output<typeof notificationView>;

/** The caller's own settings. */
export const preferencesView = z.object({ digest: z.boolean(), timeZone: z.string() }).meta({ id: 'Preferences' });

/** The signed-in user's notifications (the bell) and preferences. */
export const notificationsApi = defineContract('notifications', {
  list: {
    method: 'GET',
    path: '/v1/notifications',
    auth: 'tenant',
    roles: READ,
    summary: 'Your notifications, newest first, with how many are unread (counted up to 100)',
    query: listNotificationsSchema,
    response: z.object({
      items: z.array(notificationView),
      cursor: z.string().nullable(),
      unreadCount: z.number(),
    }),
  },
  markRead: {
    method: 'POST',
    path: '/v1/notifications/read',
    auth: 'tenant',
    // Viewers own no tasks, so they get no notifications to mark.
    roles: WRITE,
    summary: 'Mark some (`ids`) or all (`all: true`) of your notifications read',
    body: markReadSchema,
    response: z.object({ unreadCount: z.number() }),
  },
  getPreferences: {
    method: 'GET',
    path: '/v1/me/preferences',
    auth: 'tenant',
    roles: READ,
    summary: 'Your preferences: the daily task digest and your time zone',
    response: preferencesView,
  },
  updatePreferences: {
    method: 'PATCH',
    path: '/v1/me/preferences',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Turn the daily digest on or off, or set your time zone',
    body: updatePreferencesSchema,
    response: preferencesView,
  },
});
