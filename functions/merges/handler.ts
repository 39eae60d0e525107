import { defaultDeps as deps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { mergeCompanies } from './company-merge.js';
import { mergeContacts } from './contact-merge.js';
import { mergesApi } from './contract.js';
import { getMerge, toMergeView } from './journal.js';
import { undoMerge } from './undo.js';

export const handler = createApi(mergesApi, {
  mergeCompanies: ({ ctx, params, body, version }) => mergeCompanies(ctx, params.companyId, body, version, deps),
  mergeContacts: ({ ctx, params, body, version }) => mergeContacts(ctx, params.contactId, body, version, deps),
  get: async ({ ctx, params }) => toMergeView(await getMerge(ctx, params.mergeId, deps)),
  undo: ({ ctx, params }) => undoMerge(ctx, params.mergeId, deps),
});
