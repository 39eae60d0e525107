import * as z from 'zod';
import { listCompaniesSchema } from '../companies/schema.js';
import { listProductsSchema } from '../catalog/schema.js';
import { listAllContactsSchema } from '../contacts/schema.js';

/** Lists answered at once up to this many rows; larger ones are written by the export queue. */
export const INLINE_EXPORT_ROWS = 2000;

const companyFilters = listCompaniesSchema.omit({ limit: true, cursor: true });
const productFilters = listProductsSchema.omit({ limit: true, cursor: true });
/**
 * The contacts list's own filters (GET /v1/contacts: role, company stage, company owner, words),
 * or one company's contacts (`companyId`, by role only).
 */
const contactFilters = listAllContactsSchema
  .omit({ limit: true, cursor: true })
  .extend({ companyId: z.string().max(64).optional() })
  .superRefine((f, ctx) => {
    if (!f.companyId) return;
    for (const key of ['stage', 'owner', 'q'] as const) {
      if (f[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'Not with companyId: filter the contacts list instead' });
    }
  });

/** `POST /v1/exports`: a list with the list's own filters, or the whole workspace (`tenant`, owners only). */
export const startExportSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('companies'), filters: companyFilters.default({}) }),
  z.strictObject({ kind: z.literal('contacts'), filters: contactFilters.default({}) }),
  z.strictObject({ kind: z.literal('products'), filters: productFilters.default({}) }),
  z.strictObject({ kind: z.literal('tenant') }),
]);
export type StartExportInput = z.infer<typeof startExportSchema>;
export type CompanyFilters = z.infer<typeof companyFilters>;
export type ContactFilters = z.infer<typeof contactFilters>;
export type ProductFilters = z.infer<typeof productFilters>;

/** One queued export. */
export const exportMessage = z.object({ tenantId: z.string().min(1), exportId: z.string().min(1) });
export type ExportMessage = z.infer<typeof exportMessage>;
