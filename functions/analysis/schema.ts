import * as z from 'zod';
import { STAGES } from '../shared/enums.js';
import { pageQuery } from '../shared/validation.js';

export const listRunsSchema = z.strictObject(pageQuery);

export const startBatchSchema = z.strictObject({ stage: z.enum(STAGES) });
export type StartBatchInput = z.infer<typeof startBatchSchema>;

/** One company of a bulk analysis, as queued. */
export const bulkMessage = z.object({
  tenantId: z.string().min(1),
  batchId: z.string().min(1),
  companyId: z.string().min(1),
  runId: z.string().min(1),
  requestedBy: z.string().min(1),
  requestedByName: z.string().min(1),
});
export type BulkMessage = z.infer<typeof bulkMessage>;

/** One page of a bulk analysis to fan out: the stage's companies after `cursor`, `offset` already done. */
export const fanoutMessage = z.object({
  tenantId: z.string().min(1),
  batchId: z.string().min(1),
  stage: z.enum(STAGES),
  /** The stage query's cursor after the previous page; null for the first page. */
  cursor: z.string().nullable(),
  /** Companies the previous pages covered. */
  offset: z.number().int().min(0),
  requestedBy: z.string().min(1),
  requestedByName: z.string().min(1),
});
export type FanoutMessage = z.infer<typeof fanoutMessage>;
