import type { ImportJob } from '../data/import-job.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '../shared/errors.js';
import type { ImportView, DryRunView, UploadView } from './contract.js';
import { companyNamed, companyReferenced, companyRepeated, contactRepeated } from './duplicates.js';
import { importFiles, type ImportFiles } from './files.js';
import { finishIfComplete } from './finish.js';
import { dealRefs, resolveDeal, type DealRefs } from './deal-rows.js';
import { DEFAULT_CURRENCY } from '../shared/validation.js';
import { checkFile, repeatsInFile, type CheckedFile, type ValidRow } from './rows.js';
import { CHUNK_ROWS, MAX_UPLOAD_BYTES, PREVIEW_ROWS, type RowError, type StartImportInput } from './schema.js';

export interface ImportDeps extends Deps {
  files?: (tenantId: string) => ImportFiles;
  /** Queues chunk messages (sendToQueue('import-chunks', …) in the handler). */
  sendChunks: (bodies: unknown[]) => Promise<unknown>;
}

const filesOf = (ctx: TenantContext, deps: ImportDeps) => (deps.files ?? importFiles)(ctx.tenantId);

/** A presigned PUT for a CSV too large to send inline; its key then goes in `uploadKey`. */
export async function createUpload(ctx: TenantContext, deps: ImportDeps): Promise<UploadView> {
  const uploadKey = deps.newId();
  const url = await filesOf(ctx, deps).presignUpload(uploadKey);
  return { uploadKey, url, method: 'PUT', headers: { 'content-type': 'text/csv' }, maxBytes: MAX_UPLOAD_BYTES };
}

async function csvOf(ctx: TenantContext, input: StartImportInput, deps: ImportDeps): Promise<string> {
  if (input.csv !== undefined) return input.csv;
  const files = filesOf(ctx, deps);
  const size = await files.uploadSize(input.uploadKey!);
  if (size === undefined) {
    throw new ValidationError('Nothing was uploaded under this key', [
      { path: 'uploadKey', message: 'No such upload' },
    ]);
  }
  if (size > MAX_UPLOAD_BYTES) throw new PayloadTooLargeError(MAX_UPLOAD_BYTES);
  return files.readUpload(input.uploadKey!);
}

/** Rows that repeat an earlier row of the file: skipped in skip and update modes, with a warning. */
function inFileRepeats(checked: CheckedFile, input: StartImportInput) {
  const repeats = input.onDuplicate === 'create' ? new Map<number, number>() : repeatsInFile(checked.valid);
  const warnings: RowError[] = [...repeats].map(([row, earlier]) => ({
    row,
    message: `Repeats row ${earlier} of this file: skipped`,
  }));
  return { repeats, warnings, rows: checked.valid.filter((r) => !repeats.has(r.row)) };
}

