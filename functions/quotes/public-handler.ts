import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { publicQuotesApi } from './public-contract.js';
import { acceptPublicQuote, declinePublicQuote, readPublicQuote } from './public.js';
import { sendDeps } from './send.js';

const deps = sendDeps(defaultDeps);

export const handler = createApi(publicQuotesApi, {
  get: ({ params }) => readPublicQuote(params.token, deps),
  accept: ({ ctx, params, body }) => acceptPublicQuote(params.token, body, ctx, deps),
  decline: ({ params, body }) => declinePublicQuote(params.token, body.reason, deps),
});
