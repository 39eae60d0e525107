import { useState } from 'react';
import type { CompanyView } from '../../../functions/companies/contract';
import { tasksApi } from '../../../functions/tasks/contract';
import { useApiQuery } from '../shared/query';
import { Button, Dialog, EmptyState, ErrorState, Loading, useToast } from '../shared/ui';
import { TaskEditor } from './tasks/task-editor';
import { TaskList } from './tasks/task-list';
import { useWorkspace } from './workspace';

/** The company page's Tasks tab: everyone's tasks about this company, by due time, with "Add task". */
export function TasksTab({ company }: { company: CompanyView }) {
  const { canWrite } = useWorkspace();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const list = useApiQuery(tasksApi.list, { query: { companyId: company.companyId, limit: 100 } });
  const items = list.data?.items ?? [];
  const open = items.filter((t) => !t.done);
  const done = items.filter((t) => t.done);
  return (
    <section aria-labelledby="tasks-title">
      <div className="section-head">
        <h2 id="tasks-title" className="section-title">
          Tasks {list.data && <span className="muted">({open.length} open)</span>}
        </h2>
        {canWrite && (
          <Button variant="primary" onClick={() => setAdding(true)} icon={<span aria-hidden="true">+</span>}>
            Add task
          </Button>
        )}
      </div>
      {list.error && !list.data ? (
        <div className="card">
          <ErrorState title="Tasks could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !list.data ? (
        <Loading label="Loading tasks…" />
      ) : items.length === 0 ? (
        <div className="card">
          <EmptyState title="No tasks yet">
            Add a follow-up for {company.name}: a call back, a proposal to send.
          </EmptyState>
        </div>
      ) : (
        <div className="card card-pad stack">
          <TaskList tasks={open} showOwner inCompany />
          {done.length > 0 && (
            <details>
              <summary className="muted">{done.length} done</summary>
              <TaskList tasks={done} showOwner inCompany />
            </details>
          )}
        </div>
      )}
      <Dialog open={adding} onClose={() => setAdding(false)} title={`New task for ${company.name}`}>
        {adding && (
          <TaskEditor
            draft={{ companyId: company.companyId }}
            onCancel={() => setAdding(false)}
            onSaved={(task) => {
              setAdding(false);
              toast(`Added: ${task.title}`);
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
