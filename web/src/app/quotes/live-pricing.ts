import type { ProductView } from '../../../../functions/catalog/contract';
import type { QuoteView } from '../../../../functions/quotes/contract';
import {
  isPricingErrors,
  priceQuote,
  type CatalogProduct,
  type PricedLine,
  type PricingRule,
  type QuoteTotals,
} from '../../../../functions/quotes/pricing';
import { quoteLineInput } from '../../../../functions/quotes/pricing-schema';
import { toLineInput, type EditorScope } from './lines';

/** The live figures of one scope: each line's pricing by index (undefined while it does not parse), the totals, and problems by path. */
export interface LiveScope {
  lines: (PricedLine | undefined)[];
  totals: QuoteTotals | undefined;
  errors: Record<string, string>;
}

/** What pricing needs of a product picked in the builder. */
export const catalogProductOf = (p: ProductView): CatalogProduct => ({
  name: p.name,
  code: p.code,
  unitPrice: p.unitPrice,
  taxRateBps: p.taxRateBps,
  active: p.active,
});

/**
 * The catalog as far as the builder knows it for a saved quote: each catalog line's resolved
 * price and rate, so its live figures match the server's until the seller changes them.
 */
export function productsOfQuote(quote: Pick<QuoteView, 'lines' | 'tiers'> | undefined): Map<string, CatalogProduct> {
  const products = new Map<string, CatalogProduct>();
  const lines = [...(quote?.lines ?? []), ...(quote?.tiers ?? []).flatMap((t) => t.lines)];
  for (const l of lines)
    if (l.productId && !products.has(l.productId))
      products.set(l.productId, { name: l.description, code: '', unitPrice: l.unitPrice, taxRateBps: l.taxRateBps });
  return products;
}

/**
 * Prices each scope in the browser with the server's own pure engine (functions/quotes/pricing.ts)
 * over the lines that pass the contract's line schema; a line still being typed shows no figures
 * and is left out of the totals until it parses. Each scope prices on its own, as a tier does.
 */
export function priceLive(
  scopes: EditorScope[],
  paths: string[],
  input: { currency: string; companyId: string },
  catalog: { products: ReadonlyMap<string, CatalogProduct>; rules: readonly PricingRule[] },
): LiveScope[] {
  return scopes.map((scope, s) => {
    const valid: { index: number; line: ReturnType<typeof toLineInput> }[] = [];
    scope.lines.forEach((l, index) => {
      const parsed = quoteLineInput.safeParse(toLineInput(l, input.currency));
      if (parsed.success && (!parsed.data.productId || catalog.products.has(parsed.data.productId)))
        valid.push({ index, line: parsed.data });
    });
    const result = priceQuote(
      { currency: input.currency, companyId: input.companyId, lines: valid.map((v) => v.line) },
      catalog,
    );
    const lines: (PricedLine | undefined)[] = scope.lines.map(() => undefined);
    const errors: Record<string, string> = {};
    if (isPricingErrors(result)) {
      for (const e of result.errors) {
        const m = /^lines\.(\d+)\.(.*)$/.exec(e.path);
        const original = m ? valid[Number(m[1])]?.index : undefined;
        errors[original !== undefined ? `${paths[s]}.${original}.${m![2]}` : paths[s]!] = e.message;
      }
      return { lines, totals: undefined, errors };
    }
    (result.lines ?? []).forEach((priced, k) => (lines[valid[k]!.index] = priced));
    return { lines, totals: result.totals, errors };
  });
}
