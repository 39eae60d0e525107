import * as z from 'zod';
import { calendarDate } from '../deals/schema.js';
import { pathId } from '../shared/contract.js';
import { QUOTE_STATUSES } from '../shared/enums.js';
import { currencyCode } from '../shared/money.js';
import { optionalText, pageQuery, text } from '../shared/validation.js';
import { checkQuoteContent, quoteLineInput, quoteTierInput } from './pricing-schema.js';

const version = z.number().int().positive();
const lines = z.array(quoteLineInput);
const tiers = z.array(quoteTierInput).min(1, 'Add at least one tier');

/**
 * `POST /v1/quotes`: for a company of this workspace (and, optionally, one of its deals and one
 * of its contacts). Lines or tiers (Good/Better/Best), not both; neither is an empty draft.
 */
export const createQuoteSchema = z
  .strictObject({
    companyId: pathId,
    dealId: pathId.optional(),
    contactId: pathId.optional(),
    title: text(200),
    currency: currencyCode,
    validUntil: calendarDate.optional(),
    terms: optionalText(5000),
    notes: optionalText(5000),
    lines: lines.optional(),
    tiers: tiers.optional(),
  })
  .superRefine(checkQuoteContent);
export type CreateQuoteInput = z.infer<typeof createQuoteSchema>;

/**
 * `PATCH /v1/quotes/{id}`: any subset; `null` clears an optional field. `lines` replaces the
 * content with an untiered quote, `tiers` with a tiered one. Only drafts, and quotes waiting for
 * or holding an approval (which the edit withdraws), can change.
 */
export const updateQuoteSchema = z
  .strictObject({
    dealId: pathId.nullable(),
    contactId: pathId.nullable(),
    title: text(200),
    currency: currencyCode,
    validUntil: calendarDate.nullable(),
    terms: optionalText(5000).nullable(),
    notes: optionalText(5000).nullable(),
    lines,
    tiers,
    version,
  })
  .partial()
  .superRefine(checkQuoteContent);
export type UpdateQuoteInput = z.infer<typeof updateQuoteSchema>;

/** `GET /v1/quotes`: newest first; `status` (one chip) and `companyId` / `dealId` narrow it. */
export const listQuotesSchema = z.strictObject({
  ...pageQuery,
  status: z.enum(QUOTE_STATUSES).optional(),
  companyId: pathId.optional(),
  dealId: pathId.optional(),
});
export type ListQuotesQuery = z.infer<typeof listQuotesSchema>;

/** The body of a quote action (submit, approve, revise): nothing, or the version it is based on (else If-Match). */
export const quoteActionSchema = z.strictObject({ version: version.optional() }).optional();

/** `POST /v1/quotes/{id}/reject`: why the approver sends it back. */
export const rejectQuoteSchema = z.strictObject({ reason: text(1000), version: version.optional() });

/**
 * `GET /v1/quotes/{id}/compare?from=&to=`: two revisions (the current one is its own number);
 * `to` defaults to the current revision, `from` to the one before it.
 */
export const compareQuoteSchema = z.strictObject({
  from: z.coerce.number().int().min(1).optional(),
  to: z.coerce.number().int().min(1).optional(),
});

const emailAddress = z.string().trim().pipe(z.email('Enter a valid email address')).pipe(z.string().max(254));

/** `POST /v1/quotes/{id}/send`: to whom (default: the quote's contact) and a note above the link. */
export const sendQuoteSchema = z.strictObject({
  to: z.array(emailAddress).min(1, 'Add a recipient').max(5, 'At most 5 recipients').optional(),
  message: optionalText(2000),
  version: version.optional(),
});
export type SendQuoteInput = z.infer<typeof sendQuoteSchema>;

/**
 * `POST /v1/quotes/draft`: what the customer asked for, in their words, and (optionally) whether
 * to offer one option or Good/Better/Best; without `tiers` the model decides.
 */
export const draftQuoteSchema = z.strictObject({
  companyId: pathId,
  requirements: text(4000),
  tiers: z.union([z.literal(1), z.literal(3)], { error: 'Choose 1 (one option) or 3 (Good, Better, Best)' }).optional(),
});
export type DraftQuoteInput = z.infer<typeof draftQuoteSchema>;
