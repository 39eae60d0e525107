import * as z from 'zod';
import { STAGES } from '../shared/enums.js';
import { pathId } from '../shared/contract.js';
import { optionalText, text } from '../shared/validation.js';

/** Companies one bulk request may change: each is its own versioned write, all inside one Lambda run. */
export const MAX_BULK_IDS = 100;

const ids = z
  .array(pathId)
  .min(1, 'Select at least one company')
  .max(MAX_BULK_IDS, `At most ${MAX_BULK_IDS} companies at a time`)
  .refine((a) => new Set(a).size === a.length, 'Each company once');

const change = z
  .strictObject({
    ownerId: optionalText(64).nullable(),
    stage: z.enum(STAGES),
    addTags: z.array(text(40)).min(1).max(30),
  })
  .partial()
  .refine((s) => Object.keys(s).length > 0, 'Say what to change: ownerId, stage or addTags');

/** `POST /v1/companies/bulk`: the same change (`set`) to each of `ids`, or their deletion (`delete: true`). */
export const bulkCompaniesSchema = z
  .strictObject({ ids, set: change.optional(), delete: z.literal(true).optional() })
  .superRefine((body, issue) => {
    if (!body.set === !body.delete)
      issue.addIssue({
        code: 'custom',
        path: [body.set ? 'delete' : 'set'],
        message: body.set ? 'Either set or delete, not both' : 'Say what to change (set) or delete: true',
      });
  });
export type BulkCompaniesInput = z.infer<typeof bulkCompaniesSchema>;

export const BULK_OUTCOMES = ['updated', 'unchanged', 'deleted', 'not_found', 'failed'] as const;

export const bulkItemResult = z
  .object({
    companyId: z.string(),
    outcome: z.enum(BULK_OUTCOMES),
    /** Why a company was not changed (`failed`), in words for the user. */
    message: z.string().optional(),
    version: z.number().optional(),
  })
  .meta({ id: 'BulkCompanyResult' });
export type BulkItemResult = z.output<typeof bulkItemResult>;
