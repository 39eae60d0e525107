import { diffFields, timelineEntry, type Change } from '../activities/timeline.js';
import type { Quote } from '../data/quote.js';
import { TransactionCancelledError } from '../data/transaction.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import type { TimelineAction } from '../shared/enums.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import { staleVersion } from '../shared/records.js';
import { quoteSearchable, tokenWrites } from '../search/tokens.js';
import { approvalPolicyOf } from '../settings/quote-approval.js';
import { allTotals, approvalReasons } from './approval.js';
import { pricingCatalog } from './catalog.js';
import type { StoredContent } from './compare.js';
import type { QuoteView } from './contract.js';
import { companyLive } from '../companies/tombstone.js';
import { dealFollowing } from './deal-value.js';
import { assertStatus, EDITABLE, effectiveStatus } from './lifecycle.js';
import { NUMBER_TRIES, numberBackoff, quoteNumber } from './numbering.js';
import { isPricingErrors, priceQuote, type PricedQuote } from './pricing.js';
import type { QuoteLineInput, QuoteTierInput } from './pricing-schema.js';
import type { CreateQuoteInput, UpdateQuoteInput } from './schema.js';

/** Today as YYYY-MM-DD (UTC): a quote valid until today may still be accepted today. */
export const today = (deps: Deps) => deps.now().slice(0, 10);

const compact = <T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as never;

/** A quote as the API returns it: its content spread out, its status as of today. */
export function toQuoteView(quote: Quote, deps: Deps, companyName?: string): QuoteView {
  const {
    tenantId: _t,
    dealKey: _d,
    content,
    approvalReasons: reasons,
    submittedBy,
    submittedAt,
    approvedBy,
    approvedAt,
    rejectedReason,
    acceptance: _a,
    ...rest
  } = quote;
  const stored = content as StoredContent;
  return {
    ...rest,
    ...(companyName !== undefined ? { companyName } : {}),
    status: effectiveStatus(quote, today(deps)),
    ...(stored.tiers ? { tiers: stored.tiers } : { lines: stored.lines, totals: stored.totals }),
    approval: compact({
      required: (reasons ?? []).length > 0,
      reasons: reasons ?? [],
      submittedBy,
      submittedAt,
      approvedBy,
      approvedAt,
      rejectedReason,
    }),
  };
}

/** Loads a quote of the caller's tenant or fails with 404. */
export async function getQuote(ctx: TenantContext, quoteId: string, deps: Deps): Promise<Quote> {
  const { data } = await deps.db.entities.quote.get({ tenantId: ctx.tenantId, quoteId }).go();
  if (!data) throw new NotFoundError('Quote');
  return data;
}

async function companyOf(ctx: TenantContext, companyId: string, deps: Deps) {
  const { data } = await deps.db.entities.company.get({ tenantId: ctx.tenantId, companyId }).go();
  return data;
}

export async function readQuote(ctx: TenantContext, quoteId: string, deps: Deps): Promise<QuoteView> {
  const quote = await getQuote(ctx, quoteId, deps);
  const company = await companyOf(ctx, quote.companyId, deps);
  if (!company) throw new NotFoundError('Quote');
  return toQuoteView(quote, deps, company.name);
}

/** The deal and contact a quote names must be its company's (400 naming the field otherwise). */
async function assertLinks(
  ctx: TenantContext,
  companyId: string,
  links: { dealId?: string | undefined; contactId?: string | undefined },
  deps: Deps,
): Promise<void> {
  const [deal, contact] = await Promise.all([
    links.dealId ? deps.db.entities.deal.get({ tenantId: ctx.tenantId, dealId: links.dealId }).go() : undefined,
    links.contactId
      ? deps.db.entities.contact.get({ tenantId: ctx.tenantId, contactId: links.contactId }).go()
      : undefined,
  ]);
  const errors = [
    ...(links.dealId && deal?.data?.companyId !== companyId
      ? [{ path: 'dealId', message: 'Not a deal of this company' }]
      : []),
    ...(links.contactId && contact?.data?.companyId !== companyId
      ? [{ path: 'contactId', message: 'Not a contact of this company' }]
      : []),
  ];
  if (errors.length) throw new ValidationError('The quote links to records of another company', errors);
}

type Content = { lines?: QuoteLineInput[] | undefined; tiers?: QuoteTierInput[] | undefined };

/** Every line keeps its id across edits (given, or new), so revisions compare line by line. */
function withLineIds(content: Content, deps: Deps): Content {
  const ids = (lines: QuoteLineInput[]) => lines.map((l) => ({ ...l, lineId: l.lineId ?? deps.newId() }));
  return content.tiers
    ? { tiers: content.tiers.map((t) => ({ ...t, lines: ids(t.lines) })) }
    : { lines: ids(content.lines ?? []) };
}

