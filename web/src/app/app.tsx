import { Route } from 'react-router-dom';
import { AppRoutes, Brand } from '../shared/app-shell';
import { CompaniesPage } from './companies-page';
import { CompanyFormPage } from './company-form-page';
import { CompanyPage } from './company-page';
import { Layout, NotFoundPage } from './layout';
import { TeamPage } from './team-page';
import { WorkspaceProvider } from './workspace';

/** The tenant SPA's routes. */
export function App() {
  return (
    <AppRoutes
      home="/companies"
      signIn={{ brand: <Brand />, intro: 'Sign in to your Quoteflow workspace.' }}
      layout={
        <WorkspaceProvider>
          <Layout />
        </WorkspaceProvider>
      }
    >
      <Route path="companies" element={<CompaniesPage />} />
      <Route path="companies/new" element={<CompanyFormPage />} />
      <Route path="companies/:companyId" element={<CompanyPage />} />
      <Route path="companies/:companyId/edit" element={<CompanyFormPage />} />
      <Route path="team" element={<TeamPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </AppRoutes>
  );
}
