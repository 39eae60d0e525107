import { NavLink, Outlet } from 'react-router-dom';
import { useDocumentTitle } from '../shared/hooks';
import { ROLE_LABELS } from '../shared/labels';
import { useServices } from '../shared/services';
import { Badge, Button, ButtonLink, EmptyState, PageHeading, useRouteFocus } from '../shared/ui';
import { useWorkspace } from './workspace';

/** The Quoteflow word mark. */
export function Brand() {
  return (
    <span className="brand">
      <span className="brand-mark" aria-hidden="true">
        Q
      </span>
      Quoteflow
    </span>
  );
}

/** Header (tenant, user, role, sign out), navigation and the page outlet. */
export function Layout() {
  const { auth } = useServices();
  const { me, canManageUsers } = useWorkspace();
  useRouteFocus();


  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to="/companies" className="brand" aria-label="Quoteflow home">
            <span className="brand-mark" aria-hidden="true">
              Q
            </span>
            Quoteflow
          </NavLink>
          <nav className="nav" aria-label="Main">
            <NavLink to="/companies">Companies</NavLink>
            {canManageUsers && <NavLink to="/team">Team</NavLink>}
          </nav>
          <div className="user-box">
            <div className="user-meta">
              <span className="user-name">
                <span className="break">{me.name}</span>
                <Badge tone="accent">{ROLE_LABELS[me.role]}</Badge>
              </span>
              <span className="user-tenant" data-testid="tenant-name">
                {me.tenant.name}
              </span>
            </div>
            <Button size="sm" onClick={() => auth.signOut('user')}>
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

/** Unknown in-app paths. */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <EmptyState title="There is nothing at this address" action={<ButtonLink to="/companies" variant="primary">Go to companies</ButtonLink>}>
        The link may be old, or the page may have moved.
      </EmptyState>
    </>
  );
}
