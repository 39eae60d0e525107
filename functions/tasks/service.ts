import { diffFields, timelineEntry, type Change } from '../activities/timeline.js';
import { companyLive } from '../companies/tombstone.js';
import type { Task } from '../data/task.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import { staleVersion, stripNulls } from '../shared/records.js';
import type { TaskView } from './contract.js';
import { assertMayWrite, assertOwner, getTask, resolveLinks } from './access.js';
import { cancelReminder, scheduleReminder, type TaskDeps } from './reminder-schedule.js';
import { dueRange } from './due.js';
import type { CreateTaskInput, ListTasksQuery, UpdateTaskInput } from './schema.js';

export { getTask };

const TRACKED_FIELDS = [
  'title',
  'dueAt',
  'ownerId',
  'priority',
  'companyId',
  'dealId',
  'contactId',
  'notes',
] as const satisfies readonly (keyof Task)[];

/** A task as the API returns it: unlinked links ('' in storage) are absent. */
export const toTaskView = ({ tenantId: _t, updatedBy: _u, companyId, dealId, source, ...task }: Task): TaskView => ({
  ...task,
  ...(companyId ? { companyId } : {}),
  ...(dealId ? { dealId } : {}),
  ...(source ? { source: { ...source, evidence: source.evidence ?? [] } } : {}),
});

type Entry = Parameters<typeof timelineEntry>[1];

/** The company timeline entry of a task change, with the company check that must hold beside it. */
function companyItems(ctx: TenantContext, task: Task, action: Entry['action'], deps: Deps, changes?: Change[]) {
  if (!task.companyId) return undefined;
  const entry = timelineEntry(
    ctx,
    {
      companyId: task.companyId,
      action,
      subjectType: 'task',
      subjectId: task.taskId,
      subjectName: task.title,
      changes,
    },
    { entryId: deps.newId(), at: deps.now() },
  );
  const key = { tenantId: ctx.tenantId, companyId: task.companyId };
  return (entities: Parameters<NonNullable<Parameters<typeof writeVersioned>[1]['also']>>[0]) => [
    // A task lands under a company only while the company exists (company-children.ts).
    companyLive({ company: entities.company }, key),
    entities.timelineEntry.create(entry).commit(),
  ];
}

/** Adds a task (owned by the caller unless said), schedules its reminder, records it on its company. */
export async function createTask(ctx: TenantContext, input: CreateTaskInput, deps: TaskDeps): Promise<TaskView> {
  const ownerId = input.ownerId ?? ctx.userId;
  assertMayWrite(ctx, ownerId);
  await assertOwner(ctx, ownerId, deps);
  const links = await resolveLinks(ctx, input, deps);
  const now = deps.now();
  const task: Task = stripNulls({
    ...input,
    tenantId: ctx.tenantId,
    taskId: deps.newId(),
    ownerId,
    companyId: links.companyId,
    contactId: links.contactId,
    dealId: input.dealId ?? '',
    doneAt: input.done ? now : undefined,
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: 1,
  }) as Task;
  // Scheduled first: a schedule whose task never landed finds no task when it fires, and does nothing.
  await scheduleReminder(task, deps);
  await writeVersioned(deps.db, {
    entity: 'task',
    op: 'create',
    item: task,
    also: companyItems(ctx, task, 'created', deps),
    conflict: (index) =>
      index === 1
        ? new NotFoundError(`Company ${links.companyName ?? ''}`.trim())
        : new ConflictError('A task with this id already exists'),
  });
  return toTaskView(task);
}

