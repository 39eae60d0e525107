import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { RUN_STATUSES, RUN_STEPS } from '../shared/enums.js';

const promptUsed = {
  type: 'map',
  properties: {
    source: { type: 'string', required: true },
    promptId: { type: 'string' },
    version: { type: 'number' },
    name: { type: 'string', required: true },
    model: { type: 'string', required: true },
  },
} as const;

/** One AI analysis of a company, kept forever as history: inputs, prompts used, result, cost. */
export const AnalysisRunEntity = new Entity(
  {
    model: { entity: 'analysisRun', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      runId: { type: 'string', required: true, readOnly: true },
      status: { type: RUN_STATUSES, required: true },
      step: { type: RUN_STEPS, required: true },
      trigger: { type: ['manual', 'bulk'] as const, required: true, readOnly: true },
      batchId: { type: 'string', readOnly: true },
      requestedBy: { type: 'string', required: true, readOnly: true },
      requestedByName: { type: 'string', required: true, readOnly: true },
      provider: { type: 'string' },
      model: { type: 'string' },
      prompts: { type: 'map', properties: { analysis: promptUsed, scoring: promptUsed } },
      /** The facts gathered in the first step (also what the prompts were rendered from). */
      facts: { type: 'any' },
      analysis: { type: 'any' },
      scores: { type: 'any' },
      error: { type: 'map', properties: { code: { type: 'string' }, reason: { type: 'string' } } },
      inputTokens: { type: 'number' },
      outputTokens: { type: 'number' },
      costMicros: { type: 'number' },
      cached: { type: 'boolean' },
      attempts: { type: 'number' },
      /** A bulk run put back in the queue until then (ISO): the tenant's share of a provider was spent. */
      deferredUntil: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      startedAt: { type: 'string' },
      finishedAt: { type: 'string' },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      /** A company's runs; run ids are ULIDs, so newest last (query descending for history). */
      byCompany: {
        pk: { field: 'pk', composite: ['tenantId', 'companyId'] },
        sk: { field: 'sk', composite: ['runId'] },
      },
    },
  },
  entityConfig,
);
export type AnalysisRun = EntityItem<typeof AnalysisRunEntity>;

/** Analysis of every company in one stage, fanned out through the bulk queue. */
export const AnalysisBatchEntity = new Entity(
  {
    model: { entity: 'analysisBatch', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      batchId: { type: 'string', required: true, readOnly: true },
      stage: { type: 'string', required: true, readOnly: true },
      /** Companies counted at the start (at most MAX_BATCH); set to the runs created once the fan-out ends. */
      total: { type: 'number', required: true },
      /** Companies the fan-out has paged through so far (functions/analysis/fanout.ts). */
      fanoutOffset: { type: 'number' },
      /** The stage query's cursor for the page at `fanoutOffset`, so a lost fan-out message can be sent again. */
      fanoutCursor: { type: 'string' },
      /** Every page was fanned out: `total` is final. */
      fannedOut: { type: 'boolean' },
      succeeded: { type: 'number', default: 0 },
      failed: { type: 'number', default: 0 },
      requestedBy: { type: 'string', required: true, readOnly: true },
      requestedByName: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      /** A tenant's batches; ids are ULIDs, so query descending for newest first. */
      byTenant: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['batchId'] } },
    },
  },
  entityConfig,
);
export type AnalysisBatch = EntityItem<typeof AnalysisBatchEntity>;

/**
 * At most one manual analysis of a company at a time: held by the running run, released when it
 * finishes, and ignored once `expiresAt` passes (a lost run cannot block the company for good).
 */
export const AnalysisLockEntity = new Entity(
  {
    model: { entity: 'analysisLock', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      runId: { type: 'string', required: true },
      /** Epoch milliseconds. */
      expiresAt: { type: 'number', required: true },
      ttl: { type: 'number', required: true },
    },
    indexes: {
      /** The lock of one company. */
      byCompany: { pk: { field: 'pk', composite: ['tenantId', 'companyId'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  entityConfig,
);

/**
 * A bulk analysis message not yet settled: written before the message is queued, removed once
 * its run has succeeded or failed, so queued work can be rebuilt from the table (the local SQS
 * lives in memory; a partial send can be repaired the same way).
 */
export const AnalysisOutboxEntity = new Entity(
  {
    model: { entity: 'analysisOutbox', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      batchId: { type: 'string', required: true, readOnly: true },
      runId: { type: 'string', required: true, readOnly: true },
      companyId: { type: 'string', required: true, readOnly: true },
      requestedBy: { type: 'string', required: true, readOnly: true },
      requestedByName: { type: 'string', required: true, readOnly: true },
      /** When the message was last sent; the cloud drain resends only entries older than a delivery could take. */
      queuedAt: { type: 'string' },
    },
    indexes: {
      /** A batch's unsettled messages. */
      byBatch: { pk: { field: 'pk', composite: ['tenantId', 'batchId'] }, sk: { field: 'sk', composite: ['runId'] } },
    },
  },
  entityConfig,
);
