import { defaultDeps as deps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { notificationsApi } from './contract.js';
import * as notifications from './service.js';

export const handler = createApi(notificationsApi, {
  list: ({ ctx, query }) => notifications.listNotifications(ctx, query, deps),
  markRead: ({ ctx, body }) => notifications.markRead(ctx, body, deps),
  getPreferences: ({ ctx }) => notifications.getPreferences(ctx, deps),
  updatePreferences: ({ ctx, body }) => notifications.updatePreferences(ctx, body, deps),
});
