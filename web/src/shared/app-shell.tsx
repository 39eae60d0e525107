import type { ReactNode } from 'react';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { RequireAuth, safeNext } from './boot';
import { useDocumentTitle } from './hooks';
import { useServices, useTokens } from './services';
import { SignInPage } from './sign-in';
import { Button, ButtonLink, EmptyState, Loading, PageHeading, useRouteFocus } from './ui';

const BrandMark = () => (
  <span className="brand-mark" aria-hidden="true">
    Q
  </span>
);

/** The Quoteflow word mark, with an optional tag ("Platform admin") that says which console this is. */
export function Brand({ tag }: { tag?: string }) {
  return (
    <span className="brand">
      <BrandMark />
      Quoteflow
      {tag && (
        <>
          {' '}
          <span className="brand-tag">{tag}</span>
        </>
      )}
    </span>
  );
}

/**
 * The signed-in page frame: skip link, header (brand linking home, main navigation, the user and
 * "Sign out") and the `main` landmark with the route's page.
 */
export function AppShell({
  home,
  homeLabel,
  brand,
  nav,
  search,
  user,
  actions,
}: {
  /** Where the brand links to. */
  home: string;
  /** The brand link's accessible name. */
  homeLabel: string;
  /** What follows the brand mark in the header. */
  brand: ReactNode;
  /** The main navigation's links. */
  nav: ReactNode;
  /** A search box between the navigation and the user. */
  search?: ReactNode;
  /** Who is signed in (the header's user box, before "Sign out"). */
  user: ReactNode;
  /** Header controls before the user box (the tenant app's notification bell). */
  actions?: ReactNode;
}) {
  const { auth } = useServices();
  useRouteFocus();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  // A link followed from the menu leaves it: the page it opened is what the user wants to see.
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header
        className={menuOpen ? 'app-header menu-open' : 'app-header'}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || !menuOpen) return;
          setMenuOpen(false);
          menuButton.current?.focus();
        }}
      >
        <div className="app-header-inner">
          <NavLink to={home} className="brand" aria-label={homeLabel}>
            <BrandMark />
            {brand}
          </NavLink>
          {/* Small screens only (styles.css): the navigation and the user box fold behind it, so the header is one row;
              it comes before them so the keyboard reaches the links right after opening it. */}
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-label="Menu"
            aria-expanded={menuOpen}
            aria-controls="app-nav app-user"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path
                d={menuOpen ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'}
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                fill="none"
              />
            </svg>
          </button>
          <nav className="nav" aria-label="Main" id="app-nav">
            {nav}
          </nav>
          {search}
          {actions}
          <div className="user-box" id="app-user">
            <div className="user-meta">{user}</div>
            <Button size="sm" onClick={() => auth.signOut('user')}>
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {/* Pages other than the home page load on first visit, so the first paint waits for less JS. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/** Unknown in-app paths, with a way back home. */
export function NotFoundPage({
  home,
  homeAction,
  children,
}: {
  home: string;
  homeAction: string;
  children?: ReactNode;
}) {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <EmptyState
        title="There is nothing at this address"
        action={
          <ButtonLink to={home} variant="primary">
            {homeAction}
          </ButtonLink>
        }
      >
        {children}
      </EmptyState>
    </>
  );
}

/** /sign-in: goes on to `?next=` (or home) once signed in, or straight away when already signed in. */
function SignInRoute({ home, brand, intro }: { home: string; brand: ReactNode; intro: string }) {
  const tokens = useTokens();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(location.search, home);
  if (tokens) return <Navigate to={next} replace />;
  return <SignInPage brand={brand} intro={intro} onSignedIn={() => navigate(next, { replace: true })} />;
}

/**
 * A SPA's route table: /sign-in, then the signed-in `layout` around `children` (its page routes),
 * with "/" sending to `home`.
 */
export function AppRoutes({
  home,
  signIn,
  layout,
  children,
}: {
  home: string;
  signIn: { brand: ReactNode; intro: string };
  /** The signed-in frame (rendered inside RequireAuth); it renders an Outlet for the pages. */
  layout: ReactNode;
  /** The page routes (`<Route … />` elements). */
  children: ReactNode;
}) {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInRoute home={home} brand={signIn.brand} intro={signIn.intro} />} />
      <Route element={<RequireAuth>{layout}</RequireAuth>}>
        <Route index element={<Navigate to={home} replace />} />
        {children}
      </Route>
    </Routes>
  );
}
