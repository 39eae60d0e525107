import { useId, type ReactNode, type Ref } from 'react';
import type { AnalysisRunSummary } from '../../../../functions/analysis/contract';
import { formatDateTime } from '../../shared/format';
import { Badge } from '../../shared/ui';
import { TimeAgo } from '../time-ago';
import { formatCost, promptSource, type PromptUsed } from './model';
import { ActionTaskButton } from './action-task-button';
import { ProviderBadge } from './provider-badge';
import { ScoreCard } from './score-card';

/** Who ran it, when, with what, and at what cost. */
export function RunMeta({ run }: { run: AnalysisRunSummary }) {
  const when = run.finishedAt ?? run.createdAt;
  const prompts: [string, PromptUsed][] = [];
  if (run.prompts?.analysis) prompts.push(['Analysis prompt', run.prompts.analysis]);
  if (run.prompts?.scoring) prompts.push(['Scoring prompt', run.prompts.scoring]);
  return (
    <div className="run-meta">
      <div className="run-meta-line">
        <ProviderBadge run={run} />
        {run.cached && (
          <Badge tone="info">
            <span title="The same facts and prompts were analysed before, so the saved answer was reused at no cost">
              From cache
            </span>
          </Badge>
        )}
        {(run.costMicros ?? 0) > 0 && (
          <span className="run-meta-item">
            Cost <strong>{formatCost(run.costMicros!)}</strong>
            {run.inputTokens || run.outputTokens ? (
              <span className="muted">
                {' '}
                ({(run.inputTokens ?? 0).toLocaleString()} in / {(run.outputTokens ?? 0).toLocaleString()} out tokens)
              </span>
            ) : null}
          </span>
        )}
        <span className="run-meta-item muted">
          {run.trigger === 'bulk' ? 'Bulk analysis' : 'Run'} by {run.requestedByName}, <TimeAgo iso={when} />
        </span>
      </div>
      {prompts.length > 0 && (
        <ul className="run-prompts" aria-label="Prompts used">
          {prompts.map(([label, p]) => (
            <li key={label}>
              <span className="muted">{label}:</span> {p.name} <span className="prompt-source">{promptSource(p)}</span>
              {/* An offline run used the prompt's text, never its model: naming the model would say otherwise. */}
              {run.provider === 'offline' ? (
                <span className="muted"> · Offline analysis</span>
              ) : (
                p.model && <span className="muted"> · {p.model}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Evidence({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="evidence">
      <span className="evidence-label">Based on:</span> {children}
    </p>
  );
}

function Insights<T>({
  title,
  items,
  empty,
  render,
}: {
  title: string;
  items: T[] | undefined;
  empty: string;
  render: (item: T) => ReactNode;
}) {
  const list = items ?? [];
  const titleId = useId();
  return (
    <section className="card card-pad insights" aria-labelledby={titleId}>
      <h3 id={titleId} className="insights-title">
        {title}
        <span className="insights-count" aria-hidden="true">
          {list.length}
        </span>
        <span className="sr-only"> ({list.length})</span>
      </h3>
      {list.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="insight-list">
          {list.map((item, i) => (
            <li key={i} className="insight">
              {render(item)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A finished run: both scores with their factors, the summary, and the lists, each item with its evidence. */
export function RunResult({
  run,
  heading,
  ref,
}: {
  run: AnalysisRunSummary;
  heading?: string;
  ref?: Ref<HTMLHeadingElement>;
}) {
  const when = run.finishedAt ?? run.createdAt;
  return (
    <article className="run-result" aria-labelledby={`run-${run.runId}-title`}>
      <div className="run-result-head">
        <h3 ref={ref} id={`run-${run.runId}-title`} className="section-title" tabIndex={-1} data-run-focus>
          {heading ?? 'Analysis'} <span className="muted run-result-date">of {formatDateTime(when)}</span>
        </h3>
        <RunMeta run={run} />
      </div>
      {run.scores && (
        <div className="score-grid">
          <ScoreCard title="Lead score" hint="How likely they are to buy" result={run.scores.leadScore} />
          <ScoreCard title="Health score" hint="How healthy the relationship is" result={run.scores.healthScore} />
        </div>
      )}
      {run.analysis && (
        <>
          <section className="card card-pad summary" aria-labelledby={`run-${run.runId}-summary`}>
            <h3 id={`run-${run.runId}-summary`} className="insights-title">
              Summary
            </h3>
            <p className="summary-text">{run.analysis.summary}</p>
          </section>
          <div className="insight-grid">
            <Insights
              title="Opportunities"
              items={run.analysis.opportunities}
              empty="No opportunities stood out in your data."
              render={(o) => (
                <>
                  <p className="insight-title">{o.title}</p>
                  {o.detail && <p>{o.detail}</p>}
                  <Evidence>{o.evidence}</Evidence>
                </>
              )}
            />
            <Insights
              title="Risks"
              items={run.analysis.risks}
              empty="No risks stood out in your data."
              render={(r) => (
                <>
                  <p className="insight-title">{r.title}</p>
                  {r.detail && <p>{r.detail}</p>}
                  <Evidence>{r.evidence}</Evidence>
                </>
              )}
            />
            <Insights
              title="Competitors"
              items={run.analysis.competitors}
              empty="No competitors are mentioned in your data."
              render={(c) => (
                <>
                  <p className="insight-title">{c.name}</p>
                  {c.detail && <p>{c.detail}</p>}
                  <Evidence>{c.evidence}</Evidence>
                </>
              )}
            />
            <Insights
              title="Recommended next actions"
              items={run.analysis.nextActions}
              empty="No actions to suggest right now."
              render={(a) => (
                <>
                  <p className="insight-title">{a.action}</p>
                  {a.reason && <p>{a.reason}</p>}
                  <Evidence>{a.evidence}</Evidence>
                  <ActionTaskButton
                    companyId={run.companyId}
                    runId={run.runId}
                    actionIndex={run.analysis!.nextActions.indexOf(a)}
                    action={a}
                  />
                </>
              )}
            />
          </div>
        </>
      )}
    </article>
  );
}
