import type { Product } from '../data/product.js';
import { writeVersioned } from '../data/versioned-write.js';
import { fold } from '../search/normalise.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import { checkCursor, type Page } from '../shared/pagination.js';
import { staleVersion } from '../shared/records.js';
import type { ProductView } from './contract.js';
import { assertCurrency, workspaceCurrency } from './currency.js';
import {
  suggestedUnitPrice,
  type CreateProductInput,
  type ListProductsQuery,
  type UpdateProductInput,
} from './schema.js';

import { findSupplier } from './suppliers.js';

/** A product as the API returns it. */
export const toProductView = ({
  tenantId: _t,
  codeKey: _c,
  nameKey: _n,
  categoryKey: _k,
  ...product
}: Product): ProductView => product;

/** The key a code is unique and sorted by: folded, so "NW-365" and "nw-365" are one code. */
export const codeKeyOf = (code: string): string => fold(code.trim());

const compact = <T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as never;

/** The derived keys of a product's fields. */
const keyed = (p: Omit<Product, 'codeKey' | 'nameKey' | 'categoryKey'>): Product =>
  compact({
    ...p,
    codeKey: codeKeyOf(p.code),
    nameKey: fold(p.name),
    categoryKey: p.category ? fold(p.category) : '',
  });

const codeTaken = (code: string) =>
  new ConflictError(`Another product already has the code ${code}`, [
    { path: 'code', message: 'Another product has this code' },
  ]);

/** Loads a product of the caller's tenant or fails with 404. */
export async function getProduct(ctx: TenantContext, productId: string, deps: Deps): Promise<Product> {
  const { data } = await deps.db.entities.product.get({ tenantId: ctx.tenantId, productId }).go();
  if (!data) throw new NotFoundError('Product');
  return data;
}

/** The product holding a code in the caller's tenant, if any. */
export async function findProductByCode(ctx: TenantContext, code: string, deps: Deps): Promise<Product | undefined> {
  const { data: claim } = await deps.db.entities.productCode
    .get({ tenantId: ctx.tenantId, codeKey: codeKeyOf(code) })
    .go({ consistent: true });
  if (!claim) return undefined;
  const { data } = await deps.db.entities.product.get({ tenantId: ctx.tenantId, productId: claim.productId }).go();
  return data ?? undefined;
}

/** One product. */
export async function readProduct(ctx: TenantContext, productId: string, deps: Deps): Promise<ProductView> {
  return toProductView(await getProduct(ctx, productId, deps));
}

/**
 * Checks a product's prices are in the workspace currency and its supplier exists; answers the
 * unit price typed, or else the supplier's suggested price for the cost.
 */
async function checkPricing(
  ctx: TenantContext,
  fields: { unitPrice?: Money; costPrice?: Money; supplierId?: string },
  deps: Deps,
  currency?: string,
): Promise<Money | undefined> {
  const workspace = currency ?? (await workspaceCurrency(ctx, deps));
  assertCurrency(workspace, { unitPrice: fields.unitPrice, costPrice: fields.costPrice }, 'of this workspace');
  const supplier = fields.supplierId ? await findSupplier(ctx, fields.supplierId, deps) : undefined;
  if (fields.supplierId && !supplier)
    throw new ValidationError('The supplier is not one of this workspace', [
      { path: 'supplierId', message: 'Unknown supplier' },
    ]);
  if (fields.unitPrice) return fields.unitPrice;
  return supplier && fields.costPrice ? suggestedUnitPrice(fields.costPrice, supplier.markupBps) : undefined;
}

/** Adds a product; its code is claimed in the same transaction, so one code is one product. */
export async function createProduct(
  ctx: TenantContext,
  input: CreateProductInput,
  deps: Deps,
  options: { currency?: string } = {},
): Promise<ProductView> {
  const unitPrice = await checkPricing(ctx, input, deps, options.currency);
  if (!unitPrice)
    throw new ValidationError('A product needs a unit price (or a supplier and a cost price to derive it)', [
      { path: 'unitPrice', message: 'Required' },
    ]);
  const now = deps.now();
  const product = keyed({
    tenantId: ctx.tenantId,
    productId: deps.newId(),
    ...input,
    unitPrice,
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: 1,
  });
  await writeVersioned(deps.db, {
    entity: 'product',
    op: 'create',
    item: product,
    also: (e) => [
      e.productCode.create({ tenantId: ctx.tenantId, codeKey: product.codeKey, productId: product.productId }).commit(),
    ],
    conflict: (i) => (i === 1 ? codeTaken(product.code) : new ConflictError('A product with this id already exists')),
  });
  return toProductView(product);
}

/**
 * Applies a partial update if `expectedVersion` is current. A code change moves the claim (the
 * old one released, the new one taken) in the product's transaction.
 */
