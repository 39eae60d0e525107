import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PromptCategoryView } from '../../../../functions/prompts/contract';
import { Tabs } from '../ui';
import { PromptEditor } from './prompt-editor';
import type { PromptDraft } from './prompt-fields';
import { PromptReadOnly } from './prompt-read-only';
import type { PromptMode, SavedPrompt } from './routes';
import { usePromptEditor } from './use-prompt-editor';
import { VariablePanel } from './variable-panel';
import { VersionHistory } from './version-history';

/** What the test-run panel (tenant app) gets from the editor. */
export interface TestPanelProps {
  promptId: string;
  view: PromptCategoryView;
  /** The editor's content now, saved or not. */
  draft: PromptDraft;
  /** Why the draft cannot be run as it is, if it cannot. */
  draftProblem: string | undefined;
  dirty: boolean;
  savedVersion: number;
  /** Switches to the editor tab. */
  showEditor: () => void;
}

type Tab = 'editor' | 'history' | 'test';

/**
 * An existing prompt: the editor (save = PUT with If-Match, a new version), its version history
 * with diffs and rollback, and (tenant app) the test-run panel, which runs the unsaved edits.
 */
export function PromptWorkspace({
  mode,
  view,
  head,
  canEdit,
  onDirtyChange,
  testPanel,
  focusOnMount,
}: {
  mode: PromptMode;
  view: PromptCategoryView;
  head: SavedPrompt;
  canEdit: boolean;
  /** The editor gained or lost unsaved edits (the page warns about them before a reset). */
  onDirtyChange?: (dirty: boolean) => void;
  testPanel?: (props: TestPanelProps) => ReactNode;
  /** Moves focus to the first field when it first renders (after "Customise"). */
  focusOnMount?: boolean;
}) {
  const editor = usePromptEditor({ mode, view, head, focusOnMount });
  const { saved, dirty } = editor;
  const [tab, setTab] = useState<Tab>('editor');
  const showTab = (next: Tab) => {
    editor.forgetCursor();
    setTab(next);
  };

  const onDirtyChangeRef = useRef(onDirtyChange);
  onDirtyChangeRef.current = onDirtyChange;
  useEffect(() => {
    onDirtyChangeRef.current?.(dirty);
  }, [dirty]);
  useEffect(() => () => onDirtyChangeRef.current?.(false), []);

  const tabs = [
    {
      id: 'editor' as const,
      label: canEdit ? <>Editor{dirty && <span className="tab-count">unsaved</span>}</> : 'Prompt',
    },
    { id: 'history' as const, label: 'History' },
    ...(testPanel && canEdit ? [{ id: 'test' as const, label: 'Test run' }] : []),
  ];

  return (
    <Tabs label="Prompt" idBase={`${editor.idBase}-tabs`} tabs={tabs} selected={tab} onSelect={showTab}>
      {tab === 'editor' &&
        (canEdit ? (
          <PromptEditor editor={editor} />
        ) : (
          <div className="prompt-layout">
            <section className="card card-pad" aria-label="Prompt content">
              <PromptReadOnly prompt={saved} />
            </section>
            <VariablePanel variables={view.variables} used={editor.used} />
          </div>
        ))}
      {tab === 'history' && (
        <VersionHistory mode={mode} current={saved} canEdit={canEdit} dirty={dirty} onRolledBack={editor.load} />
      )}
      {tab === 'test' &&
        testPanel?.({
          promptId: saved.promptId,
          view,
          draft: editor.draft,
          draftProblem: editor.draftProblem,
          dirty,
          savedVersion: saved.version,
          showEditor: () => showTab('editor'),
        })}
    </Tabs>
  );
}
