import { createHash, randomBytes } from 'node:crypto';
import { timelineEntry } from '../activities/timeline.js';
import { primaryEmail } from '../contacts/email.js';
import type { Quote, QuoteRevision } from '../data/quote.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { TenantContext } from '../shared/auth-context.js';
import { config } from '../shared/config.js';
import type { Deps } from '../shared/deps.js';
import { documentStore } from '../shared/documents.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { Reply } from '../shared/http.js';
import { escapeHtml, sendEmail } from '../shared/mailer.js';
import { sendToQueue } from '../shared/queue.js';
import type { QuotePdfView, QuoteView } from './contract.js';
import { assertStatus, EDITABLE, OUT } from './lifecycle.js';
import { quotePdfKey, type QuotePdfMessage, type QuotePdfTarget } from './pdf-message.js';
import type { SendQuoteInput } from './schema.js';
import { current, getQuote, today, toQuoteView } from './service.js';

/** How long an emailed link opens its quote: 30 days past its validity date, and at least 60 days from sending. */
const LINK_GRACE_DAYS = 30;
const LINK_DAYS_WITHOUT_VALIDITY = 60;
/** How long a PDF download link works (the app's and the customer's). */
export const PDF_LINK_SECONDS = 10 * 60;

export interface SendDeps extends Deps {
  renderPdf: (message: QuotePdfMessage) => Promise<unknown>;
  email: typeof sendEmail;
}

export const sendDeps = (deps: Deps): SendDeps => ({
  ...deps,
  renderPdf: (message) => sendToQueue('quote-pdfs', [message]),
  email: sendEmail,
});

/** A link token and the hash the table keeps of it (functions/data/quote.ts QuoteLinkEntity). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Where the customer opens a quote: the public page, the token in the fragment (never sent to a server log). */
export const publicQuoteUrl = (token: string) => `${config.webUrl}/quote.html#${token}`;

const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/** The fields of a quote a sent revision keeps (what the customer sees and may accept). */
const snapshotOf = (q: Quote) => ({
  number: q.number,
  title: q.title,
  currency: q.currency,
  companyId: q.companyId,
  ...(q.contactId ? { contactId: q.contactId } : {}),
  ...(q.validUntil ? { validUntil: q.validUntil } : {}),
  ...(q.terms ? { terms: q.terms } : {}),
  ...(q.notes ? { notes: q.notes } : {}),
  content: q.content,
  headlineTotal: q.headlineTotal,
  status: 'sent',
});

/**
 * Sends an approved quote to its recipients (default: its contact's primary email): the
 * revision is kept as sent (locked from now on), its PDF is rendered, and each recipient gets
 * their own link to the public page. Sending a sent quote again mails the same revision anew.
 */
