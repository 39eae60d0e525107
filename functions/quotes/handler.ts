import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { quotesApi } from './contract.js';
import { draftQuote } from './draft.js';
import { compareRevisions, listCompanyQuotes, listQuotes, quoteVersions } from './list.js';
import { quotePdf, sendDeps, sendQuote } from './send.js';
import * as quotes from './service.js';

const sending = sendDeps(defaultDeps);

export const handler = createApi(quotesApi, {
  list: ({ ctx, query }) => listQuotes(ctx, query, defaultDeps),
  create: ({ ctx, body }) => quotes.createQuote(ctx, body, defaultDeps),
  draft: ({ ctx, body }) => draftQuote(ctx, body, defaultDeps),
  get: ({ ctx, params }) => quotes.readQuote(ctx, params.quoteId, defaultDeps),
  update: ({ ctx, params, body, version }) => quotes.updateQuote(ctx, params.quoteId, body, version, defaultDeps),
  submit: ({ ctx, params, version }) => quotes.submitQuote(ctx, params.quoteId, version, defaultDeps),
  approve: ({ ctx, params, version }) => quotes.approveQuote(ctx, params.quoteId, version, defaultDeps),
  reject: ({ ctx, params, body, version }) =>
    quotes.rejectQuote(ctx, params.quoteId, body.reason, version, defaultDeps),
  revise: ({ ctx, params, version }) => quotes.reviseQuote(ctx, params.quoteId, version, defaultDeps),
  send: ({ ctx, params, body, version }) => sendQuote(ctx, params.quoteId, body, version, sending),
  pdf: ({ ctx, params }) => quotePdf(ctx, params.quoteId, sending),
  versions: ({ ctx, params }) => quoteVersions(ctx, params.quoteId, defaultDeps),
  compare: ({ ctx, params, query }) => compareRevisions(ctx, params.quoteId, query, defaultDeps),
  forCompany: ({ ctx, params, query }) => listCompanyQuotes(ctx, params.companyId, query, defaultDeps),
});
