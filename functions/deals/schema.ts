import * as z from 'zod';
import { pathId } from '../shared/contract.js';
import { DEAL_STATUSES } from '../shared/enums.js';
import { moneyInput } from '../shared/money.js';
import { optionalText, pageQuery, text } from '../shared/validation.js';

const isCalendarDate = (d: string) => {
  const parsed = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
};

/** A calendar date, YYYY-MM-DD. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31')
  .refine(isCalendarDate, 'Not a real date');

/** A calendar month, YYYY-MM. */
export const calendarMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month like 2026-03');

const fields = {
  name: text(200),
  companyId: pathId,
  contactIds: z.array(pathId).max(20, 'At most 20 contacts'),
  ownerId: pathId,
  value: moneyInput,
  expectedCloseDate: calendarDate,
  probabilityBps: z.number().int().min(0, 'At least 0%').max(10_000, 'At most 100%'),
  pipelineId: pathId,
  stageId: pathId,
  status: z.enum(DEAL_STATUSES),
  lostReason: text(500),
  source: optionalText(100),
};

/**
 * `POST /v1/deals`. The pipeline defaults to the workspace's default one, the stage to its first
 * stage (or its first stage of `status`), the owner to the caller.
 */
export const createDealSchema = z.strictObject({
  name: fields.name,
  companyId: fields.companyId,
  contactIds: fields.contactIds.default([]),
  ownerId: fields.ownerId.optional(),
  value: fields.value,
  expectedCloseDate: fields.expectedCloseDate,
  probabilityBps: fields.probabilityBps.optional(),
  pipelineId: fields.pipelineId.optional(),
  stageId: fields.stageId.optional(),
  status: fields.status.optional(),
  lostReason: fields.lostReason.optional(),
  source: fields.source,
});
export type CreateDealInput = z.infer<typeof createDealSchema>;

/**
 * `PATCH /v1/deals/{id}`: any subset; `null` clears an optional field. A stage move is `stageId`
 * (and `pipelineId` to move pipelines); `status` alone moves to the pipeline's first stage of
 * that kind. Losing needs a `lostReason`.
 */
export const updateDealSchema = z
  .strictObject({
    name: fields.name,
    contactIds: fields.contactIds,
    ownerId: fields.ownerId,
    value: fields.value,
    expectedCloseDate: fields.expectedCloseDate,
    probabilityBps: fields.probabilityBps.nullable(),
    pipelineId: fields.pipelineId,
    stageId: fields.stageId,
    status: fields.status,
    lostReason: fields.lostReason.nullable(),
    source: fields.source.nullable(),
    version: z.number().int().positive(),
  })
  .partial();
export type UpdateDealInput = z.infer<typeof updateDealSchema>;

/** `GET /v1/deals`. */
export const listDealsSchema = z.strictObject({
  ...pageQuery,
  pipelineId: pathId.optional(),
  stageId: pathId.optional(),
  ownerId: pathId.optional(),
  closeMonth: calendarMonth.optional(),
  status: z.enum(DEAL_STATUSES).optional(),
});
export type ListDealsQuery = z.infer<typeof listDealsSchema>;

/** `GET /v1/companies/{companyId}/deals`. */
export const companyDealsSchema = z.strictObject({ ...pageQuery });

/** The longest forecast one request may ask for. */
export const MAX_FORECAST_MONTHS = 24;

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** `GET /v1/forecast`: months `from` to `to` inclusive (default: this month and the next five). */
export const forecastQuerySchema = z
  .strictObject({
    from: calendarMonth.optional(),
    to: calendarMonth.optional(),
    ownerId: pathId.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    const span = monthIndex(q.to) - monthIndex(q.from);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from' });
    else if (span >= MAX_FORECAST_MONTHS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_FORECAST_MONTHS} months from from` });
  });
export type ForecastQuery = z.infer<typeof forecastQuerySchema>;
