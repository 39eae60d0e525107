import { parseAmount, parseProbability } from '../imports/deal-input.js';
import { importFiles } from '../imports/files.js';
import { parseCsv } from '../imports/rows.js';
import { MAX_UPLOAD_BYTES } from '../imports/schema.js';
import type { RowError } from '../imports/schema.js';
import { fold } from '../search/normalise.js';
import type { TenantContext } from '../shared/auth-context.js';
import { toCsv } from '../shared/csv.js';
import type { Deps } from '../shared/deps.js';
import { HttpError, PayloadTooLargeError, ValidationError } from '../shared/errors.js';
import type { Supplier } from '../data/supplier.js';
import type { Product } from '../data/product.js';
import type { ProductImportView } from './contract.js';
import { workspaceCurrency } from './currency.js';
import {
  MAX_PRODUCT_ROWS,
  PRODUCT_COLUMNS,
  PRODUCT_PREVIEW_ROWS,
  type ImportProductsInput,
  type ProductColumn,
  createProductSchema,
  suggestedUnitPrice,
  updateProductSchema,
  type CreateProductInput,
} from './schema.js';
import { codeKeyOf, createProduct, updateProduct } from './products.js';

/** The file's text: inline, or the upload named by `uploadKey` (imports' own upload area). */
async function csvOf(ctx: TenantContext, input: ImportProductsInput): Promise<string> {
  if (input.csv !== undefined) return input.csv;
  const files = importFiles(ctx.tenantId);
  const size = await files.uploadSize(input.uploadKey!);
  if (size === undefined)
    throw new ValidationError('Nothing was uploaded under this key', [
      { path: 'uploadKey', message: 'No such upload' },
    ]);
  if (size > MAX_UPLOAD_BYTES) throw new PayloadTooLargeError(MAX_UPLOAD_BYTES);
  return files.readUpload(input.uploadKey!);
}

/** Rows written side by side. */
const WRITE_CONCURRENCY = 8;

const headerKey = (h: string) => fold(h).replace(/[^a-z0-9]/g, '');

/** The column each field is read from. */
function columnsOf(headers: string[]): Partial<Record<ProductColumn, string>> {
  const out: Partial<Record<ProductColumn, string>> = {};
  for (const header of headers) {
    const key = headerKey(header);
    const field = (Object.keys(PRODUCT_COLUMNS) as ProductColumn[]).find((f) =>
      (PRODUCT_COLUMNS[f] as readonly string[]).includes(key),
    );
    if (field && !out[field]) out[field] = header;
  }
  return out;
}

const tooManyRows = (rows: number) =>
  new HttpError(
    413,
    'https://quoteflow.app/problems/payload-too-large',
    'Too many rows',
    `A products import holds at most ${MAX_PRODUCT_ROWS} rows; this file has ${rows}`,
    [{ path: 'csv', message: `At most ${MAX_PRODUCT_ROWS} rows` }],
  );

/** A row's cells as the product schema's input; `problems` are cells no schema could read. */
function rowInput(
  get: (f: ProductColumn) => string | undefined,
  currency: string,
  suppliers: Map<string, Supplier>,
): { raw: Record<string, unknown>; problems: { field: ProductColumn; message: string }[] } {
  const problems: { field: ProductColumn; message: string }[] = [];
  const money = (field: 'unitPrice' | 'costPrice') => {
    const text = get(field);
    if (text === undefined) return undefined;
    const amount = parseAmount(text, currency);
    if (typeof amount === 'string') {
      problems.push({ field, message: amount });
      return undefined;
    }
    return { amount, currency };
  };
  const taxText = get('taxRate');
  const tax = taxText === undefined ? undefined : parseProbability(taxText);
  if (typeof tax === 'string') problems.push({ field: 'taxRate', message: 'Use a percentage like 20%' });
  const activeText = get('active')?.toLowerCase();
  const active =
    activeText === undefined
      ? undefined
      : ['true', 'yes', 'y', '1', 'active'].includes(activeText)
        ? true
        : ['false', 'no', 'n', '0', 'archived', 'inactive'].includes(activeText)
          ? false
          : null;
  if (active === null) problems.push({ field: 'active', message: 'Use yes or no' });
  const supplierName = get('supplier');
  const supplier = supplierName === undefined ? undefined : suppliers.get(fold(supplierName));
  if (supplierName !== undefined && !supplier)
    problems.push({ field: 'supplier', message: `No supplier is called ${supplierName}` });
  const input: Record<string, unknown> = {
    code: get('code'),
    name: get('name'),
    description: get('description'),
    category: get('category'),
    unit: get('unit'),
    unitPrice: money('unitPrice'),
    costPrice: money('costPrice'),
    taxRateBps: typeof tax === 'number' ? tax : undefined,
    supplierId: supplier?.supplierId,
    active: active ?? undefined,
  };
  return { raw: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), problems };
}

