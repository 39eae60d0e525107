import * as z from 'zod';
import { defineContract, WRITE } from '../shared/contract.js';
import { bulkCompaniesSchema, bulkItemResult } from './schema.js';

/** Changes to many companies at once (their own function: up to 100 versioned writes take longer than one). */
export const companyBulkApi = defineContract('companyBulk', {
  bulk: {
    method: 'POST',
    path: '/v1/companies/bulk',
    auth: 'tenant',
    roles: WRITE,
    summary:
      'Set the owner or stage of, add tags to, or delete up to 100 companies; each is its own versioned write, with a result per company',
    body: bulkCompaniesSchema,
    response: z.object({
      results: z.array(bulkItemResult),
      updated: z.number(),
      unchanged: z.number(),
      deleted: z.number(),
      notFound: z.number(),
      failed: z.number(),
    }),
  },
});
