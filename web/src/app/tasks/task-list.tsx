import { Link } from 'react-router-dom';
import { activitiesApi } from '../../../../functions/activities/contract';
import { tasksApi, type TaskView } from '../../../../functions/tasks/contract';
import { errorMessage } from '../../shared/api';
import { useApiMutation } from '../../shared/query';
import { Badge, useToast } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { formatDue, PRIORITY_LABELS, PRIORITY_TONES } from './task-format';

/** Tasks with a checkbox each: checking one off completes it (a versioned write), unchecking reopens it. */
export function TaskList({
  tasks,
  showOwner = false,
  companyNames,
  late = false,
  inCompany = false,
}: {
  tasks: TaskView[];
  showOwner?: boolean;
  /** Names of linked companies, where the list knows them; linked tasks link to their company either way. */
  companyNames?: Record<string, string>;
  /** Every task here is overdue: say so on each. */
  late?: boolean;
  /** Shown on the company's own page: no link back to it. */
  inCompany?: boolean;
}) {
  const toast = useToast();
  const { me, canWrite, userName } = useWorkspace();
  const toggle = useApiMutation(
    tasksApi.update,
    (t: TaskView) => ({ params: { taskId: t.taskId }, body: { done: !t.done, version: t.version } }),
    { invalidates: [tasksApi, activitiesApi] },
  );
  const mayChange = (t: TaskView) => canWrite && (me.role !== 'sales' || t.ownerId === me.userId);
  const now = new Date();

  return (
    <ul className="task-list">
      {tasks.map((t) => {
        const overdue = late || (!t.done && new Date(t.dueAt) < now);
        return (
          <li key={t.taskId} className={t.done ? 'task-item task-done' : 'task-item'}>
            <input
              type="checkbox"
              className="task-check"
              id={`task-${t.taskId}`}
              checked={t.done}
              disabled={!mayChange(t) || toggle.isPending}
              onChange={() =>
                toggle.mutate(t, {
                  onSuccess: (saved) => toast(saved.done ? `Done: ${saved.title}` : `Reopened: ${saved.title}`),
                  onError: (error) => toast(`Could not save: ${errorMessage(error)}`, 'error'),
                })
              }
            />
            <div className="task-body">
              <label htmlFor={`task-${t.taskId}`} className="task-title break">
                {t.title}
              </label>
              <div className="task-meta">
                <span className={overdue ? 'task-due task-late' : 'task-due'}>
                  {overdue && !t.done ? 'Overdue · ' : ''}
                  {formatDue(t.dueAt, now)}
                </span>
                {t.priority !== 'normal' && (
                  <Badge tone={PRIORITY_TONES[t.priority]}>{PRIORITY_LABELS[t.priority]}</Badge>
                )}
                {t.companyId && !inCompany && (
                  <Link to={`/companies/${t.companyId}?tab=tasks`} className="break">
                    {companyNames?.[t.companyId] ?? 'Open company'}
                  </Link>
                )}
                {showOwner && <span className="muted">{userName(t.ownerId) ?? 'Someone'}</span>}
                {t.source?.kind === 'analysis' && <Badge tone="violet">From AI analysis</Badge>}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
