import { productExportRows, productsCsv, type ProductExportRow } from '../catalog/export.js';
import { listCompanies } from '../companies/service.js';
import type { CompanyView } from '../companies/contract.js';
import type { ContactView } from '../contacts/contract.js';
import { listAllContacts } from '../contacts/directory.js';
import { toContactView } from '../contacts/service.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { toCsv } from '../shared/csv.js';
import type { CompanyFilters, ContactFilters, ProductFilters } from './schema.js';

export type ListFilters =
  | { kind: 'companies'; filters: CompanyFilters }
  | { kind: 'contacts'; filters: ContactFilters }
  | { kind: 'products'; filters: ProductFilters };

/** The rows of one list export. */
export type ListRows = CompanyView[] | ContactView[] | ProductExportRow[];

/**
 * The rows of a list export, page by page through the list's own query (the same services as
 * GET /v1/companies and GET /v1/contacts, so the file matches what the list shows), stopping past `max`.
 */
export async function listRows(ctx: TenantContext, list: ListFilters, max: number, deps: Deps): Promise<ListRows> {
  if (list.kind === 'products') return productExportRows(ctx, list.filters, max, deps);
  if (list.kind === 'companies') {
    const out: CompanyView[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCompanies(ctx, { ...list.filters, limit: 100, cursor }, deps);
      out.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor && out.length <= max);
    return out;
  }
  const { role, companyId, ...rest } = list.filters;
  if (!companyId) {
    // The same service as GET /v1/contacts, so the file holds what the list shows.
    const out: ContactView[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAllContacts(ctx, { role, ...rest, limit: 100, cursor }, deps);
      out.push(...page.items.map(({ companyName: _n, companyStage: _s, ...contact }) => contact));
      cursor = page.cursor ?? undefined;
    } while (cursor && out.length <= max);
    return out;
  }
  const base = deps.db.entities.contact.query.byCompany({ tenantId: ctx.tenantId, companyId });
  const query = role ? base.where(({ role: r }, { eq }) => eq(r, role)) : base;
  const out: ContactView[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Parameters<typeof toContactView>[0][]; cursor: string | null } = await query.go({
      cursor,
      limit: 500,
    });
    out.push(...page.data.map(toContactView));
    cursor = page.cursor;
  } while (cursor && out.length <= max);
  return out;
}

const joined = (items: string[] | undefined) => (items ?? []).join('; ');

/** A list as CSV, with the columns an import of the same kind maps back automatically. */
export function listCsv(kind: ListFilters['kind'], rows: ListRows): string {
  if (kind === 'products') return productsCsv(rows as ProductExportRow[]);
  if (kind === 'companies') {
    const headers = [
      'companyId',
      'name',
      'domain',
      'companyNumber',
      'stage',
      'industry',
      'tags',
      'city',
      'postcode',
      'country',
      'ownerId',
      'leadScore',
      'healthScore',
      'createdAt',
      'updatedAt',
    ];
    return toCsv(
      headers,
      (rows as CompanyView[]).map((c) => {
        const a = c.addresses[0];
        return [
          c.companyId,
          c.name,
          c.domain,
          c.companyNumber,
          c.stage,
          c.industry,
          joined(c.tags),
          a?.city,
          a?.postcode,
          a?.country,
          c.ownerId,
          c.leadScore,
          c.healthScore,
          c.createdAt,
          c.updatedAt,
        ];
      }),
    );
  }
  const headers = [
    'contactId',
    'companyId',
    'firstName',
    'lastName',
    'jobTitle',
    'role',
    'email',
    'phone',
    'notes',
    'createdAt',
    'updatedAt',
  ];
  return toCsv(
    headers,
    (rows as ContactView[]).map((c) => {
      const email = c.emails.find((e) => e.primary) ?? c.emails[0];
      const phone = c.phones.find((p) => p.primary) ?? c.phones[0];
      return [
        c.contactId,
        c.companyId,
        c.firstName,
        c.lastName,
        c.jobTitle,
        c.role,
        email?.address,
        phone?.number,
        c.notes,
        c.createdAt,
        c.updatedAt,
      ];
    }),
  );
}
