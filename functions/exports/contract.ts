import * as z from 'zod';
import { EXPORT_KINDS } from '../shared/enums.js';
import { defineContract, idParams, READ } from '../shared/contract.js';
import { startExportSchema } from './schema.js';

/** An export: done with its link, or still being written. */
export const exportView = z
  .object({
    exportId: z.string().optional(),
    kind: z.enum(EXPORT_KINDS),
    status: z.enum(['running', 'done', 'failed']),
    rows: z.number().optional(),
    /** A presigned GET (an hour): CSV for a list, a zip of JSON files for the workspace. */
    url: z.string().optional(),
    createdAt: z.string().optional(),
  })
  .meta({ id: 'Export' });
export type ExportView = z.output<typeof exportView>;

/** Exports: lists as CSV, the whole workspace as zipped JSON. */
export const exportsApi = defineContract('exports', {
  start: {
    method: 'POST',
    path: '/v1/exports',
    auth: 'tenant',
    roles: READ,
    summary:
      'Export a list with its filters as CSV: up to 2,000 rows answer 200 with the link; more, and the whole workspace (`tenant`, owners only), answer 202 with an exportId to poll',
    body: startExportSchema,
    response: exportView,
    status: 202,
    alsoStatus: 200,
  },
  get: {
    method: 'GET',
    path: '/v1/exports/{exportId}',
    auth: 'tenant',
    roles: READ,
    summary: 'An export’s status, with its link once written',
    params: idParams('exportId'),
    response: exportView,
  },
});