/** What a row would do against the stored records now (the dry run's view of duplicates). */
async function dryRunRow(
  ctx: TenantContext,
  row: ValidRow,
  input: StartImportInput,
  columns: Record<string, string>,
  deps: ImportDeps,
  refs: DealRefs | undefined,
) {
  const warnings: RowError[] = [];
  const errors: RowError[] = [];
  let outcome: 'create' | 'update' | 'skip' = 'create';
  if (row.kind === 'deals') {
    const company = await companyReferenced(deps.db, ctx.tenantId, row.refs.company);
    const resolved = resolveDeal(row, company, refs!, columns);
    if ('errors' in resolved) errors.push(...resolved.errors);
  } else if (row.kind === 'companies') {
    const repeated =
      input.onDuplicate === 'create' ? undefined : await companyRepeated(deps.db, ctx.tenantId, row.input, '');
    if (repeated) outcome = input.onDuplicate === 'skip' ? 'skip' : 'update';
    else {
      const named = await companyNamed(deps.db, ctx.tenantId, row.input.name);
      if (named)
        warnings.push({
          row: row.row,
          field: 'name',
          column: columns.name,
          message: `A company named "${named.name}" exists already`,
        });
    }
  } else {
    const company = await companyReferenced(deps.db, ctx.tenantId, row.company);
    if (!company)
      errors.push({
        row: row.row,
        field: 'company',
        column: columns.company,
        message: `No company with the domain or name "${row.company}"`,
      });
    const repeated =
      input.onDuplicate === 'create'
        ? undefined
        : await contactRepeated(deps.db, ctx.tenantId, row.input.emails[0]?.address, '');
    if (repeated) outcome = input.onDuplicate === 'skip' ? 'skip' : 'update';
  }
  return { outcome, warnings, errors };
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A row's references as its file names them, for the preview. */
const previewRefs = (r: ValidRow) =>
  r.kind === 'contacts'
    ? { company: r.company }
    : r.kind === 'deals'
      ? Object.fromEntries(Object.entries(r.refs).filter(([, v]) => v !== undefined))
      : {};

/** The workspace's currency, the default of a deal row that names none. */
async function workspaceCurrency(ctx: TenantContext, deps: Deps): Promise<string> {
  const { data } = await deps.db.entities.tenant.get({ tenantId: ctx.tenantId }).go({ attributes: ['currency'] });
  return data?.currency ?? DEFAULT_CURRENCY;
}

/** The dry run: every row checked and matched, nothing written. */
async function dryRun(
  ctx: TenantContext,
  input: StartImportInput,
  checked: CheckedFile,
  deps: ImportDeps,
): Promise<DryRunView> {
  const { repeats, warnings, rows } = inFileRepeats(checked, input);
  const refs = input.kind === 'deals' ? await dealRefs(ctx, deps) : undefined;
  const looked = await mapLimited(rows, 16, (row) => dryRunRow(ctx, row, input, checked.columns, deps, refs));
  const lookupErrors = looked.flatMap((l) => l.errors);
  const failedRows = new Set(lookupErrors.map((e) => e.row));
  const errors = [...checked.errors, ...lookupErrors].sort((a, b) => a.row - b.row);
  const count = (o: string) => looked.filter((l, i) => l.outcome === o && !failedRows.has(rows[i]!.row)).length;
  return {
    dryRun: true,
    // Rows a lookup failed (an unknown company) will not be saved: they are errors, not preview.
    preview: checked.valid
      .filter((r) => !failedRows.has(r.row))
      .slice(0, PREVIEW_ROWS)
      .map((r) => ({ row: r.row, values: { ...r.input, ...previewRefs(r) } })),
    errors,
    warnings: [...warnings, ...looked.flatMap((l) => l.warnings)].sort((a, b) => a.row - b.row),
    counts: {
      rows: checked.rows,
      valid: checked.valid.length - failedRows.size,
      invalid: new Set(errors.map((e) => e.row)).size,
      create: count('create'),
      update: count('update'),
      skip: count('skip') + repeats.size,
    },
  };
}

/**
 * Starts an import: the file is checked whole (the rows the schemas refuse are the report's
 * first lines), the rest split into chunks of CHUNK_ROWS in the documents bucket, one queue
 * message each; the import-chunks consumer writes them. A dry run only checks and matches.
 */
export async function startImport(
  ctx: TenantContext,
  given: StartImportInput,
  deps: ImportDeps,
): Promise<DryRunView | { importId: string }> {
  // Deals have no natural key (DEALS_ALWAYS_CREATE): each row creates one, whatever was asked.
  const input: StartImportInput = given.kind === 'deals' ? { ...given, onDuplicate: 'create' } : given;
  const currency = input.kind === 'deals' ? await workspaceCurrency(ctx, deps) : undefined;
  const checked = checkFile(input.kind, await csvOf(ctx, input, deps), input.mapping, { currency });
  if (input.dryRun) return dryRun(ctx, input, checked, deps);
  const { repeats, rows } = inFileRepeats(checked, input);
  const files = filesOf(ctx, deps);
  const importId = deps.newId();
  const chunks: ValidRow[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) chunks.push(rows.slice(i, i + CHUNK_ROWS));
  await mapLimited(
    chunks.map((c, n) => [c, n] as const),
    8,
    ([c, n]) => files.putChunk(importId, n, { rows: c, columns: checked.columns }),
  );
  if (checked.errors.length) await files.putCheckErrors(importId, checked.errors);
  const now = deps.now();
  const failed = new Set(checked.errors.map((e) => e.row)).size;
  const job: ImportJob = {
    tenantId: ctx.tenantId,
    importId,
    kind: input.kind,
    onDuplicate: input.onDuplicate,
    status: 'running',
    ...(input.fileName ? { fileName: input.fileName } : {}),
    total: checked.rows,
    processed: failed + repeats.size,
    created: 0,
    updated: 0,
    skipped: repeats.size,
    failed,
    chunks: chunks.length,
    chunksDone: 0,
    createdAt: now,
    createdBy: ctx.userId,
    createdByName: ctx.name,
    updatedAt: now,
  };
  await deps.db.entities.importJob.create(job).go();
  if (chunks.length === 0) await finishIfComplete(job, files, deps);
  else await deps.sendChunks(chunks.map((_, chunk) => ({ tenantId: ctx.tenantId, importId, chunk })));
  return { importId };
}

/** An import's progress, with a link to its error report once there is one. */
export async function getImport(ctx: TenantContext, importId: string, deps: ImportDeps): Promise<ImportView> {
  const { data: job } = await deps.db.entities.importJob.get({ tenantId: ctx.tenantId, importId }).go();
  if (!job) throw new NotFoundError('Import');
  const { tenantId: _t, chunks: _c, chunksDone: _d, errorReportKey, createdBy: _b, ...view } = job;
  return {
    ...view,
    ...(errorReportKey ? { errorReportUrl: await filesOf(ctx, deps).presignReport(errorReportKey) } : {}),
  };
}
