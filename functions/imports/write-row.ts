import { updateCompany } from '../companies/service.js';
import type { UpdateCompanyInput } from '../companies/schema.js';
import { updateContact } from '../contacts/service.js';
import type { UpdateContactInput } from '../contacts/schema.js';
import type { Company } from '../data/company.js';
import type { Contact } from '../data/contact.js';
import type { ImportJob } from '../data/import-job.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, HttpError } from '../shared/errors.js';
import { companiesRepeated, companyReferenced, contactRepeated, once } from './duplicates.js';
import { rowId, withIds } from './row-ids.js';
import type { RowError } from './schema.js';
import type { NewRow, ValidRow } from './rows.js';
import { importContext } from './context.js';
import { createDealRow, dealRefs, oneAtATime, resolveDeal, type DealRefs } from './deal-rows.js';

export type Outcome = 'created' | 'updated' | 'skipped' | { error: RowError };

/** Tries at an update whose record moved on meanwhile (another user, or the same row delivered twice). */
const UPDATE_TRIES = 3;

const union = (a: string[] | undefined, b: string[] | undefined, max: number) =>
  [...new Set([...(a ?? []), ...(b ?? [])])].slice(0, max);

function companyPatch(row: Extract<ValidRow, { kind: 'companies' }>, before: Company): UpdateCompanyInput {
  const { input, given } = row;
  const patch: Record<string, unknown> = {};
  for (const field of ['name', 'domain', 'companyNumber', 'stage', 'industry', 'addresses'] as const) {
    if (given.includes(field)) patch[field] = input[field];
  }
  if (given.includes('tags')) patch.tags = union(before.tags, input.tags, 30);
  if (given.includes('knownFacts')) patch.knownFacts = union(before.knownFacts, input.knownFacts, 50);
  return patch as UpdateCompanyInput;
}

function contactPatch(row: Extract<ValidRow, { kind: 'contacts' }>, before: Contact): UpdateContactInput {
  const { input, given } = row;
  const patch: Record<string, unknown> = {};
  for (const field of ['firstName', 'lastName', 'jobTitle', 'role', 'notes'] as const) {
    if (given.includes(field)) patch[field] = input[field];
  }
  const phones = before.phones ?? [];
  const digits = (n: string) => n.replace(/\D/g, '');
  const newPhones = input.phones.filter((p) => !phones.some((q) => digits(q.number) === digits(p.number)));
  if (newPhones.length)
    patch.phones = [...phones, ...newPhones.map((p) => ({ ...p, primary: phones.length === 0 && p.primary }))].slice(
      0,
      10,
    );
  return patch as UpdateContactInput;
}

/**
 * Applies a row to an existing record through the service's own update (versioned, with its
 * timeline entry under the row's entry id). The entry already there means an earlier delivery
 * did it; no change at all is a skip.
 */
async function updateRecord(
  ctx: TenantContext,
  row: Exclude<ValidRow, { kind: 'deals' }>,
  found: Company | Contact,
  entryId: string,
  deps: Deps,
): Promise<Outcome> {
  let current = found;
  for (let attempt = 1; ; attempt++) {
    const companyId = current.companyId;
    const { data: entry } = await deps.db.entities.timelineEntry
      .get({ tenantId: ctx.tenantId, companyId, entryId })
      .go();
    if (entry) return 'updated';
    try {
      const after =
        row.kind === 'companies'
          ? await updateCompany(
              ctx,
              companyId,
              companyPatch(row, current as Company),
              current.version,
              withIds(deps, [entryId]),
            )
          : await updateContact(
              ctx,
              (current as Contact).contactId,
              contactPatch(row, current as Contact),
              current.version,
              withIds(deps, [entryId]),
            );
      return after.version === current.version ? 'skipped' : 'updated';
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= UPDATE_TRIES) throw error;
      const { data } =
        row.kind === 'companies'
          ? await deps.db.entities.company.get({ tenantId: ctx.tenantId, companyId }).go({ consistent: true })
          : await deps.db.entities.contact
              .get({ tenantId: ctx.tenantId, contactId: (current as Contact).contactId })
              .go({ consistent: true });
      if (!data) return 'skipped';
      current = data;
    }
  }
}

/** A chunk's duplicate lookups, each key asked once for the whole chunk. */
export interface ChunkLookups {
  companyRepeated: (keys: { domain?: string; companyNumber?: string }, exceptId: string) => Company | undefined;
  companyReferenced: (ref: string) => Promise<Company | undefined>;
  /** A deals import's stages and owners. */
  deals?: DealRefs;
  /** Writes of one company in turn (a deal may move its company's stage). */
  byCompany: ReturnType<typeof oneAtATime<string>>;
}

/** The lookups of a chunk's rows: companies' domains and numbers fetched up front, in one go. */
export async function chunkLookups(job: ImportJob, rows: ValidRow[], deps: Deps): Promise<ChunkLookups> {
  const companies = rows.flatMap((r) => (r.kind === 'companies' ? [r.input] : []));
  const repeated =
    job.onDuplicate === 'create' || companies.length === 0
      ? () => undefined
      : await companiesRepeated(deps.db, job.tenantId, companies);
  return {
    companyRepeated: repeated,
    companyReferenced: once((ref: string) => companyReferenced(deps.db, job.tenantId, ref.trim().toLowerCase())),
    deals: job.kind === 'deals' ? await dealRefs(importContext(job), deps) : undefined,
    byCompany: oneAtATime<string>(),
  };
}

/**
 * Decides what one row of an import does, and does it when it is an update (through the
 * service's own versioned update, at most once per row: its timeline entry has the row's id).
 * A row to create is returned for createRows, which writes a chunk's creates in batches.
 */
export async function planRow(
  job: ImportJob,
  row: ValidRow,
  columns: Record<string, string>,
  lookups: ChunkLookups,
  deps: Deps,
): Promise<Outcome | { create: NewRow }> {
  const ctx = importContext(job);
  const recordId = rowId(job.importId, row.row, 'record');
  const entryId = rowId(job.importId, row.row, 'entry');
  try {
    if (row.kind === 'companies') {
      const repeated = lookups.companyRepeated(row.input, recordId);
      if (repeated && job.onDuplicate === 'skip') return 'skipped';
      if (repeated) return await updateRecord(ctx, row, repeated, entryId, deps);
      return { create: { row } };
    }
    if (row.kind === 'deals') {
      const company = await lookups.companyReferenced(row.refs.company);
      const resolved = resolveDeal(row, company, lookups.deals!, columns);
      if ('errors' in resolved) return { error: resolved.errors[0]! };
      return await lookups.byCompany(resolved.input.companyId, () =>
        createDealRow(ctx, job, row, resolved.input, deps),
      );
    }
    const company = await lookups.companyReferenced(row.company);
    if (!company) {
      return {
        error: {
          row: row.row,
          field: 'company',
          column: columns.company,
          message: `No company with the domain or name "${row.company}"`,
        },
      };
    }
    const email = row.input.emails[0]?.address;
    const repeated =
      job.onDuplicate === 'create' ? undefined : await contactRepeated(deps.db, ctx.tenantId, email, recordId);
    if (repeated && job.onDuplicate === 'skip') return 'skipped';
    if (repeated) return await updateRecord(ctx, row, repeated, entryId, deps);
    return { create: { row, companyId: company.companyId } };
  } catch (error) {
    // A rule the row breaks (its record deleted meanwhile): that row's failure, not the chunk's.
    if (error instanceof HttpError && error.status < 500) {
      return { error: { row: row.row, message: error.message } };
    }
    throw error;
  }
}
