import * as z from 'zod';
import { defineContract, idParams, money, page, READ, WRITE } from '../shared/contract.js';
import { QUOTE_STATUSES } from '../shared/enums.js';
import { pricedLineView, quoteTotalsView } from './pricing-schema.js';
import {
  compareQuoteSchema,
  createQuoteSchema,
  draftQuoteSchema,
  listQuotesSchema,
  quoteActionSchema,
  rejectQuoteSchema,
  sendQuoteSchema,
  updateQuoteSchema,
} from './schema.js';

/** Who may approve a quote the approval rules catch (never the one who submitted it). */
export const APPROVE: readonly ('owner' | 'admin')[] = ['owner', 'admin'];

const tierView = z.object({ name: z.string(), lines: z.array(pricedLineView), totals: quoteTotalsView });

/** A quote as the API returns it: `lines` and `totals`, or `tiers` each with its own. */
export const quoteView = z
  .object({
    quoteId: z.string(),
    number: z.string(),
    revision: z.number(),
    companyId: z.string(),
    companyName: z.string().optional(),
    dealId: z.string().optional(),
    contactId: z.string().optional(),
    title: z.string(),
    currency: z.string(),
    validUntil: z.string().optional(),
    terms: z.string().optional(),
    notes: z.string().optional(),
    status: z.enum(QUOTE_STATUSES),
    lines: z.array(pricedLineView).optional(),
    totals: quoteTotalsView.optional(),
    tiers: z.array(tierView).optional(),
    headlineTotal: money,
    approval: z.object({
      required: z.boolean(),
      reasons: z.array(z.string()),
      submittedBy: z.string().optional(),
      submittedAt: z.string().optional(),
      approvedBy: z.string().optional(),
      approvedAt: z.string().optional(),
      rejectedReason: z.string().optional(),
    }),
    sentAt: z.string().optional(),
    viewedAt: z.string().optional(),
    acceptedAt: z.string().optional(),
    declinedAt: z.string().optional(),
    declineReason: z.string().optional(),
    chosenTier: z.string().optional(),
    ownerId: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Quote' });
export type QuoteView = z.output<typeof quoteView>;

/** A sent revision in the version history. */
export const quoteRevisionView = z
  .object({
    revision: z.number(),
    sentAt: z.string(),
    sentBy: z.string(),
    title: z.string(),
    headlineTotal: money,
    hasPdf: z.boolean(),
  })
  .meta({ id: 'QuoteRevision' });

const lineChange = z.object({
  /** `lines` or the tier's name. */
  scope: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  description: z.string(),
  fields: z.array(z.object({ field: z.string(), from: z.unknown().optional(), to: z.unknown().optional() })),
});

export const quoteComparisonView = z
  .object({
    from: z.number(),
    to: z.number(),
    changes: z.array(lineChange),
    totals: z.array(z.object({ scope: z.string(), from: money.optional(), to: money.optional() })),
  })
  .meta({ id: 'QuoteComparison' });
export type QuoteComparisonView = z.output<typeof quoteComparisonView>;

/** A quote PDF: ready with a download link valid for minutes, or still being drawn (202: ask again). */
export const quotePdfView = z
  .object({ status: z.enum(['ready', 'rendering']), fileName: z.string(), url: z.string().optional() })
  .meta({ id: 'QuotePdf' });
export type QuotePdfView = z.output<typeof quotePdfView>;

/**
 * An AI draft, not saved: `quote` is a body for POST /v1/quotes (catalog lines priced by the
 * catalog when saved), `priced` its preview, and `lines` says where each line came from.
 */
export const quoteDraftView = z
  .object({
    quote: createQuoteSchema,
    priced: z.object({
      lines: z.array(pricedLineView).optional(),
      totals: quoteTotalsView.optional(),
      tiers: z.array(tierView.extend({ summary: z.string() })).optional(),
    }),
    lines: z.array(
      z.object({
        /** As in pricing errors: `lines.2`, `tiers.1.lines.0`. */
        path: z.string(),
        source: z.enum(['catalog', 'rate_card', 'custom']),
        rationale: z.string(),
        /** A custom line at zero: the seller must price it. */
        needsPrice: z.boolean(),
        /** Why a line the AI tied to the catalog is custom, e.g. a code the catalog lacks. */
        note: z.string().optional(),
      }),
    ),
    scope: z.string(),
    assumptions: z.array(z.string()),
    risks: z.array(z.object({ risk: z.string(), mitigation: z.string() })),
    ai: z.object({
      provider: z.string(),
      model: z.string(),
      cached: z.boolean(),
      costMicros: z.number(),
      durationMs: z.number(),
      prompt: z.object({ source: z.string(), version: z.number().nullable() }),
    }),
  })
  .meta({ id: 'QuoteDraft' });
export type QuoteDraftView = z.output<typeof quoteDraftView>;

const quote = idParams('quoteId');

/** Quotes: priced lines or Good/Better/Best tiers, approvals, revisions. */
export const quotesApi = defineContract('quotes', {
  list: {
    method: 'GET',
    path: '/v1/quotes',
    auth: 'tenant',
    roles: READ,
    summary: 'Quotes, newest first; one status (the approval inbox is `status=pending_approval`), a company or a deal',
    query: listQuotesSchema,
    response: page(quoteView),
  },
  create: {
    method: 'POST',
    path: '/v1/quotes',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Create a draft quote, numbered Q-<year>-0001 per workspace with no gap; lines priced from the catalog',
    body: createQuoteSchema,
    response: quoteView,
    status: 201,
  },
  draft: {
    method: 'POST',
    path: '/v1/quotes/draft',
    auth: 'tenant',
    roles: WRITE,
    summary:
      'AI draft of a quote from the customer’s requirements: lines from the catalog and day rates in one or three tiers, with scope, assumptions and risks; nothing is saved',
    body: draftQuoteSchema,
    response: quoteDraftView,
  },
  get: {
    method: 'GET',
    path: '/v1/quotes/{quoteId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One quote with its priced lines and totals',
    params: quote,
    response: quoteView,
  },
  update: {
    method: 'PATCH',
    path: '/v1/quotes/{quoteId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Change a quote not yet sent (re-priced); an edit withdraws a pending or given approval',
    params: quote,
    body: updateQuoteSchema,
    response: quoteView,
    versioned: true,
  },
  submit: {
    method: 'POST',
    path: '/v1/quotes/{quoteId}/submit',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Submit a draft: approved at once unless an approval rule needs an owner or admin',
    params: quote,
    body: quoteActionSchema,
    response: quoteView,
    versioned: true,
  },
  approve: {
    method: 'POST',
    path: '/v1/quotes/{quoteId}/approve',
    auth: 'tenant',
    roles: APPROVE,
    summary: 'Approve a quote waiting for approval (not one you submitted)',
    params: quote,
    body: quoteActionSchema,
    response: quoteView,
    versioned: true,
  },
  reject: {
    method: 'POST',
    path: '/v1/quotes/{quoteId}/reject',
    auth: 'tenant',
    roles: APPROVE,
    summary: 'Send a quote waiting for approval back to draft, with the reason',
    params: quote,
    body: rejectQuoteSchema,
    response: quoteView,
    versioned: true,
  },
  revise: {
    method: 'POST',
    path: '/v1/quotes/{quoteId}/revise',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Start the next revision of a sent, declined or expired quote as a draft (the sent one is kept)',
    params: quote,
    body: quoteActionSchema,
    response: quoteView,
    versioned: true,
  },
  send: {
    method: 'POST',
    path: '/v1/quotes/{quoteId}/send',
    auth: 'tenant',
    roles: WRITE,
    summary:
      'Email an approved quote (to its contact unless `to` says otherwise) with a link to accept it online; the revision sent is locked',
    params: quote,
    body: sendQuoteSchema,
    response: quoteView,
    versioned: true,
  },
  pdf: {
    method: 'POST',
    path: '/v1/quotes/{quoteId}/pdf',
    auth: 'tenant',
    roles: READ,
    summary:
      'A download link (valid for minutes) to the quote’s PDF: the sent revision, its signed copy once accepted, or a preview; 202 while it is drawn',
    params: quote,
    response: quotePdfView,
    alsoStatus: 202,
  },
  versions: {
    method: 'GET',
    path: '/v1/quotes/{quoteId}/versions',
    auth: 'tenant',
    roles: READ,
    summary: 'The revisions of a quote that were sent, oldest first',
    params: quote,
    response: z.object({ items: z.array(quoteRevisionView) }),
  },
  compare: {
    method: 'GET',
    path: '/v1/quotes/{quoteId}/compare',
    auth: 'tenant',
    roles: READ,
    summary: 'Two revisions line by line (the current revision may be one of them)',
    params: quote,
    query: compareQuoteSchema,
    response: quoteComparisonView,
  },
  forCompany: {
    method: 'GET',
    path: '/v1/companies/{companyId}/quotes',
    auth: 'tenant',
    roles: READ,
    summary: 'A company’s quotes, newest first',
    params: idParams('companyId'),
    query: listQuotesSchema.pick({ limit: true, cursor: true }),
    response: page(quoteView),
  },
});
