import type { PromptTestResult } from '../../../../functions/prompts/contract';
import { formatCostMicros, formatCount, formatDuration, providerLabel } from '../../shared/prompts';
import { Badge } from '../../shared/ui';
import { OutputView } from './output-view';

/** One test run's answer: provider, tokens, cost and time, the output laid out, and what the model was given. */
export function TestResult({
  category,
  result,
  ran,
  stale,
}: {
  category: string;
  result: PromptTestResult;
  /** What was run: against which company, and whether with unsaved edits. */
  ran: { company: string; edits: boolean };
  /** Another run is under way. */
  stale: boolean;
}) {
  return (
    <div className={stale ? 'test-result-stale stack' : 'stack'}>
      <dl className="run-stats">
        <div>
          <dt>Provider</dt>
          <dd>
            {providerLabel(result.provider)}
            {result.cached && (
              <>
                {' '}
                <Badge tone="info">From cache</Badge>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>
            <code>{result.model}</code>
          </dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>
            {formatCount(result.usage.inputTokens)} in · {formatCount(result.usage.outputTokens)} out
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{formatCostMicros(result.costMicros)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(result.durationMs)}</dd>
        </div>
      </dl>
      <p className="muted test-ran">
        {ran.edits ? 'Ran your unsaved edits' : `Ran version ${result.prompt.version}`} against {ran.company}
        {result.provider === 'offline'
          ? '. Offline analysis applies built-in rules to the company’s data: the templates are rendered and checked, but no model reads them.'
          : '.'}
      </p>
      <OutputView category={category} output={result.output} />
      <details className="disclosure">
        <summary>Output as JSON</summary>
        <pre className="prompt-pre">{JSON.stringify(result.output, null, 2)}</pre>
      </details>
      <details className="disclosure">
        <summary>Rendered instructions (system)</summary>
        <pre className="prompt-pre">{result.rendered.instructions}</pre>
      </details>
      <details className="disclosure">
        <summary>Rendered input (user)</summary>
        <pre className="prompt-pre">{result.rendered.input}</pre>
      </details>
    </div>
  );
}
