import * as z from 'zod';
import { pathId } from '../shared/contract.js';
import { TASK_DUE_BUCKETS, TASK_PRIORITIES } from '../shared/enums.js';
import { isTimeZone, optionalText, pageQuery, text } from '../shared/validation.js';

/** An ISO 8601 date-time with an offset or `Z`, stored as UTC. */
const dueAt = z.iso
  .datetime({ offset: true, message: 'Enter a date and time, e.g. 2026-12-03T14:00:00Z' })
  .transform((s) => new Date(s).toISOString())
  .refine((s) => s >= '2000-01-01' && s < '2100-01-01', 'Due dates are between 2000 and 2099');

/** The AI next action a task was made from, with the evidence it cites. */
const source = z.strictObject({
  kind: z.literal('analysis'),
  runId: pathId,
  actionIndex: z.number().int().min(0).max(99),
  evidence: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
});

const fields = {
  title: text(200),
  dueAt,
  ownerId: pathId,
  priority: z.enum(TASK_PRIORITIES),
  companyId: pathId,
  dealId: pathId,
  contactId: pathId,
  done: z.boolean(),
  notes: optionalText(5000),
};

/** `POST /v1/tasks`: the owner defaults to the caller. */
export const createTaskSchema = z.strictObject({
  ...fields,
  ownerId: fields.ownerId.optional(),
  priority: fields.priority.default('normal'),
  companyId: fields.companyId.optional(),
  dealId: fields.dealId.optional(),
  contactId: fields.contactId.optional(),
  done: fields.done.default(false),
  source: source.optional(),
});
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

/** `PATCH /v1/tasks/{taskId}`: any subset; `null` clears a link or the notes. */
export const updateTaskSchema = z
  .strictObject({
    ...fields,
    companyId: fields.companyId.nullable(),
    dealId: fields.dealId.nullable(),
    contactId: fields.contactId.nullable(),
    notes: fields.notes.nullable(),
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

/** `GET /v1/tasks`: one filter of owner, company or deal at a time, a due bucket in the user's zone. */
export const listTasksSchema = z
  .strictObject({
    ...pageQuery,
    ownerId: pathId.optional(),
    companyId: pathId.optional(),
    dealId: pathId.optional(),
    due: z.enum(TASK_DUE_BUCKETS).optional(),
    done: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    tz: z.string().max(64).refine(isTimeZone, 'Not a time zone; use an IANA name such as Europe/London').default('UTC'),
  })
  .refine((q) => [q.ownerId, q.companyId, q.dealId].filter(Boolean).length <= 1, {
    path: ['ownerId'],
    message: 'Filter by one of ownerId, companyId or dealId',
  });
export type ListTasksQuery = z.infer<typeof listTasksSchema>;
