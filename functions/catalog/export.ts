import { minorDigits } from '../imports/deal-input.js';
import type { TenantContext } from '../shared/auth-context.js';
import { toCsv } from '../shared/csv.js';
import type { Deps } from '../shared/deps.js';
import type { Money } from '../shared/money.js';
import type { ProductView } from './contract.js';
import { listProducts } from './products.js';
import type { ListProductsQuery } from './schema.js';

/** A product as an export row: with its supplier's name, which an import matches back. */
export type ProductExportRow = ProductView & { supplierName?: string };

/**
 * The products of a list export, page by page through GET /v1/products' own query (so the file
 * matches what the list shows), stopping past `max`.
 */
export async function productExportRows(
  ctx: TenantContext,
  filters: Omit<ListProductsQuery, 'limit' | 'cursor'>,
  max: number,
  deps: Deps,
): Promise<ProductExportRow[]> {
  const out: ProductView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listProducts(ctx, { ...filters, limit: 100, cursor }, deps);
    out.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor && out.length <= max);
  const { data: suppliers } = await deps.db.entities.supplier.query
    .byName({ tenantId: ctx.tenantId })
    .go({ pages: 'all' });
  const names = new Map(suppliers.map((s) => [s.supplierId, s.name]));
  return out.map((p) => ({ ...p, ...(p.supplierId ? { supplierName: names.get(p.supplierId) } : {}) }));
}

/** Minor units as a plain decimal in the currency's digits: 12345 GBP → 123.45. */
const decimal = (m: Money | undefined) => {
  if (!m) return undefined;
  const digits = minorDigits(m.currency);
  return digits === 0 ? String(m.amount) : (m.amount / 10 ** digits).toFixed(digits);
};

/** The products CSV: the columns POST /v1/products/import reads back. */
export function productsCsv(rows: ProductExportRow[]): string {
  return toCsv(
    [
      'code',
      'name',
      'description',
      'category',
      'unit',
      'unitPrice',
      'costPrice',
      'taxRate',
      'supplier',
      'active',
      'currency',
      'productId',
    ],
    rows.map((p) => [
      p.code,
      p.name,
      p.description,
      p.category,
      p.unit,
      decimal(p.unitPrice),
      decimal(p.costPrice),
      `${p.taxRateBps / 100}%`,
      p.supplierName,
      p.active ? 'yes' : 'no',
      p.unitPrice.currency,
      p.productId,
    ]),
  );
}
