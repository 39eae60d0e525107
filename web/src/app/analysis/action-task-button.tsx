import { useState } from 'react';
import { Button, Dialog, useToast } from '../../shared/ui';
import { TaskEditor } from '../tasks/task-editor';
import { useWorkspace } from '../workspace';

/** "Create task" on an AI next action: a task for the company, keeping the action's evidence in its source. */
export function ActionTaskButton({
  companyId,
  runId,
  actionIndex,
  action,
}: {
  companyId: string;
  runId: string;
  actionIndex: number;
  action: { action: string; reason?: string; evidence?: string };
}) {
  const { canWrite } = useWorkspace();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  if (!canWrite) return null;
  return (
    <>
      <div className="insight-actions">
        <Button size="sm" onClick={() => setOpen(true)} aria-label={`Create task: ${action.action}`}>
          Create task
        </Button>
      </div>
      <Dialog open={open} onClose={() => setOpen(false)} title="Task from the AI analysis">
        {open && (
          <TaskEditor
            draft={{
              title: action.action.slice(0, 200),
              notes: action.reason,
              companyId,
              source: { kind: 'analysis', runId, actionIndex, evidence: action.evidence ? [action.evidence] : [] },
            }}
            onCancel={() => setOpen(false)}
            onSaved={(task) => {
              setOpen(false);
              toast(`Task added: ${task.title}`);
            }}
          />
        )}
      </Dialog>
    </>
  );
}
