import { lazy } from 'react';
import { Navigate, Route } from 'react-router-dom';
import { AppRoutes, Brand } from '../shared/app-shell';
import { CompaniesPage } from './companies-page';
import { ContactsPage } from './contacts-page';
import { Layout, NotFoundPage } from './layout';
import { WorkspaceProvider } from './workspace';

// The home page comes with the first load; the others when first opened.
const DashboardPage = lazy(() => import('./dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const CompanyFormPage = lazy(() => import('./company-form-page').then((m) => ({ default: m.CompanyFormPage })));
const CompanyPage = lazy(() => import('./company-page').then((m) => ({ default: m.CompanyPage })));
const MergeCompaniesPage = lazy(() =>
  import('./merge/merge-companies-page').then((m) => ({ default: m.MergeCompaniesPage })),
);
const SearchPage = lazy(() => import('./search/search-page').then((m) => ({ default: m.SearchPage })));
const TasksPage = lazy(() => import('./tasks-page').then((m) => ({ default: m.TasksPage })));
const ImportPage = lazy(() => import('./import/import-page').then((m) => ({ default: m.ImportPage })));
const TeamPage = lazy(() => import('./team-page').then((m) => ({ default: m.TeamPage })));
const PromptsPage = lazy(() => import('./prompts-page').then((m) => ({ default: m.PromptsPage })));
const PromptPage = lazy(() => import('./prompt-page').then((m) => ({ default: m.PromptPage })));
const SettingsBrandingPage = lazy(() =>
  import('./settings-branding-page').then((m) => ({ default: m.SettingsBrandingPage })),
);
const SettingsAiPage = lazy(() => import('./settings-ai-page').then((m) => ({ default: m.SettingsAiPage })));
const DealsPage = lazy(() => import('./deals/deals-page').then((m) => ({ default: m.DealsPage })));
const ProductsPage = lazy(() => import('./catalog/products-page').then((m) => ({ default: m.ProductsPage })));
const SuppliersPage = lazy(() => import('./catalog/suppliers-page').then((m) => ({ default: m.SuppliersPage })));
const RateCardsPage = lazy(() => import('./catalog/rate-cards-page').then((m) => ({ default: m.RateCardsPage })));
const PricingRulesPage = lazy(() =>
  import('./catalog/pricing-rules-page').then((m) => ({ default: m.PricingRulesPage })),
);
const QuotesPage = lazy(() => import('./quotes/quotes-page').then((m) => ({ default: m.QuotesPage })));
const QuoteBuilderPage = lazy(() =>
  import('./quotes/quote-builder-page').then((m) => ({ default: m.QuoteBuilderPage })),
);
const QuoteComparePage = lazy(() =>
  import('./quotes/quote-compare-page').then((m) => ({ default: m.QuoteComparePage })),
);
const ApprovalsPage = lazy(() => import('./quotes/approvals-page').then((m) => ({ default: m.ApprovalsPage })));
const DealPage = lazy(() => import('./deals/deal-page').then((m) => ({ default: m.DealPage })));
const SettingsPipelinesPage = lazy(() =>
  import('./settings-pipelines-page').then((m) => ({ default: m.SettingsPipelinesPage })),
);
const SettingsNotificationsPage = lazy(() =>
  import('./settings-notifications-page').then((m) => ({ default: m.SettingsNotificationsPage })),
);
const SettingsProfilePage = lazy(() =>
  import('./settings-profile-page').then((m) => ({ default: m.SettingsProfilePage })),
);
const SettingsWorkspacePage = lazy(() =>
  import('./settings-workspace-page').then((m) => ({ default: m.SettingsWorkspacePage })),
);
const SettingsSecurityPage = lazy(() =>
  import('./settings-security-page').then((m) => ({ default: m.SettingsSecurityPage })),
);

/** The tenant SPA's routes. */
export function App() {
  return (
    <AppRoutes
      home="/dashboard"
      signIn={{ brand: <Brand />, intro: 'Sign in to your Quoteflow workspace.' }}
      layout={
        <WorkspaceProvider>
          <Layout />
        </WorkspaceProvider>
      }
    >
      <Route path="dashboard" element={<DashboardPage />} />
      <Route path="companies" element={<CompaniesPage />} />
      <Route path="companies/new" element={<CompanyFormPage />} />
      <Route path="companies/:companyId" element={<CompanyPage />} />
      <Route path="companies/:companyId/edit" element={<CompanyFormPage />} />
      <Route path="contacts" element={<ContactsPage />} />
      <Route path="deals" element={<DealsPage />} />
      <Route path="deals/:dealId" element={<DealPage />} />
      <Route path="quotes" element={<QuotesPage />} />
      <Route path="quotes/new" element={<QuoteBuilderPage />} />
      <Route path="quotes/approvals" element={<ApprovalsPage />} />
      <Route path="quotes/:quoteId" element={<QuoteBuilderPage />} />
      <Route path="quotes/:quoteId/compare" element={<QuoteComparePage />} />
      <Route path="companies/:companyId/merge" element={<MergeCompaniesPage />} />
      <Route path="catalog" element={<ProductsPage />} />
      <Route path="catalog/suppliers" element={<SuppliersPage />} />
      <Route path="catalog/rate-cards" element={<RateCardsPage />} />
      <Route path="catalog/pricing-rules" element={<PricingRulesPage />} />
      <Route path="search" element={<SearchPage />} />
      <Route path="tasks" element={<TasksPage />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="team" element={<TeamPage />} />
      <Route path="prompts" element={<PromptsPage />} />
      <Route path="prompts/:category" element={<PromptPage />} />
      <Route path="settings" element={<Navigate to="/settings/profile" replace />} />
      <Route path="settings/profile" element={<SettingsProfilePage />} />
      <Route path="settings/workspace" element={<SettingsWorkspacePage />} />
      <Route path="settings/branding" element={<SettingsBrandingPage />} />
      <Route path="settings/ai" element={<SettingsAiPage />} />
      <Route path="settings/notifications" element={<SettingsNotificationsPage />} />
      <Route path="settings/security" element={<SettingsSecurityPage />} />
      <Route path="settings/pipelines" element={<SettingsPipelinesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </AppRoutes>
  );
}
