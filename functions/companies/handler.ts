import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { sendToQueue } from '../shared/queue.js';
import { companiesApi } from './contract.js';
import { findDuplicates } from './duplicates.js';
import * as companies from './service.js';
import { countByStage } from './stage-counts.js';
import type { CompanyDeps } from './tombstone.js';

const deps: CompanyDeps = { ...defaultDeps, sendMessages: (id, bodies) => sendToQueue(id, bodies) };

export const handler = createApi(companiesApi, {
  list: ({ ctx, query }) => companies.listCompanies(ctx, query, deps),
  stageCounts: async ({ ctx }) => ({ stages: await countByStage(ctx, deps) }),
  create: ({ ctx, body }) => companies.createCompany(ctx, body, deps),
  duplicates: ({ ctx, body }) => findDuplicates(ctx, body, deps),
  get: async ({ ctx, params }) => companies.toCompanyView(await companies.getCompany(ctx, params.companyId, deps)),
  update: ({ ctx, params, body, version }) => companies.updateCompany(ctx, params.companyId, body, version, deps),
  remove: ({ ctx, params }) => companies.deleteCompany(ctx, params.companyId, deps),
});
