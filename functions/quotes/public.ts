import { timelineEntry } from '../activities/timeline.js';
import { updateDeal } from '../deals/service.js';
import type { Quote, QuoteLink, QuoteRevision } from '../data/quote.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { StoredAcceptance } from '../quote-pdf/quote-pdfs.js';
import type { PublicContext, TenantContext } from '../shared/auth-context.js';
import { config } from '../shared/config.js';
import { documentStore } from '../shared/documents.js';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '../shared/errors.js';
import { escapeHtml } from '../shared/mailer.js';
import { logger } from '../shared/logger.js';
import type { StoredContent } from './compare.js';
import { effectiveStatus } from './lifecycle.js';
import { withPicks } from './pricing.js';
import type { AcceptQuoteInput, PublicQuoteView } from './public-contract.js';
import { hashToken, PDF_LINK_SECONDS, type SendDeps } from './send.js';
import { today } from './service.js';

interface Opened {
  link: QuoteLink;
  quote: Quote;
  sent: QuoteRevision;
}

/** The quote a token opens, or 404 for any token that is not a live link (wrong, foreign, expired, gone). */
async function open(token: string, deps: SendDeps): Promise<Opened> {
  const e = deps.db.entities;
  const tenantId = token.split('.')[0]!;
  if (!tenantId || tenantId === token) throw new NotFoundError('Quote');
  const { data: link } = await e.quoteLink.get({ tenantId, tokenHash: hashToken(token) }).go({ consistent: true });
  if (!link || link.expiresAt < deps.now()) throw new NotFoundError('Quote');
  const [{ data: quote }, { data: sent }] = await Promise.all([
    e.quote.get({ tenantId: link.tenantId, quoteId: link.quoteId }).go({ consistent: true }),
    e.quoteRevision.get({ tenantId: link.tenantId, quoteId: link.quoteId, revision: link.revision }).go(),
  ]);
  if (!quote || !sent) throw new NotFoundError('Quote');
  return { link, quote, sent };
}

/** The customer as the timeline names them. */
const customerContext = (link: QuoteLink, name?: string): TenantContext => ({
  kind: 'tenant',
  tenantId: link.tenantId,
  userId: 'customer',
  role: 'sales',
  email: link.email,
  name: name ? `${name} (customer)` : `${link.email} (customer)`,
});

/** What the customer sees: the revision they were sent, as it stands now. */
async function view({ link, quote, sent }: Opened, deps: SendDeps): Promise<PublicQuoteView> {
  const e = deps.db.entities;
  const snapshot = sent.snapshot as {
    title: string;
    currency: string;
    validUntil?: string;
    terms?: string;
    notes?: string;
    contactId?: string;
    content: StoredContent;
  };
  const current = quote.revision === link.revision;
  const [{ data: tenant }, { data: company }, contact] = await Promise.all([
    e.tenant.get({ tenantId: link.tenantId }).go(),
    e.company.get({ tenantId: link.tenantId, companyId: quote.companyId }).go(),
    snapshot.contactId ? e.contact.get({ tenantId: link.tenantId, contactId: snapshot.contactId }).go() : undefined,
  ]);
  const acceptance = current ? (quote.acceptance as StoredAcceptance | undefined) : undefined;
  const content = acceptance?.content ?? snapshot.content;
  const strip = <L extends { priceSource?: unknown; priceRuleId?: unknown; discountSource?: unknown }>(lines: L[]) =>
    lines.map(({ priceSource: _p, priceRuleId: _r, discountSource: _d, ...line }) => line);
  const pdfKey = acceptance && sent.acceptedPdfKey ? sent.acceptedPdfKey : sent.pdfKey;
  const c = contact?.data;
  return {
    number: quote.number,
    revision: link.revision,
    title: snapshot.title,
    seller: { name: tenant?.name ?? '', accentColour: tenant?.branding?.accentColour ?? '#1f4e79' },
    companyName: company?.name ?? '',
    ...(c ? { contactName: `${c.firstName} ${c.lastName}` } : {}),
    currency: snapshot.currency,
    ...(snapshot.validUntil ? { validUntil: snapshot.validUntil } : {}),
    ...(snapshot.terms ? { terms: snapshot.terms } : {}),
    ...(snapshot.notes ? { notes: snapshot.notes } : {}),
    // A revision replaced by a newer one reads as declined-by-replacement: it can no longer be accepted.
    status: current ? effectiveStatus(quote, today(deps)) : 'expired',
    ...(content.tiers
      ? { tiers: content.tiers.map((t) => ({ ...t, lines: strip(t.lines) })) }
      : { lines: strip(content.lines), totals: content.totals }),
    ...(pdfKey
      ? {
          pdfUrl: await documentStore({ area: 'quotes', tenantId: link.tenantId }).presignGet(pdfKey, {
            expiresInSeconds: PDF_LINK_SECONDS,
          }),
        }
      : {}),
    ...(acceptance
      ? {
          acceptedAt: acceptance.acceptedAt,
          acceptedBy: acceptance.name,
          ...(acceptance.tierName ? { chosenTier: acceptance.tierName } : {}),
          acceptedTotal: quote.headlineTotal,
        }
      : {}),
    ...(current && quote.declinedAt ? { declinedAt: quote.declinedAt } : {}),
  };
}

