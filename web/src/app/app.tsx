import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { RequireAuth, safeNext } from '../shared/boot';
import { useTokens } from '../shared/services';
import { SignInPage } from '../shared/sign-in';
import { CompaniesPage } from './companies-page';
import { CompanyFormPage } from './company-form-page';
import { CompanyPage } from './company-page';
import { Brand, Layout, NotFoundPage } from './layout';
import { TeamPage } from './team-page';
import { WorkspaceProvider } from './workspace';

function SignInRoute() {
  const tokens = useTokens();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(location.search, '/companies');
  if (tokens) return <Navigate to={next} replace />;
  return <SignInPage brand={<Brand />} intro="Sign in to your Quoteflow workspace." onSignedIn={() => navigate(next, { replace: true })} />;
}

/** The tenant SPA's routes. */
export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInRoute />} />
      <Route
        element={
          <RequireAuth>
            <WorkspaceProvider>
              <Layout />
            </WorkspaceProvider>
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/companies" replace />} />
        <Route path="companies" element={<CompaniesPage />} />
        <Route path="companies/new" element={<CompanyFormPage />} />
        <Route path="companies/:companyId" element={<CompanyPage />} />
        <Route path="companies/:companyId/edit" element={<CompanyFormPage />} />
        <Route path="team" element={<TeamPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
