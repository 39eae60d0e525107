import type { UserPreferences } from '../data/notification.js';
import type { Deps } from '../shared/deps.js';

/** What a user who never chose gets: the digest on, days counted in UTC. */
export const DEFAULT_PREFERENCES = { digest: true, timeZone: 'UTC' } as const;

/** A user's preferences, or the defaults. */
export async function preferencesOf(
  tenantId: string,
  userId: string,
  deps: Deps,
): Promise<Pick<UserPreferences, 'digest' | 'timeZone'>> {
  const found = await deps.db.entities.userPreferences.get({ tenantId, userId }).go();
  return found.data ? { digest: found.data.digest, timeZone: found.data.timeZone } : { ...DEFAULT_PREFERENCES };
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
