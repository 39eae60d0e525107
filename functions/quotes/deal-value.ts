import type { Deal } from '../data/deal.js';
import type { Quote } from '../data/quote.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';

type WriteEntities = Parameters<Parameters<Deps['db']['transaction']['write']>[0]>[0];

/**
 * A deal's value follows its primary quote: the first quote made for it becomes primary, and
 * each save of that quote writes its headline total (the chosen tier's once accepted, else the
 * first tier's) to the deal, in the quote's own transaction and conditional on the deal's
 * version, so a deal edited meanwhile fails the save (409) rather than losing either change.
 * Returns no items when the quote has no deal, is not its primary, or the value is unchanged.
 */
export async function dealFollowing(
  ctx: TenantContext,
  quote: Quote,
  deps: Deps,
): Promise<(e: WriteEntities) => object[]> {
  if (!quote.dealId) return () => [];
  const { data: deal } = await deps.db.entities.deal.get({ tenantId: ctx.tenantId, dealId: quote.dealId }).go();
  if (!deal || deal.status !== 'open') return () => [];
  if (deal.primaryQuoteId && deal.primaryQuoteId !== quote.quoteId) return () => [];
  const sameValue =
    deal.value.amount === quote.headlineTotal.amount && deal.value.currency === quote.headlineTotal.currency;
  if (sameValue && deal.primaryQuoteId === quote.quoteId) return () => [];
  const after: Deal = {
    ...deal,
    value: quote.headlineTotal,
    primaryQuoteId: quote.quoteId,
    updatedAt: quote.updatedAt,
    updatedBy: ctx.userId,
    version: deal.version + 1,
  };
  return (e) => [
    e.deal
      .put(after)
      .where((a, { eq }) => eq(a.version, deal.version))
      .commit(),
  ];
}
