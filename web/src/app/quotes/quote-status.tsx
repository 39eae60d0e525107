import type { QuoteView } from '../../../../functions/quotes/contract';
import type { QuoteStatus } from '../../../../functions/shared/enums';
import { Badge, type BadgeTone } from '../../shared/ui';

export const STATUS_LABELS: Record<QuoteStatus, string> = {
  draft: 'Draft',
  pending_approval: 'Waiting for approval',
  approved: 'Approved',
  sent: 'Sent',
  viewed: 'Viewed',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
};

const TONES: Record<QuoteStatus, BadgeTone> = {
  draft: 'neutral',
  pending_approval: 'warning',
  approved: 'info',
  sent: 'accent',
  viewed: 'accent',
  accepted: 'success',
  declined: 'danger',
  expired: 'neutral',
};

/** Out with the customer or closed: this revision can no longer change (lifecycle.ts). */
export const LOCKED: readonly QuoteStatus[] = ['sent', 'viewed', 'accepted', 'declined', 'expired'];
/** What `revise` starts a new revision from. */
export const REVISABLE: readonly QuoteStatus[] = ['sent', 'viewed', 'declined', 'expired'];

export const isLocked = (q: Pick<QuoteView, 'status'>): boolean => LOCKED.includes(q.status);

export function QuoteStatusBadge({ status }: { status: QuoteStatus }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
