import type { Quote } from '../data/quote.js';
import type { QuoteStatus } from '../shared/enums.js';
import { ConflictError } from '../shared/errors.js';

/**
 * The quote lifecycle, in one place:
 *   draft → (submit) → pending_approval → (approve) → approved → (send) → sent → (opened) → viewed
 *   → accepted | declined
 * Submitting a quote no approval rule catches approves it at once. An approver may reject a
 * pending quote back to draft. Editing a pending or approved quote sends it back to draft (it
 * must be submitted, and approved, again). A sent revision is locked: `revise` starts the next
 * revision as a draft. A sent or viewed quote whose `validUntil` has passed reads as `expired`
 * and can no longer be accepted.
 */

/** Where content and fields may still change. */
export const EDITABLE: readonly QuoteStatus[] = ['draft', 'pending_approval', 'approved'];
/** Out with the customer: locked, and acceptable until it expires. */
export const OUT: readonly QuoteStatus[] = ['sent', 'viewed'];

/** The status as users see it: a sent quote past its validity date is expired. */
export function effectiveStatus(quote: Pick<Quote, 'status' | 'validUntil'>, today: string): QuoteStatus {
  if (OUT.includes(quote.status) && quote.validUntil && quote.validUntil < today) return 'expired';
  return quote.status;
}

/** Fails with 409 unless the quote is in one of `allowed`, saying what the user can do instead. */
export function assertStatus(
  quote: Pick<Quote, 'status' | 'validUntil'>,
  today: string,
  allowed: readonly QuoteStatus[],
  action: string,
): void {
  const status = effectiveStatus(quote, today);
  if (allowed.includes(status)) return;
  const why: Record<QuoteStatus, string> = {
    draft: 'it is a draft: submit it first',
    pending_approval: 'it is waiting for approval',
    approved: 'it is approved and not yet sent',
    sent: 'this revision was sent and is locked: revise it to make changes',
    viewed: 'this revision was sent and is locked: revise it to make changes',
    accepted: 'it was accepted',
    declined: 'it was declined: revise it to send a new offer',
    expired: 'it has expired: revise it to send a new offer',
  };
  throw new ConflictError(`Cannot ${action} this quote: ${why[status]}`);
}
