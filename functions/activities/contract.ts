import * as z from 'zod';
import { defineContract, idParams, page, READ, WRITE } from '../shared/contract.js';
import { ACTIVITY_TYPES } from '../shared/enums.js';
import { activityPageSchema, logActivitySchema } from './schema.js';

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
  })
  .meta({ id: 'Activity' });
export type ActivityView = z.output<typeof activityView>;

/** One change to a company or its contacts: who, when, what changed. */
export const timelineEntryView = z
  .object({
    companyId: z.string(),
    entryId: z.string(),
    at: z.string(),
    actorId: z.string(),
    actorName: z.string(),
    action: z.enum(['created', 'updated', 'deleted']),
    subjectType: z.enum(['company', 'contact']),
    subjectId: z.string(),
    subjectName: z.string(),
    changes: z.array(z.object({ field: z.string(), from: z.unknown().optional(), to: z.unknown().optional() })),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntryView = z.output<typeof timelineEntryView>;

const company = idParams('companyId');

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
  timeline: {
    method: 'GET',
    path: '/v1/companies/{companyId}/timeline',
    auth: 'tenant',
    roles: READ,
    summary: 'Who changed what on a company and its contacts, newest first; for a deleted company, its deletion',
    params: company,
    query: activityPageSchema,
    response: page(timelineEntryView),
  },
});
