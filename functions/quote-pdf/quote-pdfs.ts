import { createHash } from 'node:crypto';
import { isConditionFailure } from '../data/transaction.js';
import type { DocumentAcceptance } from './document.js';
import { brandingForDocument } from '../settings/branding.js';
import type { Deps } from '../shared/deps.js';
import { documentStore } from '../shared/documents.js';
import { quoteDocument, type QuoteSnapshot } from '../quotes/document.js';
import { quotePdfKey, type QuotePdfMessage } from '../quotes/pdf-message.js';
import type { StoredContent } from '../quotes/compare.js';
import { renderQuotePdf } from './render.js';

/** The acceptance as the quote stores it (functions/quotes/public.ts): the PDF's page, and what was chosen. */
export interface StoredAcceptance extends Omit<DocumentAcceptance, 'signature'> {
  signature: { kind: 'typed'; text: string } | { kind: 'drawn'; pngBase64: string };
  /** The revision's content with the customer's choices (tier, optional lines), priced again. */
  content: StoredContent;
}

/**
 * Renders one quote PDF and stores it under its key. A revision's PDF records its key and
 * SHA-256 on the revision, the accepted copy its key; a draft preview is only stored. The
 * render is deterministic, so a redelivered message writes the same bytes again.
 * Returns false when the quote or revision is gone (nothing to render, nothing to retry).
 */
export async function renderStoredQuotePdf(message: QuotePdfMessage, deps: Deps): Promise<boolean> {
  const { tenantId, quoteId, target } = message;
  const e = deps.db.entities;
  const { data: quote } = await e.quote.get({ tenantId, quoteId }).go({ consistent: true });
  if (!quote) return false;
  let snapshot: QuoteSnapshot & { contactId?: string | undefined };
  let revision: number;
  let issuedAt: string;
  let acceptance: DocumentAcceptance | undefined;
  if (target.kind === 'draft') {
    if (quote.version !== target.version) return false;
    snapshot = { ...quote, content: quote.content as StoredContent };
    revision = quote.revision;
    issuedAt = quote.updatedAt;
  } else {
    const { data: sent } = await e.quoteRevision
      .get({ tenantId, quoteId, revision: target.revision })
      .go({ consistent: true });
    if (!sent) return false;
    snapshot = sent.snapshot as QuoteSnapshot & { contactId?: string };
    revision = sent.revision;
    issuedAt = sent.sentAt;
    if (target.kind === 'accepted') {
      const stored = quote.acceptance as StoredAcceptance | undefined;
      if (!stored) return false;
      const { content, signature, ...rest } = stored;
      snapshot = { ...snapshot, status: 'accepted', content };
      acceptance = {
        ...rest,
        signature:
          signature.kind === 'typed' ? signature : { kind: 'drawn', png: Buffer.from(signature.pngBase64, 'base64') },
      };
    }
  }
  const [{ data: company }, contact, branding] = await Promise.all([
    e.company.get({ tenantId, companyId: quote.companyId }).go(),
    snapshot.contactId ? e.contact.get({ tenantId, contactId: snapshot.contactId }).go() : undefined,
    brandingForDocument(tenantId, deps),
  ]);
  if (!company) return false;
  const pdf = await renderQuotePdf(
    quoteDocument({ branding, snapshot, revision, issuedAt, company, contact: contact?.data ?? undefined, acceptance }),
  );
  const key = quotePdfKey(tenantId, quoteId, target);
  await documentStore({ area: 'quotes', tenantId }).put(key, pdf, 'application/pdf');
  if (target.kind === 'revision') {
    // Recorded once: what a customer accepts is checked against the first rendering of it.
    const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
    await e.quoteRevision
      .patch({ tenantId, quoteId, revision })
      .set({ pdfKey: key, pdfSha256 })
      .where((a, { notExists }) => notExists(a.pdfSha256))
      .go()
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  } else if (target.kind === 'accepted') {
    await e.quoteRevision.patch({ tenantId, quoteId, revision }).set({ acceptedPdfKey: key }).go();
  }
  return true;
}
