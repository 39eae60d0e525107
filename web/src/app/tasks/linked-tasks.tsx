import { useState, type ReactNode } from 'react';
import { tasksApi } from '../../../../functions/tasks/contract';
import { useApiQuery } from '../../shared/query';
import { Button, Dialog, EmptyState, ErrorState, Loading, useToast } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { TaskEditor, type TaskDraft } from './task-editor';
import { TaskList } from './task-list';

/**
 * Everyone's tasks about one record (a company, a deal), open ones first, with "Add task" that links the
 * new task to it. Shared by the company page's Tasks tab and the deal page, so both behave the same.
 */
export function LinkedTasks({
  filter,
  draft,
  name,
  empty,
  companyNames,
  headingLevel = 2,
}: {
  /** Which tasks: the API takes one of these filters at a time. */
  filter: { companyId: string } | { dealId: string };
  /** What "Add task" pre-links. */
  draft: TaskDraft;
  /** The record's name, for the dialog's title. */
  name: string;
  empty: ReactNode;
  /** Names for the company links of tasks not listed on their own company's page. */
  companyNames?: Record<string, string>;
  headingLevel?: 2 | 3;
}) {
  const { canWrite } = useWorkspace();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const list = useApiQuery(tasksApi.list, { query: { ...filter, limit: 100 } });
  const items = list.data?.items ?? [];
  const open = items.filter((t) => !t.done);
  const done = items.filter((t) => t.done);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `tasks-title-${'dealId' in filter ? filter.dealId : filter.companyId}`;
  const inCompany = 'companyId' in filter;
  return (
    <section aria-labelledby={headingId}>
      <div className="section-head">
        <Heading id={headingId} className="section-title">
          Tasks {list.data && <span className="muted">({open.length} open)</span>}
        </Heading>
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
          <EmptyState title="No tasks yet">{empty}</EmptyState>
        </div>
      ) : (
        <div className="card card-pad stack">
          <TaskList tasks={open} showOwner inCompany={inCompany} companyNames={companyNames} />
          {done.length > 0 && (
            <details>
              <summary className="muted">{done.length} done</summary>
              <TaskList tasks={done} showOwner inCompany={inCompany} companyNames={companyNames} />
            </details>
          )}
        </div>
      )}
      <Dialog open={adding} onClose={() => setAdding(false)} title={`New task for ${name}`}>
        {adding && (
          <TaskEditor
            draft={draft}
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
