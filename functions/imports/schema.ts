import * as z from 'zod';
import { IMPORT_KINDS, ON_DUPLICATE } from '../shared/enums.js';
import { pathId } from '../shared/contract.js';

/** Inline CSV must fit the API's 64 KB body; larger files go through POST /v1/imports/uploads. */
export const MAX_INLINE_CSV = 60_000;
/** What an uploaded file may hold. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 50_000;
/** Rows per queued chunk: one SQS message and one S3 object each. */
export const CHUNK_ROWS = 100;
/** The dry run shows this many mapped rows. */
export const PREVIEW_ROWS = 20;

/** `POST /v1/imports`: the CSV inline (`csv`) or uploaded first (`uploadKey`), never both. */
export const startImportSchema = z
  .strictObject({
    kind: z.enum(IMPORT_KINDS),
    csv: z.string().max(MAX_INLINE_CSV, `At most ${MAX_INLINE_CSV} characters; upload larger files`).optional(),
    uploadKey: pathId.optional(),
    fileName: z.string().trim().max(200).optional(),
    /** CSV header → field (functions/imports/fields.ts). */
    mapping: z.record(z.string().max(200), z.string().max(50)),
    onDuplicate: z.enum(ON_DUPLICATE).default('skip'),
    dryRun: z.boolean().default(false),
  })
  .superRefine((body, ctx) => {
    if ((body.csv === undefined) === (body.uploadKey === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['csv'], message: 'Send either csv or uploadKey' });
    }
  });
export type StartImportInput = z.infer<typeof startImportSchema>;

/** `POST /v1/imports/uploads`. */
export const createUploadSchema = z.strictObject({ fileName: z.string().trim().max(200).optional() }).optional();

/** One problem with one row: the spreadsheet row (the header is row 1), its column and field. */
export const rowError = z.object({
  row: z.number().int(),
  column: z.string().optional(),
  field: z.string().optional(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowError>;

/** One queued chunk of an import (its rows are in the documents bucket). */
export const importChunkMessage = z.object({
  tenantId: z.string().min(1),
  importId: z.string().min(1),
  chunk: z.number().int().min(0),
});
export type ImportChunkMessage = z.infer<typeof importChunkMessage>;
