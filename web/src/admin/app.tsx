import { NavLink, Route } from 'react-router-dom';
import { AppRoutes, AppShell, Brand, NotFoundPage } from '../shared/app-shell';
import { useServices, useTokens } from '../shared/services';
import { NewTenantPage } from './new-tenant-page';
import { PlatformKeysPage } from './platform-keys-page';
import { SystemPromptPage, SystemPromptsPage } from './system-prompts-page';
import { TenantPage } from './tenant-page';
import { TenantsPage } from './tenants-page';
import { UsagePage } from './usage-page';

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
