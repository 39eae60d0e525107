import { useId, useState } from 'react';
import type { AcceptQuoteInput } from '../../../functions/quotes/public-contract';
import { pngBase64Of, SignaturePad } from './signature-pad';

type Signature = AcceptQuoteInput['signature'];

export interface AcceptFormProps {
  /** "Q-2026-0001, Better, for £288.00": what the consent sentence names. */
  summary: string;
  sellerName: string;
  busy: boolean;
  /** Field errors from the page's checks or the API, by path (`name`, `signature`). */
  errors: Record<string, string>;
  onAccept: (name: string, signature: Signature | undefined) => void;
  /** The customer changed a field: its error is out of date. */
  onEdit: (path: 'name' | 'signature') => void;
}

/** Full name, a typed or drawn signature, the consent sentence and Accept. */
export function AcceptForm({ summary, sellerName, busy, errors, onAccept, onEdit }: AcceptFormProps) {
  const ids = useId();
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'typed' | 'drawn'>('typed');
  const [typed, setTyped] = useState('');
  const [canvas, setCanvas] = useState<HTMLCanvasElement | undefined>();
  const signature = (): Signature | undefined => {
    if (mode === 'typed') return typed.trim() ? { kind: 'typed', text: typed.trim() } : undefined;
    return canvas ? { kind: 'drawn', pngBase64: pngBase64Of(canvas) } : undefined;
  };
  const sigError = errors['signature'] ?? errors['signature.text'] ?? errors['signature.pngBase64'];
  return (
    <form
      className="qp-form"
      aria-labelledby={`${ids}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) onAccept(name.trim(), signature());
      }}
    >
      <h2 id={`${ids}-title`}>Accept this quote</h2>
      <div className="qp-field">
        <label htmlFor={`${ids}-name`}>Your full name</label>
        <input
          id={`${ids}-name`}
          autoComplete="name"
          value={name}
          maxLength={200}
          onChange={(e) => {
            setName(e.target.value);
            onEdit('name');
          }}
          aria-invalid={errors['name'] ? true : undefined}
          aria-describedby={errors['name'] ? `${ids}-name-error` : undefined}
        />
        {errors['name'] && (
          <p className="qp-field-error" id={`${ids}-name-error`}>
            {errors['name']}
          </p>
        )}
      </div>
      <fieldset className="qp-field qp-sign">
        <legend>Signature</legend>
        <div className="qp-switch">
          {(['typed', 'drawn'] as const).map((m) => (
            <label key={m} className={mode === m ? 'qp-switch-on' : undefined}>
              <input type="radio" name={`${ids}-mode`} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'typed' ? 'Type it' : 'Draw it'}
            </label>
          ))}
        </div>
        {mode === 'typed' ? (
          <div className="qp-field">
            <label htmlFor={`${ids}-typed`}>Type your signature</label>
            <input
              id={`${ids}-typed`}
              className="qp-typed-signature"
              value={typed}
              maxLength={200}
              onChange={(e) => {
                setTyped(e.target.value);
                onEdit('signature');
              }}
              aria-invalid={sigError ? true : undefined}
              aria-describedby={sigError ? `${ids}-sig-error` : undefined}
            />
          </div>
        ) : (
          <SignaturePad
            onChange={(c) => {
              setCanvas(c);
              onEdit('signature');
            }}
            describedBy={sigError ? `${ids}-sig-error` : undefined}
          />
        )}
        {sigError && (
          <p className="qp-field-error" id={`${ids}-sig-error`}>
            {sigError}
          </p>
        )}
      </fieldset>
      <p className="qp-consent" id={`${ids}-consent`}>
        By selecting Accept, I agree to quote {summary} and its terms, and I confirm that the name and signature above
        are my electronic signature, binding me as a handwritten one would. {sellerName} will be told and sent a signed
        copy.
      </p>
      <button type="submit" className="qp-button qp-button-primary" aria-describedby={`${ids}-consent`} disabled={busy}>
        {busy ? 'Accepting…' : 'Accept quote'}
      </button>
    </form>
  );
}

/** Decline, with an optional reason, behind a confirm step. */
export function DeclineForm({ busy, onDecline }: { busy: boolean; onDecline: (reason: string) => void }) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <div className="qp-decline">
        <button type="button" className="qp-button qp-button-quiet" onClick={() => setOpen(true)}>
          Decline this quote
        </button>
      </div>
    );
  return (
    <form
      className="qp-form qp-decline"
      aria-labelledby={`${ids}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) onDecline(reason);
      }}
    >
      <h2 id={`${ids}-title`}>Decline this quote?</h2>
      <div className="qp-field">
        <label htmlFor={`${ids}-reason`}>Reason (optional)</label>
        <textarea
          id={`${ids}-reason`}
          rows={3}
          maxLength={1000}
          value={reason}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="qp-actions">
        <button type="submit" className="qp-button qp-button-danger" disabled={busy}>
          {busy ? 'Declining…' : 'Confirm decline'}
        </button>
        <button type="button" className="qp-button qp-button-quiet" onClick={() => setOpen(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
