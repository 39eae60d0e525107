import { loadPricingCatalog } from '../catalog/pricing-rules.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ValidationError, type FieldError } from '../shared/errors.js';
import type { PricingCatalog } from './pricing.js';
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
 * The catalog a quote's lines are priced against; a line naming a product this workspace does
 * not have, or has archived, is a 400 on that line's `productId`.
 */
export async function pricingCatalog(ctx: TenantContext, content: Content, deps: Deps): Promise<PricingCatalog> {
  const named = linesWithPaths(content).filter((l) => l.line.productId);
  const catalog = await loadPricingCatalog(
    ctx,
    named.map((l) => l.line.productId!),
    deps,
  );
  const errors: FieldError[] = named.flatMap(({ line, path }) => {
    const product = catalog.products.get(line.productId!);
    if (!product) return [{ path: `${path}.productId`, message: 'No such product in the catalog' }];
    if (product.active === false) return [{ path: `${path}.productId`, message: `${product.code} is archived` }];
    return [];
  });
  if (errors.length) throw new ValidationError('Some lines name products that cannot be quoted', errors);
  return catalog;
}