/** A status change by the customer, with its timeline entry; a lost race is the caller's 409. */
async function save(
  opened: Opened,
  fields: Partial<Quote>,
  entry: { action: 'viewed' | 'accepted' | 'declined'; detail?: Record<string, string> },
  customer: TenantContext,
  deps: SendDeps,
): Promise<Quote> {
  const { quote } = opened;
  const now = deps.now();
  const after: Quote = { ...quote, ...fields, updatedAt: now, updatedBy: customer.userId, version: quote.version + 1 };
  const item = timelineEntry(
    customer,
    {
      companyId: quote.companyId,
      action: entry.action,
      subjectType: 'quote',
      subjectId: quote.quoteId,
      subjectName: `${quote.number} ${quote.title}`,
      ...(entry.detail ? { detail: entry.detail } : {}),
    },
    { entryId: deps.newId(), at: now },
  );
  await writeVersioned(deps.db, {
    entity: 'quote',
    op: 'update',
    item: after,
    also: (e) => [e.timelineEntry.create(item).commit()],
    conflict: () => new ConflictError('The quote changed meanwhile: reload the page'),
  });
  return after;
}

/** Opens a quote link; the first opening of a sent quote marks it viewed. */
export async function readPublicQuote(token: string, deps: SendDeps): Promise<PublicQuoteView> {
  const opened = await open(token, deps);
  if (opened.quote.status === 'sent' && opened.quote.revision === opened.link.revision) {
    try {
      opened.quote = await save(
        opened,
        { status: 'viewed', viewedAt: deps.now() },
        { action: 'viewed', detail: { by: opened.link.email } },
        customerContext(opened.link),
        deps,
      );
    } catch (error) {
      // Two tabs opening at once: the other one marked it.
      if (!(error instanceof ConflictError)) throw error;
      opened.quote = (await open(token, deps)).quote;
    }
  }
  return view(opened, deps);
}

/** Refuses a quote that can no longer be answered: accepted or declined (409), expired or replaced (410). */
function assertOpen({ link, quote }: Opened, deps: SendDeps): void {
  if (quote.revision !== link.revision)
    throw new GoneError('This quote has been replaced by a newer version: ask the seller for its link');
  const status = effectiveStatus(quote, today(deps));
  if (status === 'expired') throw new GoneError('This quote has expired: ask the seller for a new one');
  if (status === 'accepted') throw new ConflictError('This quote was already accepted');
  if (status === 'declined') throw new ConflictError('This quote was declined');
}

/**
 * Accepts the revision a link opens: the tier and optional lines the customer picked (totals
 * summed again, no line priced again), their name and signature, and the evidence (time, IP,
 * user agent, the SHA-256 of the PDF they were shown). Locks the quote, wins its deal, asks for
 * the signed PDF and tells the seller.
 */
