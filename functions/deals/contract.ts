import * as z from 'zod';
import { defineContract, idParams, money, noContent, page, READ, WRITE } from '../shared/contract.js';
import { DEAL_STATUSES } from '../shared/enums.js';
import {
  companyDealsSchema,
  createDealSchema,
  forecastQuerySchema,
  listDealsSchema,
  updateDealSchema,
} from './schema.js';

/** A deal as the API returns it. */
export const dealView = z
  .object({
    dealId: z.string(),
    name: z.string(),
    companyId: z.string(),
    /** The company's current name (lists and reads join it). */
    companyName: z.string().optional(),
    contactIds: z.array(z.string()),
    ownerId: z.string(),
    value: money,
    expectedCloseDate: z.string(),
    probabilityBps: z.number().optional(),
    pipelineId: z.string(),
    stageId: z.string(),
    status: z.enum(DEAL_STATUSES),
    lostReason: z.string().optional(),
    source: z.string().optional(),
    /** The quote whose total the value follows. */
    primaryQuoteId: z.string().optional(),
    stageChangedAt: z.string(),
    closedAt: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Deal' });
export type DealView = z.output<typeof dealView>;

/** One cell of the forecast: a month, an owner and a currency. */
export const forecastRow = z
  .object({
    month: z.string(),
    ownerId: z.string(),
    currency: z.string(),
    deals: z.number(),
    value: money,
    weighted: money,
  })
  .meta({ id: 'ForecastRow' });

export const forecastView = z
  .object({
    from: z.string(),
    to: z.string(),
    rounding: z.string(),
    rows: z.array(forecastRow),
    /** Per currency over the whole range: currencies are never added together. */
    totals: z.array(z.object({ currency: z.string(), deals: z.number(), value: money, weighted: money })),
  })
  .meta({ id: 'Forecast' });
export type ForecastView = z.output<typeof forecastView>;

const deal = idParams('dealId');

/** Deals: a sale with a company, moved through a pipeline's stages; and the forecast. */
export const dealsApi = defineContract('deals', {
  list: {
    method: 'GET',
    path: '/v1/deals',
    auth: 'tenant',
    roles: READ,
    summary:
      'Deals by expected close date, or one pipeline’s by stage (`pipelineId`, `stageId`); filters for owner, close month and status',
    query: listDealsSchema,
    response: page(dealView),
  },
  create: {
    method: 'POST',
    path: '/v1/deals',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Create a deal; a lead company with its first open deal becomes an opportunity',
    body: createDealSchema,
    response: dealView,
    status: 201,
  },
  get: {
    method: 'GET',
    path: '/v1/deals/{dealId}',
    auth: 'tenant',
    roles: READ,
    summary: 'One deal',
    params: deal,
    response: dealView,
  },
  update: {
    method: 'PATCH',
    path: '/v1/deals/{dealId}',
    auth: 'tenant',
    roles: WRITE,
    summary:
      'Change a deal or move it to another stage (on the company’s timeline); winning makes the company a customer; losing needs a lostReason',
    params: deal,
    body: updateDealSchema,
    response: dealView,
    versioned: true,
  },
  remove: {
    method: 'DELETE',
    path: '/v1/deals/{dealId}',
    auth: 'tenant',
    roles: WRITE,
    summary: 'Delete a deal',
    params: deal,
    response: noContent,
    status: 204,
  },
  forCompany: {
    method: 'GET',
    path: '/v1/companies/{companyId}/deals',
    auth: 'tenant',
    roles: READ,
    summary: 'A company’s deals, newest first',
    params: idParams('companyId'),
    query: companyDealsSchema,
    response: page(dealView),
  },
  forecast: {
    method: 'GET',
    path: '/v1/forecast',
    auth: 'tenant',
    roles: READ,
    summary:
      'Weighted value (value × probability, rounded half up per deal) of open and won deals by close month, owner and currency',
    query: forecastQuerySchema,
    response: forecastView,
  },
});