/** The schema field an issue path names, as the CSV column's field. */
const fieldOfPath = (path: PropertyKey[]): ProductColumn => {
  const head = String(path[0] ?? '');
  if (head === 'taxRateBps') return 'taxRate';
  if (head === 'supplierId') return 'supplier';
  return head as ProductColumn;
};

interface PlannedRow {
  row: number;
  action: 'create' | 'update';
  raw: Record<string, unknown>;
  existing?: Product;
  unitPrice: { amount: number; currency: string };
}

/** Every supplier of the tenant by folded name (a catalog has tens, not thousands). */
async function suppliersByName(ctx: TenantContext, deps: Deps): Promise<Map<string, Supplier>> {
  const { data } = await deps.db.entities.supplier.query.byName({ tenantId: ctx.tenantId }).go({ pages: 'all' });
  return new Map(data.map((s) => [fold(s.name), s]));
}

/** The stored products holding these codes, by code key (two BatchGets). */
async function productsByCode(ctx: TenantContext, codes: string[], deps: Deps): Promise<Map<string, Product>> {
  if (codes.length === 0) return new Map();
  const { data: claims } = await deps.db.entities.productCode
    .get(codes.map((codeKey) => ({ tenantId: ctx.tenantId, codeKey })))
    .go({ consistent: true });
  if (claims.length === 0) return new Map();
  const { data: products } = await deps.db.entities.product
    .get(claims.map((c) => ({ tenantId: ctx.tenantId, productId: c.productId })))
    .go({ consistent: true });
  const byId = new Map(products.map((p) => [p.productId, p]));
  return new Map(claims.flatMap((c) => (byId.has(c.productId) ? [[c.codeKey, byId.get(c.productId)!]] : [])));
}

/**
 * Imports products from CSV, matched by code: a known code updates the product with the cells the
 * row fills, a new one creates it. Every row is checked by the product schemas before anything is
 * written; a dry run stops there. Rows are written one transaction each, so a row refused at write
 * time (a code taken meanwhile) is reported and the others land.
 */
