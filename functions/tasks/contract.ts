import * as z from 'zod';
import { defineContract, idParams, noContent, page, READ, WRITE } from '../shared/contract.js';
import { TASK_PRIORITIES } from '../shared/enums.js';
import { createTaskSchema, listTasksSchema, updateTaskSchema } from './schema.js';

/** A task as the API returns it. */
export const taskView = z
  .object({
    taskId: z.string(),
    title: z.string(),
    dueAt: z.string(),
    ownerId: z.string(),
    priority: z.enum(TASK_PRIORITIES),
    companyId: z.string().optional(),
    dealId: z.string().optional(),
    contactId: z.string().optional(),
    done: z.boolean(),
    doneAt: z.string().optional(),
    notes: z.string().optional(),
    source: z
      .object({
        kind: z.literal('analysis'),
        runId: z.string(),
        actionIndex: z.number(),
        evidence: z.array(z.string()),
      })
      .optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Task' });
export type TaskView = z.output<typeof taskView>;

const task = idParams('taskId');

/** Tasks: follow-ups with a due time and an owner, reminded at the due time. */
export const tasksApi = defineContract('tasks', {
  list: {
    method: 'GET',
    path: '/v1/tasks',
    auth: 'tenant',
    roles: READ,
    summary: 'Tasks by due time: one owner’s, a company’s or a deal’s; `due` buckets in the `tz` time zone',
    query: listTasksSchema,
    response: page(taskView),
  },
  create: {
    method: 'POST',
    path: '/v1/tasks',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Add a task; sales users may only add their own',
    body: createTaskSchema,
    response: taskView,
    status: 201,
  },
  get: {
    method: 'GET',
    path: '/v1/tasks/{taskId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One task',
    params: task,
    response: taskView,
  },
  update: {
    method: 'PATCH',
    path: '/v1/tasks/{taskId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Change, complete or reopen a task; `null` clears a link. Sales users may only change their own',
    params: task,
    body: updateTaskSchema,
    response: taskView,
    versioned: true,
  },
  remove: {
    method: 'DELETE',
    path: '/v1/tasks/{taskId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Delete a task; sales users may only delete their own',
    params: task,
    response: noContent,
    status: 204,
  },
});
