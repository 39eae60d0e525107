import { lazy } from 'react';
import { NavLink, Route } from 'react-router-dom';
import { AppRoutes, AppShell, Brand, NotFoundPage } from '../shared/app-shell';
import { useServices, useTokens } from '../shared/services';
import { TenantsPage } from './tenants-page';

// The tenants list comes with the first load; the other pages when first opened.
const NewTenantPage = lazy(() => import('./new-tenant-page').then((m) => ({ default: m.NewTenantPage })));
const TenantPage = lazy(() => import('./tenant-page').then((m) => ({ default: m.TenantPage })));
const SystemPromptsPage = lazy(() => import('./system-prompts-page').then((m) => ({ default: m.SystemPromptsPage })));
const SystemPromptPage = lazy(() => import('./system-prompts-page').then((m) => ({ default: m.SystemPromptPage })));
const PlatformKeysPage = lazy(() => import('./platform-keys-page').then((m) => ({ default: m.PlatformKeysPage })));
const UsagePage = lazy(() => import('./usage-page').then((m) => ({ default: m.UsagePage })));

function Layout() {
  const { auth } = useServices();
  useTokens();
  const email = String(auth.claims()?.email ?? 'Platform admin');
  return (
    <AppShell
      home="/tenants"
      homeLabel="Quoteflow platform admin home"
      brand={
        <>
          <span className="brand-word">Quoteflow</span> <span className="brand-tag">Platform admin</span>
        </>
      }
      nav={
        <>
          <NavLink to="/tenants">Tenants</NavLink>
          <NavLink to="/prompts">System prompts</NavLink>
          <NavLink to="/keys">Platform keys</NavLink>
          <NavLink to="/usage">AI usage</NavLink>
        </>
      }
      user={<span className="user-name break">{email}</span>}
    />
  );
}

/** The admin console's routes. */
export function App() {
  return (
    <AppRoutes
      home="/tenants"
      // The accent and the "Platform admin" tag tell admins where they are.
      signIn={{
        brand: <Brand tag="Platform admin" />,
        intro: 'Platform administrators only. Sign in with your admin account.',
      }}
      layout={<Layout />}
    >
      <Route path="tenants" element={<TenantsPage />} />
      <Route path="tenants/new" element={<NewTenantPage />} />
      <Route path="tenants/:tenantId" element={<TenantPage />} />
      <Route path="prompts" element={<SystemPromptsPage />} />
      <Route path="prompts/:category" element={<SystemPromptPage />} />
      <Route path="keys" element={<PlatformKeysPage />} />
      <Route path="usage" element={<UsagePage />} />
      <Route path="*" element={<NotFoundPage home="/tenants" homeAction="Go to tenants" />} />
    </AppRoutes>
  );
}
