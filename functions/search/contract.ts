import * as z from 'zod';
import { defineContract, READ } from '../shared/contract.js';
import { SEARCH_KINDS, searchQuerySchema } from './schema.js';

export const searchHit = z
  .object({
    kind: z.enum(SEARCH_KINDS),
    id: z.string(),
    title: z.string(),
    subtitle: z.string().optional(),
    /** The company a contact or deal belongs to (its page is where it is shown). */
    companyId: z.string().optional(),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.output<typeof searchHit>;

/** One search across a tenant's companies and contacts (deals and quotes once they are indexed). */
export const searchApi = defineContract('search', {
  search: {
    method: 'GET',
    path: '/v1/search',
    auth: 'tenant',
    roles: READ,
    summary: 'Records whose words start with every word of `q`, best match first, each with its kind',
    query: searchQuerySchema,
    response: z.object({ items: z.array(searchHit) }),
  },
});
