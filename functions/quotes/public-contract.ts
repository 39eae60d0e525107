import * as z from 'zod';
import { defineContract, idParams, money } from '../shared/contract.js';
import { QUOTE_STATUSES } from '../shared/enums.js';
import { text } from '../shared/validation.js';
import { pricedLineView, quoteTotalsView } from './pricing-schema.js';

const PUBLIC_BECAUSE =
  'The customer a quote was emailed to has no account: the link carries an unguessable 256-bit token, kept only as its SHA-256, naming one revision of one quote until it expires; a wrong, foreign or expired token answers 404 and reveals nothing, and the adapter rate limits each caller.';

/** What the customer sees of a line: its figures, not how the seller priced it. */
const customerLine = pricedLineView.omit({ priceSource: true, priceRuleId: true, discountSource: true });
const tier = z.object({ name: z.string(), lines: z.array(customerLine), totals: quoteTotalsView });

/** A quote as its customer sees it on the public page: the revision they were sent. */
export const publicQuoteView = z
  .object({
    number: z.string(),
    revision: z.number(),
    title: z.string(),
    seller: z.object({ name: z.string(), accentColour: z.string() }),
    companyName: z.string(),
    contactName: z.string().optional(),
    currency: z.string(),
    validUntil: z.string().optional(),
    terms: z.string().optional(),
    notes: z.string().optional(),
    status: z.enum(QUOTE_STATUSES),
    lines: z.array(customerLine).optional(),
    totals: quoteTotalsView.optional(),
    tiers: z.array(tier).optional(),
    /** The PDF of this revision (valid for minutes), once drawn. */
    pdfUrl: z.string().optional(),
    acceptedAt: z.string().optional(),
    acceptedBy: z.string().optional(),
    chosenTier: z.string().optional(),
    acceptedTotal: money.optional(),
    declinedAt: z.string().optional(),
  })
  .meta({ id: 'PublicQuote' });
export type PublicQuoteView = z.output<typeof publicQuoteView>;

/** A drawn signature: a PNG as base64 (what a canvas gives), at most about 200 KB. */
const drawn = z.strictObject({
  kind: z.literal('drawn'),
  pngBase64: z
    .string()
    .max(280_000, 'The signature image is too large')
    .regex(/^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/, 'Not a PNG image'),
});
const typed = z.strictObject({ kind: z.literal('typed'), text: text(200) });

/** `POST /v1/public/quotes/{token}/accept`. */
export const acceptQuoteSchema = z.strictObject({
  name: text(200),
  signature: z.discriminatedUnion('kind', [typed, drawn], { error: 'Type or draw a signature' }),
  /** The tier accepted (required when the quote has tiers). */
  tierName: z.string().max(60).optional(),
  /** The optional lines taken (their lineIds); others stay out. */
  optionalLineIds: z.array(z.string().max(128)).max(500).default([]),
});
export type AcceptQuoteInput = z.infer<typeof acceptQuoteSchema>;

export const declineQuoteSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() });

const token = idParams('token');
const limit = { requests: 60, windowSeconds: 60 };

/** The customer's page: read a quote, accept it or decline it. */
export const publicQuotesApi = defineContract('quotePublic', {
  get: {
    method: 'GET',
    path: '/v1/public/quotes/{token}',
    auth: 'public',
    publicBecause: PUBLIC_BECAUSE,
    summary: 'The quote a link opens (the first opening marks it viewed)',
    params: token,
    response: publicQuoteView,
    rateLimit: limit,
  },
  accept: {
    method: 'POST',
    path: '/v1/public/quotes/{token}/accept',
    auth: 'public',
    publicBecause: PUBLIC_BECAUSE,
    summary:
      'Accept the quote with a typed name and signature (a tier and optional lines picked): 409 once accepted or declined, 410 once expired',
    params: token,
    body: acceptQuoteSchema,
    response: publicQuoteView,
    rateLimit: limit,
  },
  decline: {
    method: 'POST',
    path: '/v1/public/quotes/{token}/decline',
    auth: 'public',
    publicBecause: PUBLIC_BECAUSE,
    summary: 'Decline the quote, optionally saying why: 409 once accepted or declined, 410 once expired',
    params: token,
    body: declineQuoteSchema,
    response: publicQuoteView,
    rateLimit: limit,
  },
});
