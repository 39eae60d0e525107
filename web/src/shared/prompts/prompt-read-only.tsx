import type { PromptContent } from './prompt-fields';

/** A prompt's content, read-only. */
export function PromptReadOnly({ prompt }: { prompt: PromptContent }) {
  return (
    <div className="stack">
      <dl className="details prompt-facts">
        {(
          [
            ['Name', prompt.name],
            ['Model', <code key="m">{prompt.model}</code>],
            ['Temperature', String(prompt.temperature)],
          ] as const
        ).map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="field">
        <h3 className="prompt-pre-label">System template</h3>
        <pre className="prompt-pre" tabIndex={0} aria-label="System template">
          {prompt.systemTemplate}
        </pre>
      </div>
      <div className="field">
        <h3 className="prompt-pre-label">User template</h3>
        <pre className="prompt-pre" tabIndex={0} aria-label="User template">
          {prompt.userTemplate}
        </pre>
      </div>
    </div>
  );
}
