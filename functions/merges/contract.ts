import * as z from 'zod';
import { defineContract, idParams, READ, WRITE } from '../shared/contract.js';
import { MERGE_STATES } from '../shared/enums.js';
import { mergeCompaniesSchema, mergeContactsSchema } from './schema.js';

/** A merge as the API returns it. */
export const mergeView = z
  .object({
    mergeId: z.string(),
    kind: z.enum(['company', 'contact']),
    targetId: z.string(),
    sourceId: z.string(),
    sourceName: z.string(),
    /** `moving` while children are still being moved: send the same request again to finish it. */
    state: z.enum(MERGE_STATES),
    fields: z.record(z.string(), z.enum(['target', 'source'])),
    /** Children moved to the target, by kind ("activities": 12). */
    counts: z.record(z.string(), z.number()),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    /** Until when an undo is accepted. */
    undoUntil: z.string().optional(),
    undoneAt: z.string().optional(),
  })
  .meta({ id: 'Merge' });
export type MergeView = z.output<typeof mergeView>;

/** Merging duplicate companies and contacts, and undoing it. */
export const mergesApi = defineContract('merges', {
  mergeCompanies: {
    method: 'POST',
    path: '/v1/companies/{companyId}/merge',
    auth: 'tenant',
    roles: WRITE,
    summary:
      'Merge another company (sourceId) into this one: chosen fields copied, every child moved, the source removed; a retry resumes an unfinished merge',
    params: idParams('companyId'),
    body: mergeCompaniesSchema,
    response: mergeView,
    versioned: true,
  },
  mergeContacts: {
    method: 'POST',
    path: '/v1/contacts/{contactId}/merge',
    auth: 'tenant',
    roles: WRITE,
    summary:
      'Merge another contact (sourceId) into this one: chosen fields copied, activities re-pointed, the source removed',
    params: idParams('contactId'),
    body: mergeContactsSchema,
    response: mergeView,
    versioned: true,
  },
  get: {
    method: 'GET',
    path: '/v1/merges/{mergeId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One merge and how far it got',
    params: idParams('mergeId'),
    response: mergeView,
  },
  undo: {
    method: 'POST',
    path: '/v1/merges/{mergeId}/undo',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Undo a merge within 30 days: the source restored, its children moved back; a retry resumes',
    params: idParams('mergeId'),
    response: mergeView,
  },
});
