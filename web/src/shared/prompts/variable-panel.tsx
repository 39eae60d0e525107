import { useId } from 'react';
import type { PromptCategoryView } from '../../../../functions/prompts/contract';

/** The category's variables; in the editor each one inserts `{{name}}` at the cursor. */
export function VariablePanel({
  variables,
  used,
  target,
  onInsert,
}: {
  variables: PromptCategoryView['variables'];
  used: Set<string>;
  /** Which template an insert goes into (the one last focused). */
  target?: string;
  onInsert?: (name: string) => void;
}) {
  const id = useId();
  return (
    <aside className="card var-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Variables
      </h2>
      <p className="var-panel-intro">
        {onInsert ? (
          <>
            Click one to insert it at the cursor in the <strong>{target}</strong>. Only these can be used.
          </>
        ) : (
          'The templates can use these, and only these.'
        )}
      </p>
      <ul className="var-list">
        {variables.map((v) => (
          <li key={v.name} className="var-item">
            {onInsert ? (
              <button
                type="button"
                className="var-insert"
                onClick={() => onInsert(v.name)}
                aria-describedby={`${id}-${v.name}`}
              >
                <span className="sr-only">Insert </span>
                {`{{${v.name}}}`}
              </button>
            ) : (
              <code className="var-name">{`{{${v.name}}}`}</code>
            )}
            {used.has(v.name) && (
              <span className="var-used">
                <span aria-hidden="true">✓</span> used
              </span>
            )}
            <span id={`${id}-${v.name}`} className="var-description">
              {v.description}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
