import { useState } from 'react';
import { APPROVE, quotesApi, type QuoteView } from '../../../../functions/quotes/contract';
import { rejectQuoteSchema } from '../../../../functions/quotes/schema';
import { errorMessage } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { useApiMutation } from '../../shared/query';
import { Alert, Button, Dialog, TextAreaField, useToast } from '../../shared/ui';
import { formatMoney } from '../deals/money';
import { useWorkspace } from '../workspace';
import { QuoteStatusBadge, REVISABLE } from './quote-status';

/** A reject with its reason, checked by the contract's schema. */
export function RejectDialog({ quote, open, onClose }: { quote: QuoteView; open: boolean; onClose: () => void }) {
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const reject = useApiMutation(
    quotesApi.reject,
    (r: string) => ({ params: { quoteId: quote.quoteId }, body: { reason: r }, version: quote.version }),
    { invalidates: [quotesApi] },
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = rejectQuoteSchema.safeParse({ reason });
    if (!parsed.success) return setError('Say why, so the seller can fix it');
    reject.mutate(parsed.data.reason, {
      onSuccess: () => {
        toast(`${quote.number} went back to draft`);
        onClose();
      },
      onError: (err) => setError(errorMessage(err)),
    });
  };
  return (
    <Dialog open={open} onClose={onClose} title={`Reject ${quote.number}`}>
      <form onSubmit={submit} className="stack" noValidate>
        <TextAreaField
          label="Reason"
          rows={3}
          value={reason}
          maxLength={1000}
          onChange={(e) => {
            setReason(e.target.value);
            setError(undefined);
          }}
          error={error}
          hint="The seller sees this on the quote."
        />
        <div className="form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" busy={reject.isPending}>
            Reject
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Approve and Reject for an approver; the reason it is not offered otherwise. */
export function ApprovalActions({ quote }: { quote: QuoteView }) {
  const { me } = useWorkspace();
  const toast = useToast();
  const [rejecting, setRejecting] = useState(false);
  const approve = useApiMutation(
    quotesApi.approve,
    (_: void) => ({ params: { quoteId: quote.quoteId }, version: quote.version }),
    { invalidates: [quotesApi] },
  );
  const isApprover = (APPROVE as readonly string[]).includes(me.role);
  const own = quote.approval.submittedBy === me.userId;
  if (!isApprover) return <p className="muted">An owner or admin approves it.</p>;
  if (own) return <p className="muted">You submitted it: another owner or admin approves it.</p>;
  return (
    <div className="status-actions">
      <Button
        variant="primary"
        busy={approve.isPending}
        aria-label={`Approve ${quote.number}`}
        onClick={() =>
          void approve.mutateAsync(undefined).then(
            () => toast(`${quote.number} is approved`),
            (e) => toast(`${quote.number} could not be approved: ${errorMessage(e)}`, 'error'),
          )
        }
      >
        Approve
      </Button>
      <Button variant="danger" aria-label={`Reject ${quote.number}`} onClick={() => setRejecting(true)}>
        Reject
      </Button>
      <RejectDialog quote={quote} open={rejecting} onClose={() => setRejecting(false)} />
    </div>
  );
}

/**
 * The quote's status, its approval, and the next step: Submit, Approve / Reject, Send, Revise.
 * Each step's message is shown from the mutation's promise, not `mutate`'s callbacks: the step
 * changes the quote's version, which remounts this bar before such callbacks would run.
 */
export function QuoteStatusBar({ quote, dirty }: { quote: QuoteView; dirty: boolean }) {
  const { canWrite } = useWorkspace();
  const toast = useToast();
  const input = (_: void) => ({ params: { quoteId: quote.quoteId }, version: quote.version });
  const submit = useApiMutation(quotesApi.submit, input, { invalidates: [quotesApi] });
  const revise = useApiMutation(quotesApi.revise, input, { invalidates: [quotesApi] });
  // Sends to the quote's contact; choosing recipients and a message is the send page's (not built here).
  const send = useApiMutation(
    quotesApi.send,
    (_: void) => ({ params: { quoteId: quote.quoteId }, body: {}, version: quote.version }),
    { invalidates: [quotesApi] },
  );
  const { approval } = quote;
  return (
    <section className="card card-pad quote-status-bar" aria-label="Status">
      <div className="status-line">
        <QuoteStatusBadge status={quote.status} />
        <span className="muted">
          {quote.number}
          {quote.revision > 1 ? ` · revision ${quote.revision}` : ''}
        </span>
      </div>
      {approval.rejectedReason && quote.status === 'draft' && (
        <Alert tone="warning">Rejected: {approval.rejectedReason}</Alert>
      )}
      {approval.reasons.length > 0 && ['pending_approval', 'approved'].includes(quote.status) && (
        <div className="approval-reasons">
          <strong>{quote.status === 'approved' ? 'Approved despite:' : 'Needs approval because:'}</strong>
          <ul>
            {approval.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {canWrite && quote.status === 'draft' && (
        <div className="status-actions">
          <Button
            variant="primary"
            disabled={dirty}
            busy={submit.isPending}
            onClick={() =>
              void submit.mutateAsync(undefined).then(
                (q) =>
                  toast(q.status === 'approved' ? `${q.number} is approved` : `${q.number} is waiting for approval`),
                (e) => toast(`${quote.number} could not be submitted: ${errorMessage(e)}`, 'error'),
              )
            }
          >
            Submit
          </Button>
          {dirty && <span className="muted">Save your changes first.</span>}
        </div>
      )}
      {quote.status === 'pending_approval' && <ApprovalActions quote={quote} />}
      {canWrite && quote.status === 'approved' && (
        <div className="status-actions">
          <Button
            variant="primary"
            disabled={dirty || !quote.contactId}
            busy={send.isPending}
            onClick={() =>
              void send.mutateAsync(undefined).then(
                (q) => toast(`${q.number} was sent`),
                (e) => toast(`${quote.number} could not be sent: ${errorMessage(e)}`, 'error'),
              )
            }
          >
            Send
          </Button>
          {!quote.contactId && <span className="muted">Choose a contact to send it to, and save.</span>}
          {quote.contactId && dirty && <span className="muted">Save your changes first.</span>}
        </div>
      )}
      {canWrite && REVISABLE.includes(quote.status) && (
        <div className="status-actions">
          <span className="muted">This revision was sent and is locked.</span>
          <Button
            busy={revise.isPending}
            onClick={() =>
              void revise.mutateAsync(undefined).then(
                (q) => toast(`Revision ${q.revision} of ${q.number} is a draft`),
                (e) => toast(`${quote.number} could not be revised: ${errorMessage(e)}`, 'error'),
              )
            }
          >
            Revise
          </Button>
        </div>
      )}
      <QuoteOutcome quote={quote} />
    </section>
  );
}

/** What the customer did with the sent revision: when they opened it, accepted it (which option, for how much) or declined it and why. */
export function QuoteOutcome({ quote }: { quote: QuoteView }) {
  if (quote.status === 'accepted')
    return (
      <div className="quote-outcome" data-testid="quote-outcome">
        <strong>Accepted: this revision is final.</strong>
        <dl>
          {quote.acceptedAt && (
            <>
              <dt>When</dt>
              <dd>{formatDateTime(quote.acceptedAt)}</dd>
            </>
          )}
          {quote.chosenTier && (
            <>
              <dt>Option</dt>
              <dd>{quote.chosenTier}</dd>
            </>
          )}
          <dt>Total</dt>
          <dd>{formatMoney(quote.headlineTotal)}</dd>
        </dl>
      </div>
    );
  if (quote.status === 'declined')
    return (
      <Alert tone="warning">
        Declined by the customer{quote.declinedAt ? ` on ${formatDateTime(quote.declinedAt)}` : ''}
        {quote.declineReason ? `: “${quote.declineReason}”` : ', without a reason.'}
      </Alert>
    );
  if (quote.status === 'viewed' && quote.viewedAt)
    return <p className="muted">The customer opened it {formatDateTime(quote.viewedAt)}.</p>;
  if (quote.status === 'sent' && quote.sentAt)
    return <p className="muted">Sent {formatDateTime(quote.sentAt)}: not opened yet.</p>;
  return null;
}
