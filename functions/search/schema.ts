import * as z from 'zod';

export const SEARCH_KINDS = ['company', 'contact', 'deal', 'quote'] as const;

/** `GET /v1/search`: at least one letter or digit to search for. */
export const searchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((q) => /[\p{L}\p{N}]/u.test(q), 'Type a letter or digit to search for'),
  kinds: z
    .string()
    .optional()
    .transform((k) => (k ? k.split(',').map((s) => s.trim()) : undefined))
    .pipe(z.array(z.enum(SEARCH_KINDS)).min(1).optional()),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;
