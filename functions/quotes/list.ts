import type { Quote } from '../data/quote.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { NotFoundError } from '../shared/errors.js';
import { checkCursor, type Page } from '../shared/pagination.js';
import { compareContents, type StoredContent } from './compare.js';
import type { QuoteComparisonView, QuoteView } from './contract.js';
import { OUT } from './lifecycle.js';
import type { ListQuotesQuery } from './schema.js';
import { getQuote, today, toQuoteView } from './service.js';

/** The page's quotes with their companies' current names (one BatchGet). */
async function withCompanyNames(
  ctx: TenantContext,
  page: { data: Quote[]; cursor: string | null },
  deps: Deps,
): Promise<Page<QuoteView>> {
  const ids = [...new Set(page.data.map((q) => q.companyId))];
  const { data: companies } = ids.length
    ? await deps.db.entities.company.get(ids.map((companyId) => ({ tenantId: ctx.tenantId, companyId }))).go()
    : { data: [] };
  const names = new Map(companies.map((c) => [c.companyId, c.name]));
  const live = page.data.filter((q) => names.has(q.companyId));
  return { items: live.map((q) => toQuoteView(q, deps, names.get(q.companyId))), cursor: page.cursor ?? null };
}

/**
 * Quotes newest first. A status is a key condition (`expired` reads the sent and viewed ones
 * and keeps those past their date); a company or a deal is its own index. Each page reads
 * `limit` items, so a filtered page may hold fewer with a cursor to go on.
 */
export async function listQuotes(ctx: TenantContext, query: ListQuotesQuery, deps: Deps): Promise<Page<QuoteView>> {
  const quote = deps.db.entities.quote;
  const { tenantId } = ctx;
  const { status, companyId, dealId } = query;
  const base = dealId
    ? quote.query.byDeal({ tenantId, dealKey: dealId })
    : companyId
      ? quote.query.byCompany({ tenantId, companyId })
      : status && status !== 'expired'
        ? quote.query.byStatus({ tenantId, status })
        : quote.query.byId({ tenantId });
  const day = today(deps);
  const keyed =
    status === 'expired'
      ? base.where((a, op) => `(${OUT.map((s) => op.eq(a.status, s)).join(' OR ')}) AND ${op.lt(a.validUntil, day)}`)
      : status && (dealId || companyId)
        ? base.where((a, op) => op.eq(a.status, status as Quote['status']))
        : base;
  const cursor = checkCursor(query.cursor, keyed);
  const page = await keyed.go({ limit: query.limit, pages: 1, cursor, order: 'desc' });
  // A sent quote past its date is listed under expired, not sent.
  const shown =
    status && status !== 'expired' ? page.data.filter((q) => toQuoteView(q, deps).status === status) : page.data;
  return withCompanyNames(ctx, { data: shown, cursor: page.cursor }, deps);
}

/** A company's quotes, newest first (404 for a company not of this workspace). */
export async function listCompanyQuotes(
  ctx: TenantContext,
  companyId: string,
  query: { limit: number; cursor?: string | undefined },
  deps: Deps,
): Promise<Page<QuoteView>> {
  const { data: company } = await deps.db.entities.company.get({ tenantId: ctx.tenantId, companyId }).go();
  if (!company) throw new NotFoundError('Company');
  return listQuotes(ctx, { ...query, companyId }, deps);
}

/** The sent revisions of a quote, oldest first. */
export async function quoteVersions(ctx: TenantContext, quoteId: string, deps: Deps) {
  await getQuote(ctx, quoteId, deps);
  const { data } = await deps.db.entities.quoteRevision.query
    .byQuote({ tenantId: ctx.tenantId, quoteId })
    .go({ pages: 'all' });
  return {
    items: data.map((r) => {
      const snapshot = r.snapshot as { title: string; headlineTotal: { amount: number; currency: string } };
      return {
        revision: r.revision,
        sentAt: r.sentAt,
        sentBy: r.sentBy,
        title: snapshot.title,
        headlineTotal: snapshot.headlineTotal,
        hasPdf: Boolean(r.pdfKey),
      };
    }),
  };
}

/** Two revisions of a quote line by line; the current revision is read from the quote itself. */
export async function compareRevisions(
  ctx: TenantContext,
  quoteId: string,
  query: { from?: number | undefined; to?: number | undefined },
  deps: Deps,
): Promise<QuoteComparisonView> {
  const quote = await getQuote(ctx, quoteId, deps);
  const to = query.to ?? quote.revision;
  const from = query.from ?? Math.max(1, to - 1);
  const contentOf = async (revision: number, field: 'from' | 'to'): Promise<StoredContent> => {
    if (revision === quote.revision) return quote.content as StoredContent;
    const { data } = await deps.db.entities.quoteRevision.get({ tenantId: ctx.tenantId, quoteId, revision }).go();
    if (!data) throw new NotFoundError(`Revision ${revision} (${field})`);
    return (data.snapshot as { content: StoredContent }).content;
  };
  const [before, after] = await Promise.all([contentOf(from, 'from'), contentOf(to, 'to')]);
  return compareContents({ revision: from, content: before }, { revision: to, content: after });
}
