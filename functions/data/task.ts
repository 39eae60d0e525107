import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { TASK_PRIORITIES } from '../shared/enums.js';

/**
 * A to-do with a due time and an owner, optionally about a company, deal or contact. Every task
 * write is a whole-item put, so the sparse link indexes follow the links.
 */
export const TaskEntity = new Entity(
  {
    model: { entity: 'task', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      taskId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      dueAt: { type: 'string', required: true },
      ownerId: { type: 'string', required: true },
      priority: { type: TASK_PRIORITIES, required: true },
      /** '' when unlinked: a conditional index needs every composite present (see the sparse indexes). */
      companyId: { type: 'string', default: '' },
      dealId: { type: 'string', default: '' },
      contactId: { type: 'string' },
      done: { type: 'boolean', required: true },
      doneAt: { type: 'string' },
      notes: { type: 'string' },
      /** Where the task came from: an AI next action keeps the run, the action and its evidence. */
      source: {
        type: 'map',
        properties: {
          kind: { type: ['analysis'] as const, required: true },
          runId: { type: 'string', required: true },
          actionIndex: { type: 'number', required: true },
          evidence: { type: 'list', items: { type: 'string' } },
        },
      },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      /** One task by id; also the tenant's tasks in creation order (the unfiltered list). */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['taskId'] } },
      /** One owner's tasks by due time: My tasks, and its overdue / today / upcoming ranges. */
      byOwner: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'ownerId'] },
        sk: { field: 'gsi1sk', composite: ['dueAt', 'taskId'] },
      },
      /** A company's tasks by due time (its Tasks tab; the company purge). Sparse: unlinked tasks have no keys. */
      byCompany: {
        index: 'gsi2',
        condition: (attr) => !!attr.companyId,
        pk: { field: 'gsi2pk', composite: ['tenantId', 'companyId'] },
        sk: { field: 'gsi2sk', composite: ['dueAt', 'taskId'] },
      },
      /** A deal's tasks by due time. Sparse, like byCompany. */
      byDeal: {
        index: 'gsi3',
        condition: (attr) => !!attr.dealId,
        pk: { field: 'gsi3pk', composite: ['tenantId', 'dealId'] },
        sk: { field: 'gsi3sk', composite: ['dueAt', 'taskId'] },
      },
    },
  },
  entityConfig,
);
export type Task = EntityItem<typeof TaskEntity>;

/**
 * "The reminder for this task at this due time went out": created in the transaction that
 * records the in-app notification, refused when it exists, so a redelivered or doubly polled
 * reminder sends once. Keyed by the due time, so a rescheduled task is reminded again.
 */
export const TaskReminderEntity = new Entity(
  {
    model: { entity: 'taskReminder', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      taskId: { type: 'string', required: true, readOnly: true },
      dueAt: { type: 'string', required: true, readOnly: true },
      sentAt: { type: 'string', required: true },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      /** The marker of one task's reminder at one due time. */
      byTask: {
        pk: { field: 'pk', composite: ['tenantId'] },
        sk: { field: 'sk', composite: ['taskId', 'dueAt'] },
      },
    },
  },
  entityConfig,
);
export type TaskReminder = EntityItem<typeof TaskReminderEntity>;
