import { useState } from 'react';
import { tasksApi } from '../../../functions/tasks/contract';
import type { TaskDueBucket } from '../../../functions/shared/enums';
import { useDocumentTitle } from '../shared/hooks';
import { useApiQuery } from '../shared/query';
import { Button, Dialog, EmptyState, ErrorState, Loading, PageHeading, useToast } from '../shared/ui';
import { TaskEditor } from './tasks/task-editor';
import { browserTimeZone } from './tasks/task-format';
import { TaskList } from './tasks/task-list';
import { useWorkspace } from './workspace';

// Overdue lists open tasks only (a done task is never late); today and upcoming keep checked-off ones, struck through.
const GROUPS: { due: TaskDueBucket; title: string; empty: string }[] = [
  { due: 'overdue', title: 'Overdue', empty: 'Nothing overdue.' },
  { due: 'today', title: 'Today', empty: 'Nothing due today.' },
  { due: 'upcoming', title: 'Upcoming', empty: 'Nothing planned yet.' },
];

function TaskGroup({ ownerId, group }: { ownerId: string; group: (typeof GROUPS)[number] }) {
  const tz = browserTimeZone();
  const list = useApiQuery(tasksApi.list, {
    query: { ownerId, due: group.due, tz, limit: 100 },
  });
  const id = `tasks-${group.due}`;
  const count = list.data?.items.filter((t) => !t.done).length;
  return (
    <section aria-labelledby={id} className="task-group">
      <h2 id={id} className="section-title">
        {group.title}
        {count !== undefined && <span className="muted"> ({count})</span>}
      </h2>
      {list.error && !list.data ? (
        <ErrorState
          title={`${group.title} could not be loaded`}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      ) : !list.data ? (
        <Loading label={`Loading ${group.title.toLowerCase()}…`} />
      ) : list.data.items.length === 0 ? (
        <p className="muted task-empty">{group.empty}</p>
      ) : (
        <TaskList tasks={list.data.items} late={group.due === 'overdue'} />
      )}
    </section>
  );
}

/** `/tasks`: the signed-in user's tasks, overdue, today and upcoming in their time zone. */
export function TasksPage() {
  useDocumentTitle('My tasks');
  const { me, canWrite } = useWorkspace();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>My tasks</PageHeading>
          <p className="page-sub">Follow-ups due to you. You get a reminder by email and here when each is due.</p>
        </div>
        {canWrite && (
          <Button variant="primary" onClick={() => setAdding(true)} icon={<span aria-hidden="true">+</span>}>
            New task
          </Button>
        )}
      </div>
      {canWrite ? (
        <div className="task-groups">
          {GROUPS.map((g) => (
            <div className="card card-pad" key={g.due}>
              <TaskGroup ownerId={me.userId} group={g} />
            </div>
          ))}
        </div>
      ) : (
        <div className="card">
          <EmptyState title="Viewers have no tasks">Tasks belong to the people who do them; ask an admin.</EmptyState>
        </div>
      )}
      <Dialog open={adding} onClose={() => setAdding(false)} title="New task">
        {adding && (
          <TaskEditor
            onCancel={() => setAdding(false)}
            onSaved={(task) => {
              setAdding(false);
              toast(`Added: ${task.title}`);
            }}
          />
        )}
      </Dialog>
    </>
  );
}
