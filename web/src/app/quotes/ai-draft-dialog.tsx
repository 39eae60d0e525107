import { useEffect, useRef, useState } from 'react';
import { quotesApi, type QuoteDraftView } from '../../../../functions/quotes/contract';
import { draftQuoteSchema } from '../../../../functions/quotes/schema';
import { errorMessage } from '../../shared/api';
import { useApiMutation } from '../../shared/query';
import { Alert, Badge, Button, Dialog, Spinner, TextAreaField } from '../../shared/ui';
import { formatMoney } from '../deals/money';
import { scopePath } from './lines';

type Tiers = 'auto' | '1' | '3';

const SOURCES = {
  catalog: { label: 'Catalog', tone: 'neutral' },
  rate_card: { label: 'Day rate', tone: 'info' },
  custom: { label: 'Price needed', tone: 'warning' },
} as const;

/**
 * "Draft with AI": the customer's requirements in, a draft from the workspace's catalog and day
 * rates out, previewed with its totals. Nothing is saved: "Use this draft" fills the builder,
 * and the seller creates the quote from there.
 */
export function AiDraftDialog({
  open,
  companyId,
  companyName,
  onClose,
  onUse,
}: {
  open: boolean;
  companyId: string;
  companyName: string | undefined;
  onClose: () => void;
  onUse: (draft: QuoteDraftView) => void;
}) {
  const [requirements, setRequirements] = useState('');
  const [tiers, setTiers] = useState<Tiers>('3');
  const [error, setError] = useState<string | null>(null);
  const draft = useApiMutation(quotesApi.draft, (body: { companyId: string; requirements: string; tiers?: 1 | 3 }) => ({
    body,
  }));

  const close = () => {
    // A draft for this company must not greet the next opening (perhaps for another company).
    draft.reset();
    onClose();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = { companyId, requirements, ...(tiers === 'auto' ? {} : { tiers: Number(tiers) as 1 | 3 }) };
    const parsed = draftQuoteSchema.safeParse(body);
    if (!parsed.success) {
      setError(parsed.error.issues.find((i) => i.path[0] === 'requirements')?.message ?? 'Check the requirements');
      return;
    }
    setError(null);
    draft.reset();
    draft.mutate(parsed.data);
  };
  const result = draft.data;

  return (
    <Dialog open={open} onClose={close} title="Draft a quote with AI" size="lg" className="ai-draft">
      {!result ? (
        <form onSubmit={submit} noValidate className="stack">
          <p className="muted">
            Describe what {companyName ?? 'the customer'} asked for. The draft uses your catalog and day rates; anything
            the catalog lacks comes back as a line for you to price. Nothing is saved until you create the quote.
          </p>
          <TextAreaField
            label="Requirements"
            rows={5}
            maxLength={4000}
            value={requirements}
            onChange={(e) => setRequirements(e.target.value)}
            error={error ?? undefined}
            placeholder="e.g. New office for 30 staff: 25 laptops, Wi-Fi, a firewall, Microsoft 365 and structured cabling"
            data-autofocus
          />
          <fieldset className="chips">
            <legend className="field-label">Offer</legend>
            {(
              [
                ['3', 'Good / Better / Best'],
                ['1', 'One option'],
                ['auto', 'Let the AI decide'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="chip">
                <input
                  type="radio"
                  name="tiers"
                  value={value}
                  checked={tiers === value}
                  onChange={() => setTiers(value)}
                />{' '}
                {label}
              </label>
            ))}
          </fieldset>
          {draft.isError && <Alert tone="error">{errorMessage(draft.error)}</Alert>}
          {/* Always mounted, so screen readers announce the text when it appears. */}
          <p className="ai-draft-progress" role="status">
            {draft.isPending && (
              <>
                <Spinner size="sm" /> Drafting from your catalog… this can take up to 30 seconds.
              </>
            )}
          </p>
          <div className="dialog-actions">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" busy={draft.isPending}>
              Draft quote
            </Button>
          </div>
        </form>
      ) : (
        <DraftPreview
          draft={result}
          onBack={() => draft.reset()}
          onUse={() => {
            onUse(result);
            draft.reset();
          }}
        />
      )}
    </Dialog>
  );
}

function DraftPreview({ draft, onBack, onUse }: { draft: QuoteDraftView; onBack: () => void; onUse: () => void }) {
  const notes = new Map(draft.lines.map((l) => [l.path, l]));
  const tiered = Boolean(draft.priced.tiers);
  const scopes = (
    draft.priced.tiers ?? [
      { name: 'Proposal', summary: '', lines: draft.priced.lines ?? [], totals: draft.priced.totals! },
    ]
  ).map((t, i) => ({ ...t, path: scopePath(tiered, i) }));
  const heading = useRef<HTMLHeadingElement>(null);
  // The form (and the focused button) gave way to the preview: focus its heading.
  useEffect(() => heading.current?.focus(), []);
  // A custom line repeated in every tier is one thing to price.
  const toPrice = [
    ...new Set(
      scopes.flatMap((scope) =>
        scope.lines.filter((_, j) => notes.get(`${scope.path}.${j}`)?.needsPrice).map((l) => l.description),
      ),
    ),
  ];
  return (
    <div className="stack">
      <div>
        <h3 className="section-title" ref={heading} tabIndex={-1}>
          {draft.quote.title}
        </h3>
        <p>{draft.scope}</p>
      </div>
      {toPrice.length > 0 && (
        <Alert tone="warning" title="To price">
          Not in your catalog, so priced at zero: {toPrice.join('; ')}. Set the price in the builder before sending.
        </Alert>
      )}
      <div className={scopes.length > 1 ? 'tier-columns' : undefined}>
        {scopes.map((scope) => (
          <section key={scope.path} className="card card-pad tier" aria-label={`Draft: ${scope.name}`}>
            <h4 className="tier-name">{scope.name}</h4>
            {scope.summary && <p className="muted">{scope.summary}</p>}
            <ul className="ai-draft-lines">
              {scope.lines.map((line, j) => {
                const note = notes.get(`${scope.path}.${j}`);
                const source = SOURCES[note?.source ?? 'catalog'];
                return (
                  <li key={j}>
                    <div className="ai-draft-line">
                      <span>
                        {line.description} <span className="muted">× {line.quantity}</span>
                      </span>
                      <strong>{formatMoney(line.net)}</strong>
                    </div>
                    <div className="ai-draft-why">
                      <Badge tone={source.tone}>{source.label}</Badge> {note?.note ?? note?.rationale}
                    </div>
                  </li>
                );
              })}
            </ul>
            <p className="ai-draft-total">
              Total <strong>{formatMoney(scope.totals.total)}</strong>{' '}
              <span className="muted">incl. {formatMoney(scope.totals.tax)} tax</span>
            </p>
          </section>
        ))}
      </div>
      <section>
        <h4 className="output-heading">Assumptions to confirm</h4>
        <ul>
          {draft.assumptions.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      </section>
      {draft.risks.length > 0 && (
        <section>
          <h4 className="output-heading">Risks</h4>
          <ul>
            {draft.risks.map((r, i) => (
              <li key={i}>
                {r.risk}. <span className="muted">{r.mitigation}.</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="muted small">
        Drafted by {draft.ai.provider === 'offline' ? 'the offline rules' : draft.ai.model} in{' '}
        {(draft.ai.durationMs / 1000).toFixed(1)} s{draft.ai.cached ? ' (from the cache)' : ''}.
      </p>
      <div className="dialog-actions">
        <Button onClick={onBack}>Change the requirements</Button>
        <Button variant="primary" onClick={onUse}>
          Use this draft
        </Button>
      </div>
    </div>
  );
}
