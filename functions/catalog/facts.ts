import type { CatalogFacts } from '../ai/facts.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { workspaceCurrency } from './currency.js';

/** The most products a drafting prompt lists (about 60 tokens each): a bound on its cost. */
export const MAX_PROMPT_PRODUCTS = 200;

/** Pages of products read looking for that many quotable ones (archived and foreign ones skipped). */
const MAX_PAGES = 5;

/** How a draft names a rate-card role: the card and the role, as the prompt lists them. */
export const roleReference = (r: { rateCard: string; role: string }) => `${r.rateCard} / ${r.role}`;

const productPage = (key: { tenantId: string }, cursor: string | null, deps: Deps) =>
  deps.db.entities.product.query.byCode(key).go({ count: MAX_PROMPT_PRODUCTS, cursor, pages: 1 });

/**
 * The active catalog in the workspace's currency, as a quote draft may use it: products by code
 * and every rate-card role by the day. Products in another currency cannot be quoted with the
 * rest, so they are left out, as are archived ones.
 */
export async function catalogFacts(ctx: TenantContext, deps: Deps): Promise<CatalogFacts> {
  const key = { tenantId: ctx.tenantId };
  const [currency, cards] = await Promise.all([
    workspaceCurrency(ctx, deps),
    deps.db.entities.rateCard.query.byName(key).go({ pages: 'all' }),
  ]);
  const quotable: CatalogFacts['products'] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES && quotable.length <= MAX_PROMPT_PRODUCTS; page++) {
    const found: Awaited<ReturnType<typeof productPage>> = await productPage(key, cursor, deps);
    for (const p of found.data)
      if (p.active && p.unitPrice.currency === currency)
        quotable.push({
          productId: p.productId,
          code: p.code,
          name: p.name,
          unit: p.unit,
          category: p.category,
          description: p.description,
          unitPrice: p.unitPrice.amount,
        });
    cursor = found.cursor;
    if (!cursor) break;
  }
  return {
    currency,
    products: quotable.slice(0, MAX_PROMPT_PRODUCTS),
    roles: cards.data
      .filter((card) => card.currency === currency)
      .flatMap((card) => card.roles.map((r) => ({ role: r.role, rateCard: card.name, dayRate: r.dayRate.amount }))),
    truncated: quotable.length > MAX_PROMPT_PRODUCTS || cursor !== null,
  };
}
