import { Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { RequireAuth, safeNext } from '../shared/boot';
import { useDocumentTitle } from '../shared/hooks';
import { useServices, useTokens } from '../shared/services';
import { SignInPage } from '../shared/sign-in';
import { Button, ButtonLink, EmptyState, PageHeading, useRouteFocus } from '../shared/ui';
import { NewTenantPage } from './new-tenant-page';
import { TenantPage } from './tenant-page';
import { TenantsPage } from './tenants-page';

/** The console's word mark: the accent and the "Platform admin" tag tell admins where they are. */
function Brand() {
  return (
    <span className="brand">
      <span className="brand-mark" aria-hidden="true">
        Q
      </span>
      Quoteflow <span className="brand-tag">Platform admin</span>
    </span>
  );
}

function Layout() {
  const { auth } = useServices();
  useTokens();
  const email = String(auth.claims()?.email ?? 'Platform admin');
  useRouteFocus();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to="/tenants" className="brand" aria-label="Quoteflow platform admin home">
            <span className="brand-mark" aria-hidden="true">
              Q
            </span>
            <span className="brand-word">Quoteflow</span> <span className="brand-tag">Platform admin</span>
          </NavLink>
          <nav className="nav" aria-label="Main">
            <NavLink to="/tenants">Tenants</NavLink>
          </nav>
          <div className="user-box">
            <div className="user-meta">
              <span className="user-name break">{email}</span>
            </div>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => auth.signOut('user')}
            >
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

function SignInRoute() {
  const tokens = useTokens();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(location.search, '/tenants');
  if (tokens) return <Navigate to={next} replace />;
  return <SignInPage brand={<Brand />} intro="Platform administrators only. Sign in with your admin account." onSignedIn={() => navigate(next, { replace: true })} />;
}

function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <EmptyState title="There is nothing at this address" action={<ButtonLink to="/tenants" variant="primary">Go to tenants</ButtonLink>} />
    </>
  );
}

/** The admin console's routes. */
export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInRoute />} />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/tenants" replace />} />
        <Route path="tenants" element={<TenantsPage />} />
        <Route path="tenants/new" element={<NewTenantPage />} />
        <Route path="tenants/:tenantId" element={<TenantPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
