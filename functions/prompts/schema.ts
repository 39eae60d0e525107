import * as z from 'zod';
import { PROMPT_CATEGORIES } from '../ai/provider.js';
import { pageQuery, text } from '../shared/validation.js';

const MAX_TEMPLATE = 20_000;

/** Model names as the providers spell them (`gpt-4.1-mini`, `o4-mini`, `gpt-5`). */
const model = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._:-]{0,63}$/, 'A model name such as gpt-4.1-mini');

const promptFields = {
  name: text(120),
  systemTemplate: text(MAX_TEMPLATE),
  userTemplate: text(MAX_TEMPLATE),
  model,
  temperature: z.number().min(0, 'Between 0 and 2').max(2, 'Between 0 and 2'),
  note: z.string().trim().max(500).optional(),
};

export const createPromptSchema = z.strictObject({ category: z.enum(PROMPT_CATEGORIES), ...promptFields });
export type CreatePromptInput = z.infer<typeof createPromptSchema>;

export const updatePromptSchema = z.strictObject({ ...promptFields, version: z.number().int().optional() });
export type UpdatePromptInput = z.infer<typeof updatePromptSchema>;

export const rollbackSchema = z.strictObject({ version: z.number().int().min(1), note: z.string().trim().max(500).optional() });

export const testPromptSchema = z.strictObject({
  companyId: text(64),
  /** Unsaved edits to try instead of the saved version. */
  draft: z.strictObject({ systemTemplate: text(MAX_TEMPLATE), userTemplate: text(MAX_TEMPLATE), model, temperature: promptFields.temperature }).optional(),
  requirements: z.string().trim().max(4000).optional(),
});
export type TestPromptInput = z.infer<typeof testPromptSchema>;

export const listVersionsSchema = z.strictObject(pageQuery);
