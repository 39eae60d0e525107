import { NavLink } from 'react-router-dom';
import { AppShell, NotFoundPage as NotFound } from '../shared/app-shell';
import { ROLE_LABELS } from '../shared/labels';
import { Badge } from '../shared/ui';
import { ApprovalsNavLink } from './quotes/approvals-nav-link';
import { HeaderSearch } from './search/header-search';
import { NotificationBell } from './notification-bell';
import { useWorkspace } from './workspace';

/** Header (tenant, user, role, sign out), navigation and the page outlet. */
export function Layout() {
  const { me, canManageUsers } = useWorkspace();
  return (
    <AppShell
      home="/dashboard"
      homeLabel="Quoteflow home"
      brand={<span className="brand-word">Quoteflow</span>}
      nav={
        <>
          <NavLink to="/dashboard">Dashboard</NavLink>
          <NavLink to="/companies">Companies</NavLink>
          <NavLink to="/contacts">Contacts</NavLink>
          <NavLink to="/deals">Deals</NavLink>
          <NavLink to="/quotes" end>
            Quotes
          </NavLink>
          <ApprovalsNavLink />
          <NavLink to="/catalog">Catalog</NavLink>
          <NavLink to="/tasks">My tasks</NavLink>
          <NavLink to="/prompts">Prompts</NavLink>
          {canManageUsers && <NavLink to="/team">Team</NavLink>}
          <NavLink to="/settings">Settings</NavLink>
        </>
      }
      search={<HeaderSearch />}
      actions={<NotificationBell />}
      user={
        <>
          <span className="user-name">
            <span className="break">{me.name}</span>
            <Badge tone="accent">{ROLE_LABELS[me.role]}</Badge>
          </span>
          <span className="user-tenant" data-testid="tenant-name">
            {me.tenant.name}
          </span>
        </>
      }
    />
  );
}

/** Unknown in-app paths. */
export function NotFoundPage() {
  return (
    <NotFound home="/dashboard" homeAction="Go to the dashboard">
      The link may be old, or the page may have moved.
    </NotFound>
  );
}
