import type { UserPreferences } from '../data/notification.js';
import type { Deps } from '../shared/deps.js';

/** What a user who never chose gets: the digest on. */
export const DEFAULT_PREFERENCES = { digest: true } as const;

/**
 * A user's preferences, or the defaults, with the time zone their days are counted in: the one
 * on their profile (`PATCH /v1/me`), UTC until they set it — one time zone per user, not one per feature.
 */
export async function preferencesOf(
  tenantId: string,
  userId: string,
  deps: Deps,
): Promise<Pick<UserPreferences, 'digest'> & { timeZone: string }> {
  const [prefs, user] = await Promise.all([
    deps.db.entities.userPreferences.get({ tenantId, userId }).go(),
    deps.db.entities.user.get({ tenantId, userId }).go({ attributes: ['timeZone'] }),
  ]);
  return { digest: prefs.data?.digest ?? DEFAULT_PREFERENCES.digest, timeZone: user.data?.timeZone || 'UTC' };
}

/** `2026-12-03T14:00:00Z` as the user reads it in their zone: `Thu 3 Dec, 14:00`. */
export const localTime = (at: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