export async function sendQuote(
  ctx: TenantContext,
  quoteId: string,
  input: SendQuoteInput,
  expectedVersion: number,
  deps: SendDeps,
): Promise<QuoteView> {
  const before = await current(ctx, quoteId, expectedVersion, deps);
  assertStatus(before, today(deps), ['approved', ...OUT], 'send');
  if (before.validUntil && before.validUntil < today(deps))
    throw new ValidationError('The quote’s validity date has passed: revise it with a new date first', [
      { path: 'validUntil', message: 'In the past' },
    ]);
  const [{ data: company }, contact] = await Promise.all([
    deps.db.entities.company.get({ tenantId: ctx.tenantId, companyId: before.companyId }).go(),
    before.contactId
      ? deps.db.entities.contact.get({ tenantId: ctx.tenantId, contactId: before.contactId }).go()
      : undefined,
  ]);
  if (!company) throw new NotFoundError('Quote');
  const contactEmail = primaryEmail(contact?.data ?? undefined);
  const to = input.to ?? (contactEmail ? [contactEmail] : []);
  if (to.length === 0)
    throw new ValidationError('Say who to send the quote to', [
      { path: 'to', message: 'The quote has no contact with an email: add a recipient' },
    ]);

  const now = deps.now();
  const first = before.status === 'approved';
  const after: Quote = {
    ...before,
    status: first ? 'sent' : before.status,
    sentAt: first ? now : (before.sentAt ?? now),
    updatedAt: now,
    updatedBy: ctx.userId,
    version: before.version + 1,
  };
  const revision: QuoteRevision = {
    tenantId: ctx.tenantId,
    quoteId,
    revision: before.revision,
    snapshot: snapshotOf(before),
    sentAt: now,
    sentBy: ctx.userId,
  };
  const entry = timelineEntry(
    ctx,
    {
      companyId: before.companyId,
      action: 'sent',
      subjectType: 'quote',
      subjectId: quoteId,
      subjectName: `${before.number} ${before.title}`,
      detail: { to: to.join(', '), revision: String(before.revision) },
    },
    { entryId: deps.newId(), at: now },
  );
  await writeVersioned(deps.db, {
    entity: 'quote',
    op: 'update',
    item: after,
    also: (e) => [
      ...(first ? [e.quoteRevision.create(revision).commit()] : []),
      e.timelineEntry.create(entry).commit(),
    ],
  });
  if (first)
    await deps.renderPdf({
      tenantId: ctx.tenantId,
      quoteId,
      target: { kind: 'revision', revision: before.revision },
    });

  // Long enough to see "expired" on the page after the validity date, never shorter than from sending.
  const validTo = before.validUntil ? addDays(`${before.validUntil}T23:59:59.999Z`, LINK_GRACE_DAYS) : '';
  const fromNow = addDays(now, LINK_DAYS_WITHOUT_VALIDITY);
  const expiresAt = validTo > fromNow ? validTo : fromNow;
  const { data: tenant } = await deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go();
  const seller = tenant?.name ?? 'Quoteflow';
  for (const address of to) {
    const token = `${ctx.tenantId}.${randomBytes(32).toString('base64url')}`;
    await deps.db.entities.quoteLink
      .create({
        tokenHash: hashToken(token),
        tenantId: ctx.tenantId,
        quoteId,
        revision: before.revision,
        email: address,
        expiresAt,
        ttl: Math.floor(Date.parse(expiresAt) / 1000) + LINK_GRACE_DAYS * 86_400,
        createdAt: now,
      })
      .go();
    const url = publicQuoteUrl(token);
    const message = input.message ? `${input.message}\n\n` : '';
    await deps.email({
      to: address,
      subject: `Quote ${before.number} from ${seller}: ${before.title}`,
      text: `${message}${seller} has sent you quote ${before.number}, “${before.title}”.\n\nView, choose and accept it online:\n${url}\n`,
      html:
        (input.message ? `<p>${escapeHtml(input.message).replace(/\n/g, '<br>')}</p>` : '') +
        `<p>${escapeHtml(seller)} has sent you quote <strong>${escapeHtml(before.number)}</strong>, “${escapeHtml(before.title)}”.</p>` +
        `<p><a href="${escapeHtml(url)}">View, choose and accept it online</a></p>`,
    });
  }
  return toQuoteView(after, deps, company.name);
}

/**
 * A download link for the quote's PDF: a sent revision's (its accepted copy once there is one),
 * or a preview of a quote not yet sent. Rendering is the PDF function's work: until the file
 * exists this answers 202 `rendering` (and asks for it once), and the caller asks again.
 */
export async function quotePdf(
  ctx: TenantContext,
  quoteId: string,
  deps: SendDeps,
): Promise<QuotePdfView | Reply<QuotePdfView>> {
  const quote = await getQuote(ctx, quoteId, deps);
  let target: QuotePdfTarget = { kind: 'draft', version: quote.version };
  if (!EDITABLE.includes(quote.status)) {
    const { data: sent } = await deps.db.entities.quoteRevision
      .get({ tenantId: ctx.tenantId, quoteId, revision: quote.revision })
      .go();
    if (!sent) throw new NotFoundError('Quote');
    // An accepted quote's PDF is its signed copy (asked for again here if its request was lost).
    target =
      quote.status === 'accepted'
        ? { kind: 'accepted', revision: quote.revision }
        : { kind: 'revision', revision: quote.revision };
  }
  const key = quotePdfKey(ctx.tenantId, quoteId, target);
  const store = documentStore({ area: 'quotes', tenantId: ctx.tenantId });
  const fileName = `${quote.number}${quote.revision > 1 ? `-v${quote.revision}` : ''}.pdf`;
  if ((await store.size(key)) === undefined) {
    await deps.renderPdf({ tenantId: ctx.tenantId, quoteId, target });
    return new Reply({ status: 'rendering' as const, fileName }, { 'retry-after': '1' }, 202);
  }
  return { status: 'ready', fileName, url: await store.presignGet(key, { expiresInSeconds: PDF_LINK_SECONDS }) };
}