/** Prices content against the catalog: the stored content, its headline total and why it needs approval. */
async function priced(
  ctx: TenantContext,
  input: { companyId: string; currency: string } & Content,
  deps: Deps,
): Promise<{ content: StoredContent; headlineTotal: Money; approvalReasons: string[] }> {
  const content = withLineIds(input, deps);
  const [catalog, { data: tenant }] = await Promise.all([
    pricingCatalog(ctx, content, deps),
    deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go({ attributes: ['quoteApproval'] }),
  ]);
  const result = priceQuote({ currency: input.currency, companyId: input.companyId, ...content }, catalog);
  if (isPricingErrors(result)) throw new ValidationError('Some lines cannot be priced', result.errors);
  const { currency: _c, ...stored } = result;
  return {
    content: stored as StoredContent,
    headlineTotal: allTotals(result)[0]?.totals.total ?? { amount: 0, currency: input.currency },
    approvalReasons: approvalReasons(result, input.currency, approvalPolicyOf(tenant ?? {})),
  };
}

/** Raised when another create took the number this one read. */
class NumberTakenError extends Error {}

/**
 * Creates a draft quote with the next number of the workspace's year. The counter item moves
 * from the number read to the next in the same transaction as the quote and its timeline entry:
 * a concurrent create that took the number first makes this one read again and retry, so
 * numbers are consecutive with no gap and no duplicate.
 */
export async function createQuote(ctx: TenantContext, input: CreateQuoteInput, deps: Deps): Promise<QuoteView> {
  const company = await companyOf(ctx, input.companyId, deps);
  if (!company)
    throw new ValidationError('The company is not one of this workspace', [
      { path: 'companyId', message: 'Unknown company' },
    ]);
  await assertLinks(ctx, company.companyId, input, deps);
  const pricing = await priced(ctx, input, deps);
  const quoteId = deps.newId();
  const entryId = deps.newId();
  const year = Number(deps.now().slice(0, 4));
  for (let attempt = 1; ; attempt++) {
    const { data: counter } = await deps.db.entities.quoteCounter
      .get({ tenantId: ctx.tenantId, year })
      .go({ consistent: true });
    const next = (counter?.last ?? 0) + 1;
    const now = deps.now();
    const quote: Quote = compact({
      tenantId: ctx.tenantId,
      quoteId,
      number: quoteNumber(year, next),
      companyId: company.companyId,
      dealId: input.dealId,
      dealKey: input.dealId ?? '',
      contactId: input.contactId,
      title: input.title,
      currency: input.currency,
      validUntil: input.validUntil,
      terms: input.terms,
      notes: input.notes,
      status: 'draft' as const,
      revision: 1,
      ...pricing,
      ownerId: ctx.userId,
      createdAt: now,
      createdBy: ctx.userId,
      updatedAt: now,
      updatedBy: ctx.userId,
      version: 1,
    });
    const entry = timelineEntry(
      ctx,
      {
        companyId: company.companyId,
        action: 'created',
        subjectType: 'quote',
        subjectId: quoteId,
        subjectName: `${quote.number} ${quote.title}`,
      },
      { entryId, at: now },
    );
    const deal = await dealFollowing(ctx, quote, deps);
    try {
      await writeVersioned(deps.db, {
        entity: 'quote',
        op: 'create',
        item: quote,
        also: (e) => [
          counter
            ? e.quoteCounter
                .patch({ tenantId: ctx.tenantId, year })
                .set({ last: next })
                .where((a, { eq }) => eq(a.last, counter.last))
                .commit()
            : e.quoteCounter.create({ tenantId: ctx.tenantId, year, last: next }).commit(),
          e.timelineEntry.create(entry).commit(),
          ...tokenWrites(e, undefined, quoteSearchable(quote, company.name)),
          // After the counter: its index tells a taken number from a changed company or deal.
          companyLive(e, { tenantId: ctx.tenantId, companyId: company.companyId }),
          ...deal(e),
        ],
        conflict: (i) =>
          i === 1
            ? new NumberTakenError()
            : i === 0
              ? new ConflictError('A quote with this id already exists')
              : new ConflictError('The company or deal changed while the quote was being saved; try again'),
      });
      return toQuoteView(quote, deps, company.name);
    } catch (error) {
      const lostRace = error instanceof NumberTakenError || error instanceof TransactionCancelledError;
      if (!lostRace || attempt >= NUMBER_TRIES) throw error;
      await numberBackoff(attempt);
    }
  }
}

