import * as z from 'zod';
import { IMPORT_KINDS, ON_DUPLICATE } from '../shared/enums.js';
import { defineContract, idParams, WRITE } from '../shared/contract.js';
import { createUploadSchema, rowError, startImportSchema } from './schema.js';

/** An import as the API returns it. */
export const importView = z
  .object({
    importId: z.string(),
    kind: z.enum(IMPORT_KINDS),
    onDuplicate: z.enum(ON_DUPLICATE),
    status: z.enum(['running', 'done']),
    fileName: z.string().optional(),
    total: z.number(),
    processed: z.number(),
    created: z.number(),
    updated: z.number(),
    skipped: z.number(),
    failed: z.number(),
    /** A presigned link (an hour) to the CSV of every failed row: row, column, field, message. */
    errorReportUrl: z.string().optional(),
    createdAt: z.string(),
    createdByName: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().optional(),
  })
  .meta({ id: 'Import' });
export type ImportView = z.output<typeof importView>;

/** What a dry run found: the first rows as they would be written, every problem by row and column. */
export const dryRunView = z
  .object({
    dryRun: z.literal(true),
    preview: z.array(z.object({ row: z.number(), values: z.record(z.string(), z.unknown()) })),
    errors: z.array(rowError),
    /** Rows that would be written, with something worth a look (a similar name, a repeat in the file). */
    warnings: z.array(rowError),
    counts: z.object({
      rows: z.number(),
      valid: z.number(),
      invalid: z.number(),
      create: z.number(),
      update: z.number(),
      skip: z.number(),
    }),
  })
  .meta({ id: 'ImportDryRun' });
export type DryRunView = z.output<typeof dryRunView>;

export const uploadView = z
  .object({
    uploadKey: z.string(),
    /** PUT the file here (presigned, 15 minutes) with the headers below. */
    url: z.string(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()),
    maxBytes: z.number(),
  })
  .meta({ id: 'ImportUpload' });
export type UploadView = z.output<typeof uploadView>;

/** CSV imports of companies and contacts. */
export const importsApi = defineContract('imports', {
  start: {
    method: 'POST',
    path: '/v1/imports',
    auth: 'tenant',
    roles: WRITE,
    summary:
      'Import a CSV (inline, or uploaded first): `dryRun` answers 200 with a preview and every error by row and column; otherwise 202 with the importId',
    body: startImportSchema,
    response: z.union([dryRunView, z.object({ importId: z.string() })]),
    status: 202,
    alsoStatus: 200,
  },
  upload: {
    method: 'POST',
    path: '/v1/imports/uploads',
    auth: 'tenant',
    roles: WRITE,
    summary: 'A presigned PUT for a CSV larger than an inline body allows; import it with its uploadKey',
    body: createUploadSchema,
    response: uploadView,
    status: 201,
  },
  get: {
    method: 'GET',
    path: '/v1/imports/{importId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'An import’s progress and counts, with its error report once done',
    params: idParams('importId'),
    response: importView,
  },
});
