import * as z from 'zod';

/** `GET /v1/companies-house/search?q=&limit=&cursor=`. */
export const searchCompaniesHouseSchema = z.strictObject({
  q: z
    .string({ error: (issue) => (issue.input === undefined ? 'Required' : 'Must be text') })
    .trim()
    .min(2, 'Enter at least 2 characters')
    .max(100, 'At most 100 characters'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type SearchCompaniesHouseQuery = z.infer<typeof searchCompaniesHouseSchema>;

/** `POST /v1/companies/{companyId}/directors/{officerId}/contact`: the path says it all. */
export interface AddDirectorInput {
  companyId: string;
  officerId: string;
}
