import { Entity, type EntityItem } from 'electrodb';
import { QUOTE_STATUSES } from '../shared/enums.js';
import { SERVICE, entityConfig, moneyAttribute } from './client.js';

/**
 * A quote for a company (and usually a deal): its priced lines or tiers, its place in the
 * lifecycle (functions/quotes/lifecycle.ts) and its current revision. `content` is the priced
 * quote exactly as functions/quotes/pricing.ts returned it, so a read never re-prices.
 */
export const QuoteEntity = new Entity(
  {
    model: { entity: 'quote', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      quoteId: { type: 'string', required: true, readOnly: true },
      /** Q-2026-0001: per tenant and year, no gap, no duplicate (QuoteCounterEntity). */
      number: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      dealId: { type: 'string' },
      /** The dealId, or '' without one: the sparse byDeal index needs the attribute on every write to decide. */
      dealKey: { type: 'string', default: '' },
      contactId: { type: 'string' },
      title: { type: 'string', required: true },
      currency: { type: 'string', required: true },
      /** YYYY-MM-DD: the last day the quote may be accepted. */
      validUntil: { type: 'string' },
      terms: { type: 'string' },
      notes: { type: 'string' },
      status: { type: QUOTE_STATUSES, required: true },
      /** 1, 2, …: `revise` starts the next; a sent revision is kept as a QuoteRevision. */
      revision: { type: 'number', required: true },
      /** The priced quote: `{ lines, totals }` or `{ tiers: [{ name, lines, totals }] }`. */
      content: { type: 'any', required: true },
      /** The figure lists and the deal show: the total, or the first tier's (the chosen one's once accepted). */
      headlineTotal: { ...moneyAttribute, required: true },
      /** Why the approval rules want an approver ([] when none does). */
      approvalReasons: { type: 'list', items: { type: 'string' } },
      submittedBy: { type: 'string' },
      submittedAt: { type: 'string' },
      approvedBy: { type: 'string' },
      approvedAt: { type: 'string' },
      /** Why an approver sent it back to draft. */
      rejectedReason: { type: 'string' },
      sentAt: { type: 'string' },
      viewedAt: { type: 'string' },
      acceptedAt: { type: 'string' },
      declinedAt: { type: 'string' },
      declineReason: { type: 'string' },
      /** The tier the customer accepted. */
      chosenTier: { type: 'string' },
      /** The evidence of acceptance (functions/quotes/public.ts). */
      acceptance: { type: 'any' },
      ownerId: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One quote by id; all of a tenant's by id (ULIDs: newest last), the list without filters. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['quoteId'] } },
      /** A company's quotes: its Quotes tab, and the company purge. */
      byCompany: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'companyId'] },
        sk: { field: 'gsi1sk', composite: ['quoteId'] },
      },
      /**
       * The tenant's quotes by status then id: the list's status chips and the approval inbox
       * (`pending_approval`). Every quote write is a whole-item put, so the keys follow the status.
       */
      byStatus: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId'] },
        sk: { field: 'gsi2sk', composite: ['status', 'quoteId'] },
      },
      /** A deal's quotes (sparse: a quote without a deal has no keys here): the deal's Quotes tab. */
      byDeal: {
        index: 'gsi3',
        condition: (attr) => !!attr.dealKey,
        pk: { field: 'gsi3pk', composite: ['tenantId', 'dealKey'] },
        sk: { field: 'gsi3sk', composite: ['quoteId'] },
      },
    },
  },
  entityConfig,
);
export type Quote = EntityItem<typeof QuoteEntity>;

/**
 * A revision of a quote as it was sent, kept unchanged: what the customer saw and may accept,
 * the PDF rendered from it, and the base of the line-by-line comparison of revisions.
 */
export const QuoteRevisionEntity = new Entity(
  {
    model: { entity: 'quoteRevision', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      quoteId: { type: 'string', required: true, readOnly: true },
      revision: { type: 'number', required: true, readOnly: true, padding: { length: 4, char: '0' } },
      /** The quote's fields at sending (title, currency, validUntil, terms, notes, contactId, content, headlineTotal). */
      snapshot: { type: 'any', required: true, readOnly: true },
      sentAt: { type: 'string', required: true, readOnly: true },
      sentBy: { type: 'string', required: true, readOnly: true },
      /** quotes/{tenantId}/{quoteId}/v{revision}.pdf in the documents bucket, once rendered. */
      pdfKey: { type: 'string' },
      /** SHA-256 (hex) of that PDF: what the customer was shown, recorded on acceptance. */
      pdfSha256: { type: 'string' },
      /** The accepted copy, with its acceptance page, once rendered. */
      acceptedPdfKey: { type: 'string' },
    },
    indexes: {
      /** A quote's sent revisions in order: version history and the comparison. */
      byQuote: {
        pk: { field: 'pk', composite: ['tenantId'] },
        sk: { field: 'sk', composite: ['quoteId', 'revision'] },
      },
    },
  },
  entityConfig,
);
export type QuoteRevision = EntityItem<typeof QuoteRevisionEntity>;

/**
 * The last quote number given in a tenant's year. A quote's create reads it and writes last + 1
 * in the same transaction as the quote, conditional on it still being what was read: two
 * creates at once cannot take one number, and a create that fails takes none.
 */
export const QuoteCounterEntity = new Entity(
  {
    model: { entity: 'quoteCounter', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      year: { type: 'number', required: true, readOnly: true },
      last: { type: 'number', required: true },
    },
    indexes: {
      byYear: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['year'] } },
    },
  },
  entityConfig,
);
export type QuoteCounter = EntityItem<typeof QuoteCounterEntity>;

/**
 * The link a quote's customer opens: `<tenantId>.<32 random bytes>`, stored only as the SHA-256
 * of the whole token, so the table never holds a working link; the tenant part keeps the item
 * under the tenant's keys like every other. It names the quote and revision it opens, until
 * `expiresAt`. Each sending mails new links; a revised quote's old links open their own,
 * locked revision, which can no longer be accepted.
 */
export const QuoteLinkEntity = new Entity(
  {
    model: { entity: 'quoteLink', version: '1', service: SERVICE },
    attributes: {
      tokenHash: { type: 'string', required: true, readOnly: true },
      tenantId: { type: 'string', required: true, readOnly: true },
      quoteId: { type: 'string', required: true, readOnly: true },
      revision: { type: 'number', required: true, readOnly: true },
      /** Sent to; the seller sees who opened it. */
      email: { type: 'string', required: true, readOnly: true },
      expiresAt: { type: 'string', required: true, readOnly: true },
      /** DynamoDB TTL (epoch seconds): gone a while after it stops working. */
      ttl: { type: 'number', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byHash: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['tokenHash'] } },
    },
  },
  entityConfig,
);
export type QuoteLink = EntityItem<typeof QuoteLinkEntity>;
