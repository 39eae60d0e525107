import type { CatalogFacts } from '../ai/facts.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { workspaceCurrency } from './currency.js';

/** The most products a drafting prompt lists (about 60 tokens each): a bound on its cost. */
export const MAX_PROMPT_PRODUCTS = 200;

/**
 * The active catalog in the workspace's currency, as a quote draft may use it: products by code
 * and every rate-card role by the day. Products in another currency cannot be quoted with the
 * rest, so they are left out, as are archived ones.
 */
export async function catalogFacts(ctx: TenantContext, deps: Deps): Promise<CatalogFacts> {
  const key = { tenantId: ctx.tenantId };
  const [currency, products, cards] = await Promise.all([
    workspaceCurrency(ctx, deps),
    // A page is 1 MB, thousands of products: more than a prompt lists.
    deps.db.entities.product.query.byCode(key).go({ count: MAX_PROMPT_PRODUCTS * 2 }),
    deps.db.entities.rateCard.query.byName(key).go({ pages: 'all' }),
  ]);
  const quotable = products.data.filter((p) => p.active && p.unitPrice.currency === currency);
  return {
    currency,
    products: quotable.slice(0, MAX_PROMPT_PRODUCTS).map((p) => ({
      productId: p.productId,
      code: p.code,
      name: p.name,
      unit: p.unit,
      category: p.category,
      description: p.description,
      unitPrice: p.unitPrice.amount,
    })),
    roles: cards.data
      .filter((card) => card.currency === currency)
      .flatMap((card) => card.roles.map((r) => ({ role: r.role, rateCard: card.name, dayRate: r.dayRate.amount }))),
    truncated: quotable.length > MAX_PROMPT_PRODUCTS || products.cursor !== null,
  };
}
