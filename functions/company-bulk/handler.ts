import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { sendToQueue } from '../shared/queue.js';
import { bulkCompanies } from './service.js';
import { companyBulkApi } from './contract.js';
import type { CompanyDeps } from '../companies/tombstone.js';

const deps: CompanyDeps = { ...defaultDeps, sendMessages: (id, bodies) => sendToQueue(id, bodies) };

export const handler = createApi(companyBulkApi, {
  bulk: ({ ctx, body }) => bulkCompanies(ctx, body, deps),
});