/** Tasks by due time: of one owner, company or deal, or the whole workspace (newest first created). */
export async function listTasks(ctx: TenantContext, query: ListTasksQuery, deps: Deps): Promise<Page<TaskView>> {
  const { tenantId } = ctx;
  const tasks = deps.db.entities.task.query;
  const base = query.ownerId
    ? tasks.byOwner({ tenantId, ownerId: query.ownerId })
    : query.companyId
      ? tasks.byCompany({ tenantId, companyId: query.companyId })
      : query.dealId
        ? tasks.byDeal({ tenantId, dealId: query.dealId })
        : undefined;
  const range = query.due ? dueRange(query.due, deps.now(), query.tz) : {};
  // A done task is never overdue; otherwise `done` filters only when asked.
  const done = query.due === 'overdue' ? false : query.done;
  const ranged = () => {
    if (!base) return tasks.byId({ tenantId });
    if (range.from && range.to) return base.between({ dueAt: range.from }, { dueAt: range.to });
    if (range.from) return base.gte({ dueAt: range.from });
    if (range.to) return base.lt({ dueAt: range.to });
    return base;
  };
  const q = ranged().where((attr, op) =>
    [
      done === undefined ? '' : op.eq(attr.done, done),
      // The unfiltered list cannot range on its key: the due window is a filter there.
      !base && range.from ? op.gte(attr.dueAt, range.from) : '',
      !base && range.to ? op.lt(attr.dueAt, range.to) : '',
    ]
      .filter(Boolean)
      .join(' AND '),
  );
  const page = await q.go({ count: query.limit, cursor: checkCursor(query.cursor, q) });
  return mapPage(page, toTaskView);
}

/** The timeline action of an update: completing and reopening say so; other edits list their changes. */
const actionOf = (before: Task, after: Task): 'completed' | 'reopened' | 'updated' =>
  !before.done && after.done ? 'completed' : before.done && !after.done ? 'reopened' : 'updated';

/** Applies a partial update if `expectedVersion` is current; moves or cancels the reminder to match. */
export async function updateTask(
  ctx: TenantContext,
  taskId: string,
  patch: UpdateTaskInput,
  expectedVersion: number,
  deps: TaskDeps,
): Promise<TaskView> {
  const before = await getTask(ctx, taskId, deps);
  assertMayWrite(ctx, before.ownerId);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const { version: _version, ...fields } = patch;
  if (fields.ownerId && fields.ownerId !== before.ownerId) {
    assertMayWrite(ctx, fields.ownerId);
    await assertOwner(ctx, fields.ownerId, deps);
  }
  const linksChanged = 'companyId' in fields || 'contactId' in fields || 'dealId' in fields;
  const links = linksChanged
    ? await resolveLinks(
        ctx,
        {
          companyId: fields.companyId === null ? undefined : (fields.companyId ?? before.companyId ?? undefined),
          contactId: fields.contactId === null ? undefined : (fields.contactId ?? before.contactId),
          dealId: fields.dealId === null ? undefined : (fields.dealId ?? (before.dealId || undefined)),
        },
        deps,
      )
    : undefined;
  const now = deps.now();
  const done = fields.done ?? before.done;
  const after = stripNulls({
    ...before,
    ...fields,
    ...(links ? { companyId: links.companyId, contactId: links.contactId ?? null } : {}),
    dealId: fields.dealId === null ? '' : (fields.dealId ?? before.dealId),
    done,
    doneAt: done ? (before.done ? before.doneAt : now) : null,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: before.version + 1,
  }) as Task;
  const changes = diffFields(before, after, TRACKED_FIELDS);
  if (changes.length === 0 && before.done === after.done) return toTaskView(before);
  const action = actionOf(before, after);
  await scheduleReminder(after, deps);
  await writeVersioned(deps.db, {
    entity: 'task',
    op: 'update',
    item: after,
    also: companyItems(ctx, after, action, deps, action === 'updated' ? changes : undefined),
    conflict: (index) => (index === 1 ? new NotFoundError('Company') : staleVersion()),
  });
  await cancelReminder(before, after, deps);
  return toTaskView(after);
}

/** Deletes a task and cancels its reminder; its company's timeline records it. */
export async function deleteTask(ctx: TenantContext, taskId: string, deps: TaskDeps): Promise<void> {
  const task = await getTask(ctx, taskId, deps);
  assertMayWrite(ctx, task.ownerId);
  await writeVersioned(deps.db, {
    entity: 'task',
    op: 'delete',
    item: task,
    also: companyItems(ctx, task, 'deleted', deps),
    conflict: (index) =>
      index === 1
        ? new NotFoundError('Task')
        : new ConflictError('The task changed while it was being deleted; try again'),
  });
  await cancelReminder(task, undefined, deps);
}
