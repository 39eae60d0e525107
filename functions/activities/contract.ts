import * as z from 'zod';
import { defineContract, idParams, noContent, page, READ, WRITE } from '../shared/contract.js';
import { ACTIVITY_TYPES, TIMELINE_ACTIONS, TIMELINE_SUBJECTS } from '../shared/enums.js';
import { activityPageSchema, logActivitySchema, updateActivitySchema } from './schema.js';

/** A call, email, meeting or note logged against a company. */
export const activityView = z
  .object({
    activityId: z.string(),
    companyId: z.string(),
    type: z.enum(ACTIVITY_TYPES),
    subject: z.string(),
    body: z.string().optional(),
    contactId: z.string().optional(),
    occurredAt: z.string(),
    durationMinutes: z.number().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    createdByName: z.string(),
    updatedAt: z.string().optional(),
    version: z.number(),
  })
  .meta({ id: 'Activity' });
export type ActivityView = z.output<typeof activityView>;

/** One change to a company or something under it (a contact, an activity): who, when, what changed. */
export const timelineEntryView = z
  .object({
    companyId: z.string(),
    entryId: z.string(),
    at: z.string(),
    actorId: z.string(),
    actorName: z.string(),
    action: z.enum(TIMELINE_ACTIONS),
    subjectType: z.enum(TIMELINE_SUBJECTS),
    subjectId: z.string(),
    subjectName: z.string(),
    /** Facts that keep the entry readable once its subject changed or went (an activity's type and contact). */
    detail: z.record(z.string(), z.string()).optional(),
    changes: z.array(z.object({ field: z.string(), from: z.unknown().optional(), to: z.unknown().optional() })),
    mergeId: z.string().optional(),
    moved: z.array(z.object({ label: z.string(), count: z.number() })).optional(),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntryView = z.output<typeof timelineEntryView>;

const company = idParams('companyId');
const activity = idParams('activityId');

/** Activities logged against companies, and the company timeline. */
export const activitiesApi = defineContract('activities', {
  list: {
    method: 'GET',
    path: '/v1/companies/{companyId}/activities',
    auth: 'tenant',
    roles: READ,
    summary: 'A company’s activities, most recent first',
    params: company,
    query: activityPageSchema,
    response: page(activityView),
  },
  log: {
    method: 'POST',
    path: '/v1/companies/{companyId}/activities',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Log a call, email, meeting or note',
    params: company,
    body: logActivitySchema,
    response: activityView,
    status: 201,
  },
  update: {
    method: 'PATCH',
    path: '/v1/activities/{activityId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Edit an activity (its author, an admin or the owner); `null` clears an optional field',
    params: activity,
    body: updateActivitySchema,
    response: activityView,
    versioned: true,
  },
  remove: {
    method: 'DELETE',
    path: '/v1/activities/{activityId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Delete an activity (its author, an admin or the owner); the company timeline records it',
    params: activity,
    response: noContent,
    status: 204,
  },
  timeline: {
    method: 'GET',
    path: '/v1/companies/{companyId}/timeline',
    auth: 'tenant',
    roles: READ,
    summary:
      'Who changed what on a company, its contacts and activities, newest first; for a deleted company, its deletion',
    params: company,
    query: activityPageSchema,
    response: page(timelineEntryView),
  },
});
