import { db } from '../data/service.js';
import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { reminderScheduler } from '../shared/scheduler.js';
import { tasksApi } from './contract.js';
import type { TaskDeps } from './reminder-schedule.js';
import * as tasks from './service.js';

const deps: TaskDeps = { ...defaultDeps, scheduler: reminderScheduler(db) };

export const handler = createApi(tasksApi, {
  list: ({ ctx, query }) => tasks.listTasks(ctx, query, deps),
  create: ({ ctx, body }) => tasks.createTask(ctx, body, deps),
  get: async ({ ctx, params }) => tasks.toTaskView(await tasks.getTask(ctx, params.taskId, deps)),
  update: ({ ctx, params, body, version }) => tasks.updateTask(ctx, params.taskId, body, version, deps),
  remove: ({ ctx, params }) => tasks.deleteTask(ctx, params.taskId, deps),
});
