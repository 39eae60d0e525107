import type { ReactNode } from 'react';
import { Badge } from '../../shared/ui';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** A list of findings ({title|name|action|label, detail|reason, evidence}). */
function Findings({ title, items }: { title: string; items: Record<string, unknown>[] }) {
  if (items.length === 0) return null;
  return (
    <section className="output-section">
      <h4 className="output-heading">{title}</h4>
      <ul className="output-list">
        {items.map((item, i) => (
          <li key={i}>
            <strong>{str(item.title ?? item.name ?? item.action ?? item.label ?? item.description)}</strong>
            {(item.detail ?? item.reason ?? item.rationale) !== undefined && (
              <> — {str(item.detail ?? item.reason ?? item.rationale)}</>
            )}
            {item.assessment !== undefined && (
              <>
                {' '}
                <Badge
                  tone={item.assessment === 'good' ? 'success' : item.assessment === 'concern' ? 'danger' : 'warning'}
                >
                  {str(item.assessment)}
                </Badge>
              </>
            )}
            {item.evidence !== undefined && <span className="output-evidence">Evidence: {str(item.evidence)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Score({ title, score }: { title: string; score: unknown }) {
  if (!isRecord(score)) return null;
  return (
    <section className="output-section">
      <h4 className="output-heading">
        {title}: {str(score.score)}/100
      </h4>
      <ul className="output-list">
        {list(score.factors).map((f, i) => {
          const impact = Number(f.impact);
          return (
            <li key={i}>
              <strong className={impact >= 0 ? 'output-impact-up' : 'output-impact-down'}>
                {impact >= 0 ? '+' : '−'}
                {Math.abs(impact)}
              </strong>{' '}
              {str(f.label)}
              <span className="output-evidence">Evidence: {str(f.evidence)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The answer, laid out for the categories' known shapes (the raw JSON is always one click away). */
export function OutputView({ category, output }: { category: string; output: unknown }) {
  if (!isRecord(output)) return null;
  const o = output;
  let body: ReactNode = null;
  if (category === 'company_analysis') {
    body = (
      <>
        <p>{str(o.summary)}</p>
        <Findings title="Opportunities" items={list(o.opportunities)} />
        <Findings title="Risks" items={list(o.risks)} />
        <Findings title="Competitors" items={list(o.competitors)} />
        <Findings title="Next actions" items={list(o.nextActions)} />
      </>
    );
  } else if (category === 'lead_scoring') {
    body = (
      <>
        <Score title="Lead score" score={o.leadScore} />
        <Score title="Health score" score={o.healthScore} />
      </>
    );
  } else if (category === 'competitor_analysis') {
    body = (
      <>
        <Findings title="Competitors" items={list(o.competitors)} />
        {o.positioning !== undefined && (
          <section className="output-section">
            <h4 className="output-heading">Positioning</h4>
            <p>{str(o.positioning)}</p>
          </section>
        )}
      </>
    );
  } else if (category === 'financial_analysis') {
    body = (
      <>
        <p>{str(o.summary)}</p>
        <Findings title="Indicators" items={list(o.indicators)} />
      </>
    );
  } else if (category === 'quote_draft') {
    // The raw answer names products and roles only: prices come from the catalog when a quote is drafted.
    const kinds: Record<string, string> = { product: 'Catalog', day_rate: 'Day rate', custom: 'Custom, to price' };
    body = (
      <>
        <h4 className="output-heading">{str(o.title)}</h4>
        <p>{str(o.scope)}</p>
        {list(o.tiers).map((tier, t) => (
          <section className="output-section" key={t}>
            <h4 className="output-heading">
              {str(tier.name)} <span className="output-evidence">{str(tier.summary)}</span>
            </h4>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="sr-only">{str(tier.name)} lines</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">From</th>
                    <th scope="col" className="num">
                      Qty
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list(tier.lines).map((l, i) => (
                    <tr key={i}>
                      <td>
                        {str(l.description)}
                        <span className="output-evidence">{str(l.rationale)}</span>
                      </td>
                      <td>
                        {kinds[str(l.kind)] ?? str(l.kind)}
                        {str(l.reference) && <span className="output-evidence">{str(l.reference)}</span>}
                      </td>
                      <td className="num">{str(l.quantity)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
        <section className="output-section">
          <h4 className="output-heading">Assumptions to confirm</h4>
          <ul>
            {(Array.isArray(o.assumptions) ? o.assumptions : []).map((a, i) => (
              <li key={i}>{str(a)}</li>
            ))}
          </ul>
        </section>
        {list(o.risks).length > 0 && (
          <section className="output-section">
            <h4 className="output-heading">Risks</h4>
            <ul>
              {list(o.risks).map((r, i) => (
                <li key={i}>
                  {str(r.risk)} <span className="output-evidence">{str(r.mitigation)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </>
    );
  } else if (category === 'email_copy') {
    body = (
      <>
        <p>
          <strong>Subject:</strong> {str(o.subject)}
        </p>
        <div className="email-body">{str(o.body)}</div>
        <section className="output-section">
          <h4 className="output-heading">Why this angle</h4>
          <p>{str(o.rationale)}</p>
        </section>
      </>
    );
  }
  return body ? <div className="output-view">{body}</div> : null;
}
