import { config } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { escapeHtml } from '../shared/mailer.js';
import { isConditionFailure } from '../data/transaction.js';
import { localTime, preferencesOf } from '../notifications/preferences.js';
import { localDay } from './due.js';
import type { ReminderDeps } from './reminders.js';

/** The digest goes out once the user's local day has reached this hour. */
export const DIGEST_HOUR = 7;
const KEEP_SECONDS = 14 * 86_400;
/** A digest lists at most this many of the day's tasks (and says how many more). */
const LISTED = 25;

export type DigestOutcome = 'sent' | 'nothing-due' | 'opted-out' | 'too-early' | 'already-sent';

/**
 * One user's digest of their open tasks due today, in their time zone, once per local day: the
 * day's marker is created conditionally before the email, so reruns (every sweep, two sweeps at
 * once) send nothing more. Users who turned the digest off get none.
 */
export async function sendDigest(
  user: { tenantId: string; userId: string; email: string },
  deps: ReminderDeps,
): Promise<DigestOutcome> {
  const prefs = await preferencesOf(user.tenantId, user.userId, deps);
  if (!prefs.digest) return 'opted-out';
  const now = deps.now();
  const day = localDay(now, prefs.timeZone);
  if (day.hour < DIGEST_HOUR) return 'too-early';
  const owner = deps.db.entities.task.query.byOwner({ tenantId: user.tenantId, ownerId: user.userId });
  const [today, overdue] = await Promise.all([
    owner
      .between({ dueAt: day.start }, { dueAt: day.end })
      .where((attr, { eq }) => eq(attr.done, false))
      .go({ pages: 'all' }),
    owner
      .lt({ dueAt: day.start })
      .where((attr, { eq }) => eq(attr.done, false))
      .go({ count: 100 }),
  ]);
  try {
    await deps.db.entities.digestMark
      .create({
        tenantId: user.tenantId,
        userId: user.userId,
        day: day.date,
        sentAt: now,
        tasks: today.data.length,
        ttl: Math.floor(Date.parse(now) / 1000) + KEEP_SECONDS,
      })
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return 'already-sent';
    throw error;
  }
  if (today.data.length === 0) return 'nothing-due';
  const lines = today.data.slice(0, LISTED).map((t) => ({ when: localTime(t.dueAt, prefs.timeZone), title: t.title }));
  const more = today.data.length - lines.length;
  const late = overdue.data.length > 0 ? `${overdue.data.length}${overdue.cursor ? '+' : ''} overdue. ` : '';
  const link = `${config.webUrl}/tasks`;
  const count = `${today.data.length} task${today.data.length === 1 ? '' : 's'}`;
  await deps.sendEmail({
    to: user.email,
    subject: `Today: ${count} due`,
    text: [
      `Your tasks for ${day.date} (${prefs.timeZone}):`,
      '',
      ...lines.map((l) => `- ${l.when}  ${l.title}`),
      ...(more > 0 ? [`…and ${more} more`] : []),
      '',
      `${late}Open your tasks: ${link}`,
      '',
      'Turn this email off under Settings → Profile (daily digest).',
    ].join('\n'),
    html: `<p>Your tasks for ${escapeHtml(day.date)} (${escapeHtml(prefs.timeZone)}):</p><ul>${lines
      .map((l) => `<li>${escapeHtml(l.when)} — ${escapeHtml(l.title)}</li>`)
      .join(
        '',
      )}</ul>${more > 0 ? `<p>…and ${more} more</p>` : ''}<p>${escapeHtml(late)}<a href="${escapeHtml(link)}">Open your tasks</a></p>`,
  });
  return 'sent';
}

/** Every active user of one tenant gets their digest if due; returns how many were sent. */
export async function sendTenantDigests(tenantId: string, deps: ReminderDeps): Promise<number> {
  const { data: users } = await deps.db.entities.user.query.byTenant({ tenantId }).go({ pages: 'all' });
  let sent = 0;
  for (const user of users) {
    if (user.status !== 'active') continue;
    try {
      if ((await sendDigest(user, deps)) === 'sent') sent++;
    } catch (error) {
      logger.error('digest failed', { tenantId, userId: user.userId, error: (error as Error).message });
    }
  }
  return sent;
}

/** The scheduled sweep: each tenant's digests. */
export async function sendAllDigests(deps: ReminderDeps): Promise<number> {
  const { data: tenants } = await deps.db.entities.tenant.query.all({}).go({ pages: 'all' });
  let sent = 0;
  for (const tenant of tenants) if (tenant.status === 'active') sent += await sendTenantDigests(tenant.tenantId, deps);
  return sent;
}
