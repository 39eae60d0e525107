import { Navigate, Route } from 'react-router-dom';
import { AppRoutes, Brand } from '../shared/app-shell';
import { CompaniesPage } from './companies-page';
import { CompanyFormPage } from './company-form-page';
import { CompanyPage } from './company-page';
import { Layout, NotFoundPage } from './layout';
import { PromptPage } from './prompt-page';
import { PromptsPage } from './prompts-page';
import { SettingsAiPage } from './settings-ai-page';
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
      <Route path="prompts" element={<PromptsPage />} />
      <Route path="prompts/:category" element={<PromptPage />} />
      <Route path="settings" element={<Navigate to="/settings/ai" replace />} />
      <Route path="settings/ai" element={<SettingsAiPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </AppRoutes>
  );
}
