import type { Notification } from '../data/notification.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { checkCursor } from '../shared/pagination.js';
import type { NotificationView } from './contract.js';
import { preferencesOf } from './preferences.js';
import type { ListNotificationsQuery, MarkReadInput, UpdatePreferencesInput } from './schema.js';

/** The bell shows "99+" past this: counting further would read every old notification. */
export const UNREAD_COUNT_CAP = 100;

const toView = ({ tenantId: _t, userId: _u, ttl: _ttl, ...n }: Notification): NotificationView => n;

const mine = (ctx: TenantContext, deps: Deps) =>
  deps.db.entities.notification.query.byUser({ tenantId: ctx.tenantId, userId: ctx.userId });

/** Up to UNREAD_COUNT_CAP of the caller's unread notifications, newest first. */
async function unread(ctx: TenantContext, deps: Deps): Promise<Notification[]> {
  const found: Notification[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Notification[]; cursor: string | null } = await mine(ctx, deps)
      .where((attr, { notExists }) => notExists(attr.readAt))
      .go({ order: 'desc', cursor, count: UNREAD_COUNT_CAP - found.length });
    found.push(...page.data);
    cursor = page.cursor;
  } while (cursor && found.length < UNREAD_COUNT_CAP);
  return found;
}

/** The caller's notifications, newest first, and their unread count. */
export async function listNotifications(ctx: TenantContext, query: ListNotificationsQuery, deps: Deps) {
  const q = query.unread ? mine(ctx, deps).where((attr, { notExists }) => notExists(attr.readAt)) : mine(ctx, deps);
  const [page, unreadItems] = await Promise.all([
    q.go({ order: 'desc', count: query.limit, cursor: checkCursor(query.cursor, q) }),
    unread(ctx, deps),
  ]);
  return { items: page.data.map(toView), cursor: page.cursor ?? null, unreadCount: unreadItems.length };
}

/** Marks notifications read; ids that are not the caller's (or not there) are ignored, never created. */
export async function markRead(ctx: TenantContext, input: MarkReadInput, deps: Deps): Promise<{ unreadCount: number }> {
  const ids = 'ids' in input ? [...new Set(input.ids)] : (await unread(ctx, deps)).map((n) => n.notificationId);
  const readAt = deps.now();
  await Promise.all(
    ids.map((notificationId) =>
      deps.db.entities.notification
        .patch({ tenantId: ctx.tenantId, userId: ctx.userId, notificationId })
        .set({ readAt })
        .where((attr, { notExists }) => notExists(attr.readAt))
        .go()
        .catch((error: { message?: string }) => {
          // Not there, or already read: nothing to do.
          if (!/conditional request failed/i.test(error.message ?? '')) throw error;
        }),
    ),
  );
  return { unreadCount: (await unread(ctx, deps)).length };
}

/** The caller's preferences (defaults until they choose). */
export const getPreferences = (ctx: TenantContext, deps: Deps) => preferencesOf(ctx.tenantId, ctx.userId, deps);

/** Changes the caller's preferences. */
export async function updatePreferences(ctx: TenantContext, input: UpdatePreferencesInput, deps: Deps) {
  const { timeZone, ...stored } = { ...(await getPreferences(ctx, deps)), ...input };
  await deps.db.entities.userPreferences
    .put({ tenantId: ctx.tenantId, userId: ctx.userId, ...stored, updatedAt: deps.now() })
    .go();
  return { ...stored, timeZone };
}
