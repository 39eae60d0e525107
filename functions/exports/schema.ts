import * as z from 'zod';
import { listCompaniesSchema } from '../companies/schema.js';
import { CONTACT_ROLES } from '../shared/enums.js';

/** Lists answered at once up to this many rows; larger ones are written by the export queue. */
export const INLINE_EXPORT_ROWS = 2000;

const companyFilters = listCompaniesSchema.omit({ limit: true, cursor: true });
const contactFilters = z.strictObject({
  role: z.enum(CONTACT_ROLES).optional(),
  companyId: z.string().max(64).optional(),
});

/** `POST /v1/exports`: a list with the list's own filters, or the whole workspace (`tenant`, owners only). */
export const startExportSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('companies'), filters: companyFilters.default({}) }),
  z.strictObject({ kind: z.literal('contacts'), filters: contactFilters.default({}) }),
  z.strictObject({ kind: z.literal('tenant') }),
]);
export type StartExportInput = z.infer<typeof startExportSchema>;
export type CompanyFilters = z.infer<typeof companyFilters>;
export type ContactFilters = z.infer<typeof contactFilters>;

/** One queued export. */
export const exportMessage = z.object({ tenantId: z.string().min(1), exportId: z.string().min(1) });
export type ExportMessage = z.infer<typeof exportMessage>;
