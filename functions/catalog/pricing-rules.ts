import type { PricingRuleRecord } from '../data/pricing-rule.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { PricingCatalog, PricingRule } from '../quotes/pricing.js';
import type { PricingRuleInput } from '../quotes/pricing-schema.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../shared/errors.js';
import { checkCursor, type Page } from '../shared/pagination.js';
import { staleVersion } from '../shared/records.js';
import type { PricingRuleView } from './contract.js';
import type { ListPricingRulesQuery, UpdatePricingRuleInput } from './schema.js';

/** A stored rule as the API returns it. */
export const toPricingRuleView = (r: PricingRuleRecord): PricingRuleView => ({
  ...(r.definition as PricingRuleInput),
  ruleId: r.ruleId,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
  version: r.version,
});

/** The products a rule names, with the field that names each. */
const productRefs = (rule: PricingRuleInput): [string, string][] =>
  rule.kind === 'bundle' ? rule.productIds.map((id, i) => [`productIds.${i}`, id]) : [['productId', rule.productId]];

/** 400 naming each product or company of the rule that is not this workspace's. */
async function assertReferences(ctx: TenantContext, rule: PricingRuleInput, deps: Deps): Promise<void> {
  const refs = productRefs(rule);
  const [products, company] = await Promise.all([
    deps.db.entities.product.get(refs.map(([, productId]) => ({ tenantId: ctx.tenantId, productId }))).go(),
    rule.kind === 'customer_price'
      ? deps.db.entities.company.get({ tenantId: ctx.tenantId, companyId: rule.companyId }).go()
      : undefined,
  ]);
  const known = new Set(products.data.map((p) => p.productId));
  const errors: FieldError[] = refs
    .filter(([, id]) => !known.has(id))
    .map(([path]) => ({ path, message: 'Unknown product' }));
  if (company && !company.data) errors.push({ path: 'companyId', message: 'Unknown company' });
  if (errors.length) throw new ValidationError('The rule names products or companies not in this workspace', errors);
}

async function getRule(ctx: TenantContext, ruleId: string, deps: Deps): Promise<PricingRuleRecord> {
  const { data } = await deps.db.entities.pricingRule.get({ tenantId: ctx.tenantId, ruleId }).go();
  if (!data) throw new NotFoundError('Pricing rule');
  return data;
}

/** One pricing rule. */
export async function readPricingRule(ctx: TenantContext, ruleId: string, deps: Deps): Promise<PricingRuleView> {
  return toPricingRuleView(await getRule(ctx, ruleId, deps));
}

/** Adds a pricing rule after checking the products and company it names are this workspace's. */
export async function createPricingRule(
  ctx: TenantContext,
  input: PricingRuleInput,
  deps: Deps,
): Promise<PricingRuleView> {
  await assertReferences(ctx, input, deps);
  const now = deps.now();
  const record: PricingRuleRecord = {
    tenantId: ctx.tenantId,
    ruleId: deps.newId(),
    kind: input.kind,
    definition: input,
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: 1,
  };
  await writeVersioned(deps.db, { entity: 'pricingRule', op: 'create', item: record });
  return toPricingRuleView(record);
}

/** Replaces a pricing rule if `expectedVersion` is current. */
export async function updatePricingRule(
  ctx: TenantContext,
  ruleId: string,
  input: UpdatePricingRuleInput,
  expectedVersion: number,
  deps: Deps,
): Promise<PricingRuleView> {
  const before = await getRule(ctx, ruleId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const { version: _version, ...rule } = input;
  await assertReferences(ctx, rule, deps);
  const after: PricingRuleRecord = {
    ...before,
    kind: rule.kind,
    definition: rule,
    updatedAt: deps.now(),
    updatedBy: ctx.userId,
    version: before.version + 1,
  };
  await writeVersioned(deps.db, { entity: 'pricingRule', op: 'update', item: after });
  return toPricingRuleView(after);
}

/** Deletes a pricing rule. */
export async function deletePricingRule(ctx: TenantContext, ruleId: string, deps: Deps): Promise<void> {
  const rule = await getRule(ctx, ruleId, deps);
  await writeVersioned(deps.db, {
    entity: 'pricingRule',
    op: 'delete',
    item: rule,
    conflict: () => new ConflictError('The rule changed while it was being deleted; try again'),
  });
}

/**
 * A tenant's rules, oldest first. `kind`, `productId` and `companyId` are applied to the `limit`
 * rules read, so a filtered page may hold fewer (even none) with a cursor to continue.
 */
export async function listPricingRules(
  ctx: TenantContext,
  query: ListPricingRulesQuery,
  deps: Deps,
): Promise<Page<PricingRuleView>> {
  const base = deps.db.entities.pricingRule.query.byId({ tenantId: ctx.tenantId });
  const cursor = checkCursor(query.cursor, base);
  const filtered = Boolean(query.kind || query.productId || query.companyId);
  const page = await base.go(filtered ? { limit: query.limit, pages: 1, cursor } : { count: query.limit, cursor });
  const items = page.data.map(toPricingRuleView).filter((r) => {
    if (query.kind && r.kind !== query.kind) return false;
    if (query.companyId && r.companyId !== query.companyId) return false;
    if (query.productId && r.productId !== query.productId && !r.productIds?.includes(query.productId)) return false;
    return true;
  });
  return { items, cursor: page.cursor ?? null };
}

/**
 * What the pricing engine (functions/quotes/pricing.ts) needs to price a quote of these products:
 * the products (one BatchGet) and every rule of the tenant (the engine keeps those in force).
 */
export async function loadPricingCatalog(
  ctx: TenantContext,
  productIds: readonly string[],
  deps: Deps,
): Promise<PricingCatalog> {
  const ids = [...new Set(productIds)];
  const [products, rules] = await Promise.all([
    ids.length
      ? deps.db.entities.product.get(ids.map((productId) => ({ tenantId: ctx.tenantId, productId }))).go()
      : { data: [] },
    deps.db.entities.pricingRule.query.byId({ tenantId: ctx.tenantId }).go({ pages: 'all' }),
  ]);
  return {
    products: new Map(
      products.data.map((p) => [
        p.productId,
        { name: p.name, code: p.code, unitPrice: p.unitPrice, taxRateBps: p.taxRateBps, active: p.active },
      ]),
    ),
    rules: rules.data.map((r) => ({ ...(r.definition as PricingRuleInput), ruleId: r.ruleId }) as PricingRule),
  };
}