/** The fields whose changes the timeline records (content changes are "lines changed"). */
const TRACKED: readonly (keyof Quote & string)[] = ['title', 'currency', 'validUntil', 'dealId', 'contactId'];

/**
 * Writes the next version of a quote with one timeline entry on its company; `expectedVersion`
 * must be the stored one.
 */
async function saveQuote(
  ctx: TenantContext,
  before: Quote,
  after: Quote,
  entry: { action: TimelineAction; changes?: Change[]; detail?: Record<string, string> },
  deps: Deps,
): Promise<QuoteView> {
  const now = after.updatedAt;
  const item = timelineEntry(
    ctx,
    {
      companyId: before.companyId,
      subjectType: 'quote',
      subjectId: before.quoteId,
      subjectName: `${before.number} ${after.title}`,
      ...entry,
    },
    { entryId: deps.newId(), at: now },
  );
  const company = await companyOf(ctx, before.companyId, deps);
  const name = company?.name ?? '';
  const deal = await dealFollowing(ctx, after, deps);
  await writeVersioned(deps.db, {
    entity: 'quote',
    op: 'update',
    item: after,
    conflict: (i) =>
      i === 0
        ? staleVersion()
        : new ConflictError('The company or deal changed while the quote was being saved; try again'),
    also: (e) => [
      companyLive(e, { tenantId: ctx.tenantId, companyId: before.companyId }),
      ...deal(e),
      e.timelineEntry.create(item).commit(),
      ...(before.title === after.title
        ? []
        : tokenWrites(e, quoteSearchable(before, name), quoteSearchable(after, name))),
    ],
  });
  return toQuoteView(after, deps, company?.name);
}

/** The next version of `before` with `fields` applied by the caller now. */
const next = (
  ctx: TenantContext,
  before: Quote,
  fields: { [K in keyof Quote]?: Quote[K] | null },
  deps: Deps,
): Quote => {
  const after = { ...before, ...fields };
  return compact({
    ...after,
    dealKey: after.dealId ?? '',
    updatedAt: deps.now(),
    updatedBy: ctx.userId,
    version: before.version + 1,
  });
};

/** Approval fields cleared: an edit withdraws a submission or an approval. */
const NO_APPROVAL = {
  submittedBy: undefined,
  submittedAt: undefined,
  approvedBy: undefined,
  approvedAt: undefined,
} as const;

