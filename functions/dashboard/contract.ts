import * as z from 'zod';
import { ACTIVITY_TYPES } from '../shared/enums.js';
import { isTimeZone } from '../shared/validation.js';
import { defineContract, money, READ } from '../shared/contract.js';

/** Totals never add different currencies: one Money per currency present. */
const totals = z.array(money);
const count = z.number().int().nonnegative();
const month = z.string().regex(/^\d{4}-\d{2}$/);

export const dashboardQuerySchema = z.object({
  /** The viewer's IANA time zone: it decides where "this month", "this quarter" and "today" begin. */
  tz: z.string().max(64).refine(isTimeZone, 'Not a time zone; use an IANA name such as Europe/London').optional(),
});

export const dashboardView = z
  .object({
    generatedAt: z.string(),
    timeZone: z.string(),
    pipeline: z
      .object({
        pipelineId: z.string(),
        name: z.string(),
        stages: z.array(z.object({ stageId: z.string(), name: z.string(), count, totals })),
      })
      .nullable(),
    forecastQuarter: z.object({
      from: month,
      to: month,
      weighted: totals,
      months: z.array(z.object({ month, weighted: totals })),
    }),
    thisMonth: z.object({
      month,
      won: z.object({ count, totals }),
      lost: z.object({ count, totals }),
    }),
    tasks: z.object({
      overdue: count,
      today: count,
      items: z.array(
        z.object({
          taskId: z.string(),
          title: z.string(),
          dueAt: z.string(),
          overdue: z.boolean(),
          companyId: z.string().optional(),
        }),
      ),
    }),
    recentActivity: z.array(
      z.object({
        activityId: z.string(),
        companyId: z.string(),
        companyName: z.string(),
        type: z.enum(ACTIVITY_TYPES),
        subject: z.string(),
        occurredAt: z.string(),
        createdByName: z.string(),
      }),
    ),
    topLeads: z.array(
      z.object({
        companyId: z.string(),
        name: z.string(),
        leadScore: z.number(),
        industry: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Dashboard' });
export type DashboardView = z.output<typeof dashboardView>;

/** The home page: the pipeline, this quarter's forecast, this month's results, tasks due, activity, leads. */
export const dashboardApi = defineContract('dashboard', {
  get: {
    method: 'GET',
    path: '/v1/dashboard',
    auth: 'tenant',
    roles: READ,
    summary: 'Pipeline by stage, forecast this quarter, won and lost this month, tasks due, recent activity, top leads',
    query: dashboardQuerySchema,
    response: dashboardView,
  },
});