export async function updateProduct(
  ctx: TenantContext,
  productId: string,
  patch: UpdateProductInput,
  expectedVersion: number,
  deps: Deps,
  options: { currency?: string } = {},
): Promise<ProductView> {
  const before = await getProduct(ctx, productId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const { version: _version, ...fields } = patch;
  const merged = { ...toProductView(before), ...fields };
  // A product keeps its price when its cost or supplier changes; only a new one is checked.
  if (['unitPrice', 'costPrice', 'supplierId'].some((k) => fields[k as keyof typeof fields] != null))
    await checkPricing(
      ctx,
      {
        unitPrice: fields.unitPrice,
        costPrice: fields.costPrice ?? undefined,
        supplierId: fields.supplierId ?? undefined,
      },
      deps,
      options.currency,
    );
  const after = keyed({
    ...before,
    ...merged,
    tenantId: before.tenantId,
    productId: before.productId,
    updatedAt: deps.now(),
    updatedBy: ctx.userId,
    version: before.version + 1,
  } as Product);
  const moved = after.codeKey !== before.codeKey;
  await writeVersioned(deps.db, {
    entity: 'product',
    op: 'update',
    item: after,
    also: moved
      ? (e) => [
          e.productCode
            .delete({ tenantId: ctx.tenantId, codeKey: before.codeKey })
            .where((attr, { eq }) => eq(attr.productId, productId))
            .commit(),
          e.productCode.create({ tenantId: ctx.tenantId, codeKey: after.codeKey, productId }).commit(),
        ]
      : undefined,
    conflict: (i) => (i === 2 ? codeTaken(after.code) : staleVersion()),
  });
  return toProductView(after);
}

const CODE_PHASE = 'c.';
const NAME_PHASE = 'n.';

/**
 * Products by code. `category` is a key condition (its own index); `active` is applied to the
 * `limit` items read, so a filtered page may hold fewer (even none) with a cursor to continue.
 * `q` reads the products whose code begins with it, then those whose name does (and whose code
 * does not, so none appears twice); the cursor says which of the two it continues.
 */
export async function listProducts(
  ctx: TenantContext,
  query: ListProductsQuery,
  deps: Deps,
): Promise<Page<ProductView>> {
  const product = deps.db.entities.product;
  const active = query.active === undefined ? undefined : query.active === 'true';
  const category = query.category ? fold(query.category) : undefined;
  const filter = (extra: (attr: any, op: any) => string[]) => (attr: any, op: any) =>
    [active === undefined ? '' : op.eq(attr.active, active), ...extra(attr, op)].filter(Boolean).join(' AND ');

  const q = query.q ? fold(query.q) : '';
  if (!q) {
    const base = category
      ? product.query.byCategory({ tenantId: ctx.tenantId, categoryKey: category })
      : product.query.byCode({ tenantId: ctx.tenantId });
    if (active === undefined) {
      const page = await base.go({ count: query.limit, cursor: checkCursor(query.cursor, base) });
      return { items: page.data.map(toProductView), cursor: page.cursor ?? null };
    }
    const filtered = base.where(filter(() => []));
    const page = await filtered.go({ limit: query.limit, pages: 1, cursor: checkCursor(query.cursor, filtered) });
    return { items: page.data.map(toProductView), cursor: page.cursor ?? null };
  }

  const inCategory = (attr: any, op: any) => (category ? [op.eq(attr.categoryKey, category)] : []);
  const byCode = product.query.byCode({ tenantId: ctx.tenantId }).begins({ codeKey: q }).where(filter(inCategory));
  const byName = product.query
    .byName({ tenantId: ctx.tenantId })
    .begins({ nameKey: q })
    .where(filter((attr, op) => [...inCategory(attr, op), `NOT ${op.begins(attr.codeKey, q)}`]));
  const cursor = query.cursor ?? '';
  const invalid = () =>
    new ValidationError('The cursor is not valid for this list', [{ path: 'cursor', message: 'Invalid cursor' }]);
  if (cursor && !cursor.startsWith(CODE_PHASE) && !cursor.startsWith(NAME_PHASE)) throw invalid();

  const items: Product[] = [];
  if (!cursor.startsWith(NAME_PHASE)) {
    const inner = checkCursor(cursor.slice(CODE_PHASE.length) || undefined, byCode);
    const page = await byCode.go({ limit: query.limit, pages: 1, cursor: inner });
    items.push(...page.data);
    if (page.cursor) return { items: items.map(toProductView), cursor: CODE_PHASE + page.cursor };
    if (items.length >= query.limit) return { items: items.map(toProductView), cursor: NAME_PHASE };
  }
  const inner = checkCursor(
    cursor.startsWith(NAME_PHASE) ? cursor.slice(NAME_PHASE.length) || undefined : undefined,
    byName,
  );
  const page = await byName.go({ limit: query.limit - items.length, pages: 1, cursor: inner });
  items.push(...page.data);
  return { items: items.map(toProductView), cursor: page.cursor ? NAME_PHASE + page.cursor : null };
}
