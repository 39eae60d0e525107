import { activitiesApi } from './activities/contract.js';
import { adminApi } from './admin/contract.js';
import { analysisApi } from './analysis/contract.js';
import { catalogApi } from './catalog/contract.js';
import { companyBulkApi } from './company-bulk/contract.js';
import { companiesApi } from './companies/contract.js';
import { contactsApi } from './contacts/contract.js';
import { dealsApi } from './deals/contract.js';
import { publicQuotesApi } from './quotes/public-contract.js';
import { quotesApi } from './quotes/contract.js';
import { dashboardApi } from './dashboard/contract.js';
import { docsApi } from './docs/contract.js';
import { enrichmentApi } from './enrichment/contract.js';
import { mergesApi } from './merges/contract.js';
import { notificationsApi } from './notifications/contract.js';
import { tasksApi } from './tasks/contract.js';
import { exportsApi } from './exports/contract.js';
import { importsApi } from './imports/contract.js';
import { searchApi } from './search/contract.js';
import { pipelinesApi } from './pipelines/contract.js';
import { promptsApi } from './prompts/contract.js';
import { settingsApi } from './settings/contract.js';
import { usersApi } from './users/contract.js';
import type { Route } from './shared/contract.js';

/** Every domain's contract: the manifest's routes and the OpenAPI document are built from this list. */
export const contracts = {
  admin: adminApi,
  users: usersApi,
  companies: companiesApi,
  companyBulk: companyBulkApi,
  contacts: contactsApi,
  activities: activitiesApi,
  analysis: analysisApi,
  prompts: promptsApi,
  settings: settingsApi,
  enrichment: enrichmentApi,
  docs: docsApi,
  search: searchApi,
  deals: dealsApi,
  quotes: quotesApi,
  quotePublic: publicQuotesApi,
  pipelines: pipelinesApi,
  merges: mergesApi,
  tasks: tasksApi,
  notifications: notificationsApi,
  dashboard: dashboardApi,
  imports: importsApi,
  exports: exportsApi,
  catalog: catalogApi,
} as const;

/** Every route of the HTTP API, in the order of the contracts above. */
export const apiRoutes: readonly Route[] = Object.values(contracts).flatMap(
  (contract) => Object.values(contract) as Route[],
);