/** The quote at the version a change is based on (404, or 409 when stale). */
export async function current(ctx: TenantContext, quoteId: string, expectedVersion: number, deps: Deps) {
  const before = await getQuote(ctx, quoteId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  return before;
}

/**
 * Changes a quote that was not sent, re-pricing it; an edit of a quote waiting for approval or
 * approved sends it back to draft. A sent revision is locked (409: revise it).
 */
export async function updateQuote(
  ctx: TenantContext,
  quoteId: string,
  patch: UpdateQuoteInput,
  expectedVersion: number,
  deps: Deps,
): Promise<QuoteView> {
  const before = await current(ctx, quoteId, expectedVersion, deps);
  assertStatus(before, today(deps), EDITABLE, 'change');
  const { version: _v, lines, tiers, ...fields } = patch;
  if (fields.dealId || fields.contactId) await assertLinks(ctx, before.companyId, compact(fields), deps);
  const stored = before.content as StoredContent;
  const currency = fields.currency ?? before.currency;
  // Lines kept as stored go back to the catalog for their price (a catalog or rule price is
  // not the seller's typed one); untouched content in the same currency is not priced again.
  const kept = <L extends { priceSource?: string; unitPrice?: unknown }>(ls: L[]) =>
    ls.map(({ unitPrice, ...l }) =>
      l.priceSource === 'typed' ? { ...l, unitPrice } : l,
    ) as unknown as QuoteLineInput[];
  const content: Content =
    lines !== undefined
      ? { lines }
      : tiers !== undefined
        ? { tiers }
        : stored.tiers
          ? { tiers: stored.tiers.map((t) => ({ name: t.name, lines: kept(t.lines) })) }
          : { lines: kept(stored.lines) };
  const untouched = lines === undefined && tiers === undefined && currency === before.currency;
  const pricing = untouched
    ? { content: stored, headlineTotal: before.headlineTotal, approvalReasons: before.approvalReasons ?? [] }
    : await priced(ctx, { companyId: before.companyId, currency, ...content }, deps);
  const contentChanged = JSON.stringify(pricing.content) !== JSON.stringify(before.content);
  const after = next(
    ctx,
    before,
    { ...fields, ...pricing, ...(before.status === 'draft' ? {} : { status: 'draft', ...NO_APPROVAL }) },
    deps,
  );
  const changes = diffFields(before, after, TRACKED);
  if (contentChanged) changes.push({ field: 'lines', from: before.headlineTotal, to: after.headlineTotal });
  const textChanged = (['terms', 'notes'] as const).some((f) => f in fields && (fields[f] ?? undefined) !== before[f]);
  if (changes.length === 0 && !textChanged) {
    const company = await companyOf(ctx, before.companyId, deps);
    return toQuoteView(before, deps, company?.name);
  }
  if (before.status !== 'draft') changes.push({ field: 'status', from: before.status, to: 'draft' });
  return saveQuote(ctx, before, after, { action: 'updated', changes }, deps);
}

/** Submits a draft: approved at once when no approval rule catches it, else waiting for an approver. */
export async function submitQuote(
  ctx: TenantContext,
  quoteId: string,
  expectedVersion: number,
  deps: Deps,
): Promise<QuoteView> {
  const before = await current(ctx, quoteId, expectedVersion, deps);
  assertStatus(before, today(deps), ['draft'], 'submit');
  if (!hasLines(before))
    throw new ValidationError('Add at least one line before submitting', [{ path: 'lines', message: 'No lines' }]);
  const now = deps.now();
  // The workspace's rules as they are now: they may have changed since the last edit.
  const { data: tenant } = await deps.db.entities.tenant
    .get({ tenantId: ctx.tenantId })
    .go({ attributes: ['quoteApproval'] });
  const reasons = approvalReasons(
    { ...(before.content as StoredContent), currency: before.currency } as PricedQuote,
    before.currency,
    approvalPolicyOf(tenant ?? {}),
  );
  const needsApproval = reasons.length > 0;
  const after = next(
    ctx,
    before,
    {
      status: needsApproval ? 'pending_approval' : 'approved',
      approvalReasons: reasons,
      submittedBy: ctx.userId,
      submittedAt: now,
      rejectedReason: undefined,
      ...(needsApproval ? {} : { approvedBy: ctx.userId, approvedAt: now }),
    },
    deps,
  );
  return saveQuote(
    ctx,
    before,
    after,
    needsApproval
      ? { action: 'submitted', detail: { reasons: reasons.join('; ') } }
      : { action: 'approved', detail: { by: 'No approval rule applies' } },
    deps,
  );
}

const hasLines = (q: Quote) => {
  const c = q.content as StoredContent;
  return c.tiers ? c.tiers.some((t) => t.lines.length > 0) : c.lines.length > 0;
};

/** An owner or admin approves a quote waiting for approval; never the one who submitted it. */
export async function approveQuote(
  ctx: TenantContext,
  quoteId: string,
  expectedVersion: number,
  deps: Deps,
): Promise<QuoteView> {
  const before = await current(ctx, quoteId, expectedVersion, deps);
  assertStatus(before, today(deps), ['pending_approval'], 'approve');
  if (before.submittedBy === ctx.userId)
    throw new ForbiddenError('You submitted this quote: another owner or admin must approve it');
  const now = deps.now();
  const after = next(ctx, before, { status: 'approved', approvedBy: ctx.userId, approvedAt: now }, deps);
  return saveQuote(ctx, before, after, { action: 'approved' }, deps);
}

/** An approver sends a quote waiting for approval back to draft, saying why. */
export async function rejectQuote(
  ctx: TenantContext,
  quoteId: string,
  reason: string,
  expectedVersion: number,
  deps: Deps,
): Promise<QuoteView> {
  const before = await current(ctx, quoteId, expectedVersion, deps);
  assertStatus(before, today(deps), ['pending_approval'], 'reject');
  const after = next(ctx, before, { status: 'draft', ...NO_APPROVAL, rejectedReason: reason }, deps);
  return saveQuote(ctx, before, after, { action: 'rejected', detail: { reason } }, deps);
}

/**
 * Starts the next revision of a quote that went out (sent, viewed, declined or expired) as a
 * draft with the same lines; the sent revision stays as it was (QuoteRevision).
 */
export async function reviseQuote(
  ctx: TenantContext,
  quoteId: string,
  expectedVersion: number,
  deps: Deps,
): Promise<QuoteView> {
  const before = await current(ctx, quoteId, expectedVersion, deps);
  assertStatus(before, today(deps), ['sent', 'viewed', 'declined', 'expired'], 'revise');
  const after = next(
    ctx,
    before,
    {
      status: 'draft',
      revision: before.revision + 1,
      ...NO_APPROVAL,
      sentAt: undefined,
      viewedAt: undefined,
      declinedAt: undefined,
      declineReason: undefined,
    },
    deps,
  );
  return saveQuote(
    ctx,
    before,
    after,
    { action: 'revised', changes: [{ field: 'revision', from: before.revision, to: after.revision }] },
    deps,
  );
}
