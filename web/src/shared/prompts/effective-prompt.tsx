import type { PromptCategoryView } from '../../../../functions/prompts/contract';
import { Alert, Button, Skeleton } from '../ui';
import { PromptReadOnly } from './prompt-read-only';
import type { PromptMode } from './routes';
import { VariablePanel } from './variable-panel';
import { variablesIn } from './variables';

/** A category without a prompt of this kind yet: the one in effect, read-only, and the button that copies it. */
export function EffectivePrompt({
  mode,
  view,
  canEdit,
  createId,
  creating,
  createError,
  onCreate,
}: {
  mode: PromptMode;
  view: PromptCategoryView;
  canEdit: boolean;
  /** The create button's id (focus returns to it after a reset). */
  createId: string;
  creating: boolean;
  createError: string | null;
  onCreate: () => void;
}) {
  return (
    <div className="prompt-layout">
      <section className="card card-pad stack" aria-labelledby="effective-title">
        <div className="section-head" style={{ marginBottom: 0 }}>
          <div>
            <h2 id="effective-title" className="section-title">
              {mode === 'tenant' ? 'The prompt your workspace uses' : 'No system prompt yet'}
            </h2>
            <p className="muted">
              {mode === 'system'
                ? 'Every tenant without an override of its own uses the built-in default shown here. A system prompt replaces it for all of them.'
                : view.active.scope === 'system'
                  ? `Your workspace uses the platform’s system prompt (version ${view.active.version}).`
                  : 'Your workspace uses Quoteflow’s built-in default.'}
              {mode === 'tenant' &&
                (canEdit
                  ? ' Customise it to make your own copy; your workspace’s runs use that copy from then on.'
                  : ' Only owners and admins can customise prompts.')}
            </p>
          </div>
          {canEdit && (
            <Button id={createId} variant="primary" busy={creating} onClick={onCreate}>
              {mode === 'tenant' ? 'Customise for your workspace' : 'Create the system prompt'}
            </Button>
          )}
        </div>
        {createError && (
          <Alert
            tone="error"
            title={mode === 'tenant' ? 'The prompt could not be customised' : 'The system prompt could not be created'}
          >
            {createError}
          </Alert>
        )}
        <PromptReadOnly prompt={view.active} />
      </section>
      <VariablePanel
        variables={view.variables}
        used={new Set([...variablesIn(view.active.systemTemplate), ...variablesIn(view.active.userTemplate)])}
      />
    </div>
  );
}

/** The category page while its prompts load. */
export function PromptPageSkeleton() {
  return (
    <div aria-busy="true">
      <Skeleton width="260px" height="30px" />
      <div style={{ marginTop: 10 }}>
        <Skeleton width="420px" />
      </div>
      <div className="card card-pad" style={{ marginTop: 24, display: 'grid', gap: 12 }}>
        <Skeleton width="40%" />
        <Skeleton height="120px" />
        <Skeleton height="200px" />
      </div>
      <span className="sr-only" role="status">
        Loading prompt…
      </span>
    </div>
  );
}
