import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ValidationError, type FieldError } from '../shared/errors.js';
import type { CatalogProduct, PricingCatalog, PricingRule } from './pricing.js';
import type { QuoteLineInput } from './pricing-schema.js';

type Content = {
  lines?: readonly QuoteLineInput[] | undefined;
  tiers?: readonly { lines: readonly QuoteLineInput[] }[] | undefined;
};

/** Each line of the content with the path pricing errors use (`lines.2`, `tiers.1.lines.0`). */
export const linesWithPaths = (content: Content): { line: QuoteLineInput; path: string }[] =>
  content.tiers
    ? content.tiers.flatMap((t, i) => t.lines.map((line, j) => ({ line, path: `tiers.${i}.lines.${j}` })))
    : (content.lines ?? []).map((line, j) => ({ line, path: `lines.${j}` }));

/**
 * The catalog a quote's lines are priced against: the products they name (one BatchGet; an
 * unknown or archived product is a 400 on its line) and the workspace's pricing rules.
 */
export async function pricingCatalog(ctx: TenantContext, content: Content, deps: Deps): Promise<PricingCatalog> {
  const named = linesWithPaths(content).filter((l) => l.line.productId);
  const ids = [...new Set(named.map((l) => l.line.productId!))];
  const [{ data: products }, rules] = await Promise.all([
    ids.length
      ? deps.db.entities.product.get(ids.map((productId) => ({ tenantId: ctx.tenantId, productId }))).go()
      : Promise.resolve({ data: [] }),
    ids.length ? pricingRules(ctx, deps) : Promise.resolve([]),
  ]);
  const byId = new Map(products.map((p) => [p.productId, p]));
  const errors: FieldError[] = named.flatMap(({ line, path }) => {
    const product = byId.get(line.productId!);
    if (!product) return [{ path: `${path}.productId`, message: 'No such product in the catalog' }];
    if (!product.active) return [{ path: `${path}.productId`, message: `${product.code} is archived` }];
    return [];
  });
  if (errors.length) throw new ValidationError('Some lines name products that cannot be quoted', errors);
  return {
    products: new Map(
      products.map((p): [string, CatalogProduct] => [
        p.productId,
        { name: p.name, code: p.code, unitPrice: p.unitPrice, taxRateBps: p.taxRateBps },
      ]),
    ),
    rules,
  };
}

/** The workspace's pricing rules (a catalog's few hundred at most: every page). */
async function pricingRules(ctx: TenantContext, deps: Deps): Promise<PricingRule[]> {
  const { data } = await deps.db.entities.pricingRule.query.byId({ tenantId: ctx.tenantId }).go({ pages: 'all' });
  return data as PricingRule[];
}
