import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { searchApi } from './contract.js';
import { search } from './service.js';

export const handler = createApi(searchApi, {
  search: async ({ ctx, query }) => ({ items: await search(ctx, query, defaultDeps) }),
});
