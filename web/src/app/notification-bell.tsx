import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { notificationsApi } from '../../../functions/notifications/contract';
import { useApiMutation, useApiQuery } from '../shared/query';
import { TimeAgo } from './time-ago';
import { useWorkspace } from './workspace';

/** How often the bell asks for news: reminders land at their due time without a reload. */
const POLL_MS = 30_000;

/** The header's bell: unread count, and a dropdown of recent notifications that can be marked read. */
export function NotificationBell() {
  const { canWrite } = useWorkspace();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const box = useRef<HTMLDivElement>(null);
  const list = useApiQuery(
    notificationsApi.list,
    { query: { limit: 10 } },
    { refetchInterval: POLL_MS, enabled: canWrite },
  );
  const markRead = useApiMutation(notificationsApi.markRead, (body: { ids: string[] } | { all: true }) => ({ body }), {
    invalidates: [notificationsApi],
  });
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  if (!canWrite) return null;
  const unread = list.data?.unreadCount ?? 0;
  const label = unread ? `Notifications, ${unread >= 100 ? '99+' : unread} unread` : 'Notifications';
  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="bell"
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && <span className="bell-count">{unread >= 100 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div className="bell-panel" id={panelId} role="region" aria-label="Notifications">
          <div className="bell-head">
            <strong>Notifications</strong>
            {unread > 0 && (
              <button type="button" className="link-button" onClick={() => markRead.mutate({ all: true })}>
                Mark all read
              </button>
            )}
          </div>
          {!list.data?.items.length ? (
            <p className="muted bell-empty">Nothing yet. Task reminders show here when they are due.</p>
          ) : (
            <ul className="bell-list">
              {list.data.items.map((n) => (
                <li key={n.notificationId} className={n.readAt ? 'bell-item' : 'bell-item bell-unread'}>
                  <Link
                    to={n.companyId ? `/companies/${n.companyId}?tab=tasks` : '/tasks'}
                    onClick={() => {
                      if (!n.readAt) markRead.mutate({ ids: [n.notificationId] });
                      setOpen(false);
                    }}
                  >
                    <span className="break">{n.title}</span>
                    <span className="muted bell-time">
                      <TimeAgo iso={n.createdAt} />
                    </span>
                  </Link>
                  {!n.readAt && (
                    <button
                      type="button"
                      className="link-button bell-mark"
                      onClick={() => markRead.mutate({ ids: [n.notificationId] })}
                      aria-label={`Mark “${n.title}” read`}
                    >
                      Mark read
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <Link to="/tasks" className="bell-foot" onClick={() => setOpen(false)}>
            Open my tasks
          </Link>
        </div>
      )}
    </div>
  );
}
