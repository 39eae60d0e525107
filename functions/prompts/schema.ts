import * as z from 'zod';
import { AI_MODELS, isKnownModel } from '../shared/enums.js';
import { PROMPT_CATEGORIES } from '../shared/enums.js';
import { pageQuery, text } from '../shared/validation.js';

const MAX_TEMPLATE = 20_000;

/** A model we can price (budgets depend on it), optionally a dated snapshot (`gpt-4.1-mini-2025-04-14`). */
const model = z
  .string()
  .trim()
  .refine(isKnownModel, `One of: ${AI_MODELS.join(', ')}`);

const promptFields = {
  name: text(120),
  systemTemplate: text(MAX_TEMPLATE),
  userTemplate: text(MAX_TEMPLATE),
  model,
  // DynamoDB cannot store a number below 1e-130 (5e-324 would fail the write): anything finer than 0.001 is noise.
  temperature: z
    .number()
    .min(0, 'Between 0 and 2')
    .max(2, 'Between 0 and 2')
    .refine((t) => t === 0 || t >= 0.001, 'Between 0 and 2 (0, or at least 0.001)'),
  note: z.string().trim().max(500).optional(),
};

export const createPromptSchema = z.strictObject({ category: z.enum(PROMPT_CATEGORIES), ...promptFields });
export type CreatePromptInput = z.infer<typeof createPromptSchema>;

export const updatePromptSchema = z.strictObject({ ...promptFields, version: z.number().int().optional() });
export type UpdatePromptInput = z.infer<typeof updatePromptSchema>;

export const rollbackSchema = z.strictObject({
  version: z.number().int().min(1),
  note: z.string().trim().max(500).optional(),
});

export const testPromptSchema = z.strictObject({
  companyId: text(64),
  /** Unsaved edits to try instead of the saved version. */
  draft: z
    .strictObject({
      systemTemplate: text(MAX_TEMPLATE),
      userTemplate: text(MAX_TEMPLATE),
      model,
      temperature: promptFields.temperature,
    })
    .optional(),
  requirements: z.string().trim().max(4000).optional(),
});
export type TestPromptInput = z.infer<typeof testPromptSchema>;

export const listVersionsSchema = z.strictObject(pageQuery);
