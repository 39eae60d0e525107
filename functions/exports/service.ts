import type { ExportJob } from '../data/export-job.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { documentStore } from '../shared/documents.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { ExportView } from './contract.js';
import { listCsv, listRows, type ListFilters } from './lists.js';
import { INLINE_EXPORT_ROWS, type StartExportInput } from './schema.js';
import { tenantArchive } from './tenant-archive.js';

export interface ExportDeps extends Deps {
  sendExport: (body: { tenantId: string; exportId: string }) => Promise<unknown>;
}

const LINK_SECONDS = 3600;
const store = (tenantId: string) => documentStore({ area: 'exports', tenantId });
const fileKey = (tenantId: string, exportId: string, kind: string) =>
  `${store(tenantId).prefix}${exportId}/${kind === 'tenant' ? 'workspace.zip' : `${kind}.csv`}`;

/** Writes a list's CSV (or the workspace's zip) and returns its key and row count. */
async function writeFile(ctx: TenantContext, exportId: string, input: StartExportInput, deps: Deps) {
  const key = fileKey(ctx.tenantId, exportId, input.kind);
  if (input.kind === 'tenant') {
    const { zip, rows } = await tenantArchive(ctx.tenantId, deps);
    await store(ctx.tenantId).put(key, zip, 'application/zip');
    return { key, rows };
  }
  const rows = await listRows(ctx, input as ListFilters, Infinity, deps);
  await store(ctx.tenantId).put(key, listCsv(input.kind, rows), 'text/csv; charset=utf-8');
  return { key, rows: rows.length };
}

/**
 * A list of up to INLINE_EXPORT_ROWS rows is written now and answered with its link; a longer
 * one, and the workspace archive, go to the export queue and are polled by exportId.
 */
export async function startExport(
  ctx: TenantContext,
  input: StartExportInput,
  deps: ExportDeps,
): Promise<{ view: ExportView; queued: boolean }> {
  if (input.kind === 'tenant' && ctx.role !== 'owner') {
    throw new ForbiddenError('Only the workspace owner can export all of its data');
  }
  const exportId = deps.newId();
  if (input.kind !== 'tenant') {
    const rows = await listRows(ctx, input, INLINE_EXPORT_ROWS, deps);
    if (rows.length <= INLINE_EXPORT_ROWS) {
      const key = fileKey(ctx.tenantId, exportId, input.kind);
      await store(ctx.tenantId).put(key, listCsv(input.kind, rows), 'text/csv; charset=utf-8');
      const url = await store(ctx.tenantId).presignGet(key, { expiresInSeconds: LINK_SECONDS });
      return { view: { kind: input.kind, status: 'done', rows: rows.length, url }, queued: false };
    }
  }
  const now = deps.now();
  const job: ExportJob = {
    tenantId: ctx.tenantId,
    exportId,
    kind: input.kind,
    filters: JSON.stringify('filters' in input ? input.filters : {}),
    status: 'running',
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
  };
  await deps.db.entities.exportJob.create(job).go();
  await deps.sendExport({ tenantId: ctx.tenantId, exportId });
  return { view: { exportId, kind: job.kind, status: 'running', createdAt: now }, queued: true };
}

/** Writes a queued export (the export queue's work); a redelivery of a finished one does nothing. */
export async function runExport(tenantId: string, exportId: string, deps: Deps): Promise<void> {
  const { data: job } = await deps.db.entities.exportJob.get({ tenantId, exportId }).go({ consistent: true });
  if (!job || job.status !== 'running') return;
  // Background work as the person who asked: the lists are read with their view of the workspace.
  const ctx: TenantContext = { kind: 'tenant', tenantId, userId: job.createdBy, role: 'owner', email: '', name: '' };
  const input = { kind: job.kind, filters: JSON.parse(job.filters) } as StartExportInput;
  const { key, rows } = await writeFile(ctx, exportId, input, deps);
  await deps.db.entities.exportJob
    .patch({ tenantId, exportId })
    .set({ status: 'done', key, rows, updatedAt: deps.now() })
    .go();
}

/** An export's status, with a fresh link once written. */
export async function getExport(ctx: TenantContext, exportId: string, deps: Deps): Promise<ExportView> {
  const { data: job } = await deps.db.entities.exportJob.get({ tenantId: ctx.tenantId, exportId }).go();
  if (!job) throw new NotFoundError('Export');
  const url = job.key ? await store(ctx.tenantId).presignGet(job.key, { expiresInSeconds: LINK_SECONDS }) : undefined;
  return {
    exportId,
    kind: job.kind,
    status: job.status,
    createdAt: job.createdAt,
    ...(job.rows !== undefined ? { rows: job.rows } : {}),
    ...(url ? { url } : {}),
  };
}