export async function acceptPublicQuote(
  token: string,
  input: AcceptQuoteInput,
  caller: PublicContext,
  deps: SendDeps,
): Promise<PublicQuoteView> {
  const opened = await open(token, deps);
  assertOpen(opened, deps);
  const { link, quote, sent } = opened;
  if (!sent.pdfSha256) throw new ConflictError('The quote’s PDF is still being prepared: try again in a moment');
  const content = (sent.snapshot as { content: StoredContent }).content;
  const picked = new Set(input.optionalLineIds);
  let accepted: StoredContent;
  if (content.tiers) {
    const tier = content.tiers.find((t) => t.name === input.tierName);
    if (!tier)
      throw new ValidationError('Choose one of the options', [
        { path: 'tierName', message: `Choose one of: ${content.tiers.map((t) => t.name).join(', ')}` },
      ]);
    accepted = { tiers: [{ name: tier.name, ...withPicks(tier.lines, picked, quote.currency) }] };
  } else {
    accepted = withPicks(content.lines, picked, quote.currency);
  }
  const total = (accepted.tiers ? accepted.tiers[0]!.totals : accepted.totals!).total;
  const now = deps.now();
  const acceptance: StoredAcceptance = {
    name: input.name,
    signature:
      input.signature.kind === 'typed'
        ? { kind: 'typed', text: input.signature.text }
        : { kind: 'drawn', pngBase64: input.signature.pngBase64 },
    acceptedAt: now,
    ip: caller.sourceIp,
    userAgent: caller.userAgent,
    pdfSha256: sent.pdfSha256,
    ...(accepted.tiers ? { tierName: accepted.tiers[0]!.name } : {}),
    content: accepted,
  };
  const customer = customerContext(link, input.name);
  opened.quote = await save(
    opened,
    {
      status: 'accepted',
      acceptedAt: now,
      acceptance,
      headlineTotal: total,
      ...(acceptance.tierName ? { chosenTier: acceptance.tierName } : {}),
    },
    { action: 'accepted', detail: { by: input.name, ...(acceptance.tierName ? { tier: acceptance.tierName } : {}) } },
    customer,
    deps,
  );
  // The acceptance stands once saved: what follows is asked for again by its own means (the PDF
  // route requests a missing signed copy) or done by hand, never a 500 to the customer.
  await afterwards('the signed PDF request', () =>
    deps.renderPdf({
      tenantId: link.tenantId,
      quoteId: quote.quoteId,
      target: { kind: 'accepted', revision: link.revision },
    }),
  );
  if (quote.dealId) await afterwards('winning the deal', () => winDeal(customer, quote.dealId!, total, deps));
  await afterwards('the seller email', () => tellSeller(opened.quote, `accepted by ${input.name}`, deps));
  return view(opened, deps);
}

/** Declines the revision a link opens; the reason goes on the quote and on its deal's timeline. */
export async function declinePublicQuote(
  token: string,
  reason: string | undefined,
  deps: SendDeps,
): Promise<PublicQuoteView> {
  const opened = await open(token, deps);
  assertOpen(opened, deps);
  const customer = customerContext(opened.link);
  opened.quote = await save(
    opened,
    { status: 'declined', declinedAt: deps.now(), ...(reason ? { declineReason: reason } : {}) },
    {
      action: 'declined',
      detail: { reason: reason ?? 'No reason given', ...(opened.quote.dealId ? { dealId: opened.quote.dealId } : {}) },
    },
    customer,
    deps,
  );
  await afterwards('the seller email', () =>
    tellSeller(opened.quote, `declined${reason ? `: “${reason}”` : ''}`, deps),
  );
  return view(opened, deps);
}

/** Work that follows a customer's answer: a failure is logged for the operator, not the customer's problem. */
async function afterwards(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error(`quote answered, but ${what} failed`, { error: error as Error });
  }
}

/** An accepted quote wins its deal (and so makes the company a customer), at the accepted total. */
async function winDeal(customer: TenantContext, dealId: string, total: Quote['headlineTotal'], deps: SendDeps) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const { data: deal } = await deps.db.entities.deal
      .get({ tenantId: customer.tenantId, dealId })
      .go({ consistent: true });
    if (!deal || deal.status !== 'open') return;
    try {
      await updateDeal(customer, dealId, { status: 'won', value: total }, deal.version, deps);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt === 3) {
        // The acceptance stands; the seller sees the deal still open and wins it by hand.
        logger.warn('accepted quote could not win its deal', { dealId, error: error as Error });
        return;
      }
    }
  }
}

/** Emails the quote's owner what the customer did, with a link to the quote in the app. */
async function tellSeller(quote: Quote, what: string, deps: SendDeps) {
  const { data: owner } = await deps.db.entities.user.get({ tenantId: quote.tenantId, userId: quote.ownerId }).go();
  if (!owner?.email) return;
  const url = `${config.webUrl}/quotes/${quote.quoteId}`;
  await deps.email({
    to: owner.email,
    subject: `Quote ${quote.number} ${what}`,
    text: `Your quote ${quote.number}, “${quote.title}”, was ${what}.\n\n${url}\n`,
    html: `<p>Your quote <strong>${escapeHtml(quote.number)}</strong>, “${escapeHtml(quote.title)}”, was ${escapeHtml(what)}.</p><p><a href="${escapeHtml(url)}">Open it in Quoteflow</a></p>`,
  });
}
