import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { IMPORT_KINDS, ON_DUPLICATE } from '../shared/enums.js';

/**
 * One CSV import: what it reads, how far it has got. The counters are only ever ADDed, by the
 * transaction that marks a chunk counted (ImportChunkEntity), so a redelivered chunk adds nothing.
 */
export const ImportJobEntity = new Entity(
  {
    model: { entity: 'importJob', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      importId: { type: 'string', required: true, readOnly: true },
      kind: { type: IMPORT_KINDS, required: true, readOnly: true },
      onDuplicate: { type: ON_DUPLICATE, required: true, readOnly: true },
      status: { type: ['running', 'done'] as const, required: true },
      fileName: { type: 'string' },
      total: { type: 'number', required: true },
      processed: { type: 'number', required: true },
      created: { type: 'number', required: true },
      updated: { type: 'number', required: true },
      skipped: { type: 'number', required: true },
      failed: { type: 'number', required: true },
      /** Chunks queued, and chunks counted so far: the import is done when they meet. */
      chunks: { type: 'number', required: true },
      chunksDone: { type: 'number', required: true },
      /** The error report CSV in the documents bucket, once written (only when a row failed). */
      errorReportKey: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      createdByName: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      finishedAt: { type: 'string' },
    },
    indexes: {
      /** One import by id (GET /v1/imports/{importId}, and each chunk's progress update). */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['importId'] } },
    },
  },
  entityConfig,
);
export type ImportJob = EntityItem<typeof ImportJobEntity>;

const rowError = {
  type: 'map',
  properties: {
    row: { type: 'number', required: true },
    column: { type: 'string' },
    field: { type: 'string' },
    message: { type: 'string', required: true },
  },
} as const;

/**
 * A chunk of an import that has been written and counted: created once (conditionally) in the
 * transaction that adds its counts to the import, so a chunk is counted exactly once. Keeps the
 * rows that failed while writing, for the error report.
 */
export const ImportChunkEntity = new Entity(
  {
    model: { entity: 'importChunk', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      importId: { type: 'string', required: true, readOnly: true },
      chunk: { type: 'number', required: true, readOnly: true },
      errors: { type: 'list', items: rowError },
      countedAt: { type: 'string', required: true },
    },
    indexes: {
      /** An import's counted chunks in order (the error report reads them all at the end). */
      byImport: {
        pk: { field: 'pk', composite: ['tenantId', 'importId'] },
        sk: { field: 'sk', composite: ['chunk'] },
      },
    },
  },
  entityConfig,
);
export type ImportChunk = EntityItem<typeof ImportChunkEntity>;