export async function importProducts(
  ctx: TenantContext,
  input: ImportProductsInput,
  deps: Deps,
): Promise<ProductImportView> {
  const { headers, records } = parseCsv(await csvOf(ctx, input));
  if (records.length > MAX_PRODUCT_ROWS) throw tooManyRows(records.length);
  const columns = columnsOf(headers);
  const missing = (['code'] as const).filter((f) => !columns[f]);
  if (missing.length)
    throw new ValidationError('The file needs a code column', [{ path: 'csv', message: 'No code column' }]);
  const [currency, suppliers] = await Promise.all([workspaceCurrency(ctx, deps), suppliersByName(ctx, deps)]);

  const errors: RowError[] = [];
  const problem = (row: number, field: ProductColumn, message: string) =>
    errors.push({ row, field, column: columns[field], message });
  const parsed: { row: number; raw: Record<string, unknown>; codeKey: string }[] = [];
  const firstRowOf = new Map<string, number>();
  records.forEach((record, index) => {
    const row = index + 2;
    const get = (f: ProductColumn) => {
      const column = columns[f];
      const value = column === undefined ? undefined : record[column]?.trim();
      return value ? value : undefined;
    };
    const { raw, problems } = rowInput(get, currency, suppliers);
    for (const p of problems) problem(row, p.field, p.message);
    const result = updateProductSchema.safeParse(raw);
    for (const issue of result.success ? [] : result.error.issues) {
      const field = fieldOfPath(issue.path);
      if (!problems.some((p) => p.field === field)) problem(row, field, issue.message);
    }
    if (!raw.code) {
      if (!problems.some((p) => p.field === 'code')) problem(row, 'code', 'Required');
      return;
    }
    if (problems.length || !result.success) return;
    const codeKey = codeKeyOf(String(raw.code));
    const earlier = firstRowOf.get(codeKey);
    if (earlier !== undefined) return problem(row, 'code', `Repeats the code of row ${earlier}`);
    firstRowOf.set(codeKey, row);
    parsed.push({ row, raw: result.data as Record<string, unknown>, codeKey });
  });

  const existing = await productsByCode(ctx, [...new Set(parsed.map((p) => p.codeKey))], deps);
  const planned: PlannedRow[] = [];
  for (const p of parsed) {
    const stored = existing.get(p.codeKey);
    if (stored) {
      planned.push({
        row: p.row,
        action: 'update',
        raw: p.raw,
        existing: stored,
        unitPrice: (p.raw.unitPrice as PlannedRow['unitPrice']) ?? stored.unitPrice,
      });
      continue;
    }
    const created = createProductSchema.safeParse(p.raw);
    if (!created.success) {
      for (const issue of created.error.issues) problem(p.row, fieldOfPath(issue.path), issue.message);
      continue;
    }
    const data: CreateProductInput = created.data;
    const supplier = data.supplierId
      ? [...suppliers.values()].find((s) => s.supplierId === data.supplierId)
      : undefined;
    const unitPrice =
      data.unitPrice ??
      (supplier && data.costPrice ? suggestedUnitPrice(data.costPrice, supplier.markupBps) : undefined);
    if (!unitPrice) {
      problem(p.row, 'unitPrice', 'Required for a new product (or a supplier and a cost price)');
      continue;
    }
    planned.push({ row: p.row, action: 'create', raw: data as Record<string, unknown>, unitPrice });
  }

  if (!input.dryRun) {
    const queue = [...planned];
    const failed = new Set<number>();
    await Promise.all(
      Array.from({ length: WRITE_CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          try {
            if (next.action === 'create') await createProduct(ctx, next.raw as CreateProductInput, deps, { currency });
            else {
              // Matched by code: the stored code keeps its form.
              const { code: _code, ...patch } = next.raw;
              await updateProduct(ctx, next.existing!.productId, patch, next.existing!.version, deps, { currency });
            }
          } catch (error) {
            if (!(error instanceof HttpError) || error.status >= 500) throw error;
            failed.add(next.row);
            const field = fieldOfPath([error.errors?.[0]?.path.split('.')[0] ?? 'code']);
            problem(next.row, field, error.detail ?? error.title);
          }
        }
      }),
    );
    planned.splice(0, planned.length, ...planned.filter((p) => !failed.has(p.row)));
  }

  errors.sort((a, b) => a.row - b.row);
  const invalidRows = new Set(errors.map((e) => e.row)).size;
  return {
    dryRun: input.dryRun,
    counts: {
      rows: records.length,
      valid: planned.length,
      invalid: invalidRows,
      create: planned.filter((p) => p.action === 'create').length,
      update: planned.filter((p) => p.action === 'update').length,
    },
    preview: planned.slice(0, PRODUCT_PREVIEW_ROWS).map((p) => ({
      row: p.row,
      action: p.action,
      code: p.existing?.code ?? String(p.raw.code),
      name: String(p.raw.name ?? p.existing?.name ?? ''),
      unitPrice: p.unitPrice,
    })),
    errors,
    ...(errors.length
      ? {
          errorReport: toCsv(
            ['row', 'column', 'field', 'message'],
            errors.map((e) => [e.row, e.column, e.field, e.message]),
          ),
        }
      : {}),
  };
}
