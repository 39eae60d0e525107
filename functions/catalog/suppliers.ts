import type { Supplier } from '../data/supplier.js';
import { writeVersioned } from '../data/versioned-write.js';
import { fold } from '../search/normalise.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { NotFoundError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import { staleVersion, stripNulls } from '../shared/records.js';
import type { SupplierView } from './contract.js';
import type { CreateSupplierInput, UpdateSupplierInput } from './schema.js';

/** A supplier as the API returns it. */
export const toSupplierView = ({ tenantId: _t, nameKey: _n, ...supplier }: Supplier): SupplierView => supplier;

/** A supplier of the caller's tenant, if it exists. */
export async function findSupplier(ctx: TenantContext, supplierId: string, deps: Deps): Promise<Supplier | undefined> {
  const { data } = await deps.db.entities.supplier.get({ tenantId: ctx.tenantId, supplierId }).go();
  return data ?? undefined;
}

async function getSupplier(ctx: TenantContext, supplierId: string, deps: Deps): Promise<Supplier> {
  const found = await findSupplier(ctx, supplierId, deps);
  if (!found) throw new NotFoundError('Supplier');
  return found;
}

/** One supplier. */
export async function readSupplier(ctx: TenantContext, supplierId: string, deps: Deps): Promise<SupplierView> {
  return toSupplierView(await getSupplier(ctx, supplierId, deps));
}

/** Adds a supplier. */
export async function createSupplier(
  ctx: TenantContext,
  input: CreateSupplierInput,
  deps: Deps,
): Promise<SupplierView> {
  const now = deps.now();
  const supplier: Supplier = stripNulls({
    tenantId: ctx.tenantId,
    supplierId: deps.newId(),
    ...input,
    nameKey: fold(input.name),
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: 1,
  });
  await writeVersioned(deps.db, { entity: 'supplier', op: 'create', item: supplier });
  return toSupplierView(supplier);
}

/** Applies a partial update if `expectedVersion` is current. */
export async function updateSupplier(
  ctx: TenantContext,
  supplierId: string,
  patch: UpdateSupplierInput,
  expectedVersion: number,
  deps: Deps,
): Promise<SupplierView> {
  const before = await getSupplier(ctx, supplierId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const { version: _version, ...fields } = patch;
  const after: Supplier = stripNulls({
    ...before,
    ...fields,
    nameKey: fold(fields.name ?? before.name),
    updatedAt: deps.now(),
    updatedBy: ctx.userId,
    version: before.version + 1,
  });
  await writeVersioned(deps.db, { entity: 'supplier', op: 'update', item: after });
  return toSupplierView(after);
}

/** A tenant's suppliers A→Z. */
export async function listSuppliers(
  ctx: TenantContext,
  query: { limit: number; cursor?: string },
  deps: Deps,
): Promise<Page<SupplierView>> {
  const base = deps.db.entities.supplier.query.byName({ tenantId: ctx.tenantId });
  return mapPage(await base.go({ count: query.limit, cursor: checkCursor(query.cursor, base) }), toSupplierView);
}
