import type { TenantContext } from '../shared/auth-context.js';
import { ConflictError, HttpError, NotFoundError, ValidationError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { BulkCompaniesInput, BulkItemResult } from './schema.js';
import { deleteCompany, getCompany, updateCompany } from '../companies/service.js';
import type { UpdateCompanyInput } from '../companies/schema.js';
import type { CompanyDeps } from '../companies/tombstone.js';

/** Companies written side by side: 100 ids take ~10 rounds of a few DynamoDB calls each. */
const IN_FLIGHT = 10;
const MAX_TAGS = 30;

export interface BulkResult {
  results: BulkItemResult[];
  updated: number;
  unchanged: number;
  deleted: number;
  notFound: number;
  failed: number;
}

type Change = NonNullable<BulkCompaniesInput['set']>;

/**
 * The same change to many companies, each its own versioned write with its own timeline entry
 * (so one company changed meanwhile, or deleted, is reported and the rest still apply). A
 * company someone changes between the read and the write is read again once. Sending the same
 * request again changes nothing more: setting a stage or owner it has, or tags it has, is
 * `unchanged`, and deleting a deleted company is `not_found`.
 */
export async function bulkCompanies(
  ctx: TenantContext,
  input: BulkCompaniesInput,
  deps: CompanyDeps,
): Promise<BulkResult> {
  const set = input.delete ? undefined : input.set;
  if (set?.ownerId) {
    const owner = await deps.db.entities.user.get({ tenantId: ctx.tenantId, userId: set.ownerId }).go();
    if (!owner.data)
      throw new ValidationError('The owner is not a user of this workspace', [
        { path: 'set.ownerId', message: 'Unknown user' },
      ]);
  }
  const one = (companyId: string) => (set ? changeOne(ctx, companyId, set, deps) : deleteOne(ctx, companyId, deps));
  const results: BulkItemResult[] = [];
  for (let i = 0; i < input.ids.length; i += IN_FLIGHT)
    results.push(...(await Promise.all(input.ids.slice(i, i + IN_FLIGHT).map(one))));
  const count = (o: BulkItemResult['outcome']) => results.filter((r) => r.outcome === o).length;
  return {
    results,
    updated: count('updated'),
    unchanged: count('unchanged'),
    deleted: count('deleted'),
    notFound: count('not_found'),
    failed: count('failed'),
  };
}

function patchFor(tags: string[], set: Change): UpdateCompanyInput {
  const patch: UpdateCompanyInput = {};
  if (set.stage) patch.stage = set.stage;
  if ('ownerId' in set) patch.ownerId = set.ownerId ?? null;
  const added = (set.addTags ?? []).filter((t) => !tags.some((have) => have.toLowerCase() === t.toLowerCase()));
  if (added.length) patch.tags = [...tags, ...added];
  return patch;
}

async function changeOne(
  ctx: TenantContext,
  companyId: string,
  set: Change,
  deps: CompanyDeps,
): Promise<BulkItemResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const before = await getCompany(ctx, companyId, deps);
      const patch = patchFor(before.tags ?? [], set);
      if ((patch.tags?.length ?? 0) > MAX_TAGS)
        return { companyId, outcome: 'failed', message: `It would have more than ${MAX_TAGS} tags` };
      const after = await updateCompany(ctx, companyId, patch, before.version, deps);
      return { companyId, outcome: after.version > before.version ? 'updated' : 'unchanged', version: after.version };
    } catch (error) {
      if (error instanceof ConflictError && attempt < 2) continue;
      return failure(companyId, error);
    }
  }
}

async function deleteOne(ctx: TenantContext, companyId: string, deps: CompanyDeps): Promise<BulkItemResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deleteCompany(ctx, companyId, deps);
      return { companyId, outcome: 'deleted' };
    } catch (error) {
      if (error instanceof ConflictError && attempt < 2) continue;
      return failure(companyId, error);
    }
  }
}

function failure(companyId: string, error: unknown): BulkItemResult {
  if (error instanceof NotFoundError) return { companyId, outcome: 'not_found' };
  if (error instanceof HttpError && error.status < 500)
    return { companyId, outcome: 'failed', message: error.detail ?? error.title };
  // One company's write failing (throttled, a timeout) must not hide what happened to the others.
  logger.error('bulk company change failed', { companyId, error: error as Error });
  return { companyId, outcome: 'failed', message: 'It could not be changed just now; try again' };
}
