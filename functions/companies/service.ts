import { diffFields, timelineEntry } from '../activities/timeline.js';
import type { Company } from '../data/company.js';
import { childKeys, COMPANY_CHILDREN, deleteChildItem } from '../data/company-children.js';
import { writeVersioned } from '../data/versioned-write.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, DomainRuleError, NotFoundError, ValidationError } from '../shared/errors.js';
import { staleVersion, stripNulls } from '../shared/records.js';
import { logger } from '../shared/logger.js';
import { checkCursor, mapPage, type Page } from '../shared/pagination.js';
import type { CompanyView } from './contract.js';
import type { CreateCompanyInput, ListCompaniesQuery, UpdateCompanyInput } from './schema.js';
import { queuePurge, type CompanyDeps } from './tombstone.js';
import { search } from '../search/service.js';
import { companySearchable, tokenWrites } from '../search/tokens.js';

const TRACKED_FIELDS = [
  'name',
  'domain',
  'companyNumber',
  'stage',
  'industry',
  'addresses',
  'tags',
  'ownerId',
  'knownFacts',
  'leadScore',
  'healthScore',
] as const satisfies readonly (keyof Company)[];

/**
 * Companies with more contacts than this are refused deletion until contacts are removed: they go in the
 * company's delete transaction, which DynamoDB caps at 100 items (the company, its tombstone, its purge
 * record and the deletion's timeline entry take four).
 */
export const MAX_CASCADE_CONTACTS = 96;

/** A company as the API returns it; lists are always present, even on items stored without them. */
export const toCompanyView = ({ tenantId: _tenantId, ownerId, ...company }: Company): CompanyView => ({
  ...company,
  // Stored as '' when unowned (see the byOwner index).
  ...(ownerId ? { ownerId } : {}),
  addresses: company.addresses ?? [],
  tags: company.tags ?? [],
  knownFacts: company.knownFacts ?? [],
});

async function assertOwnerInTenant(ctx: TenantContext, ownerId: string | null | undefined, deps: Deps) {
  if (!ownerId) return;
  const owner = await deps.db.entities.user.get({ tenantId: ctx.tenantId, userId: ownerId }).go();
  if (!owner.data)
    throw new ValidationError('The owner is not a user of this workspace', [
      { path: 'ownerId', message: 'Unknown user' },
    ]);
}

const fitting = (items: object[], used: number) => (used + items.length <= 100 ? items : []);

/** Loads a company of the caller's tenant or fails with 404. */
export async function getCompany(ctx: TenantContext, companyId: string, deps: Deps): Promise<Company> {
  const found = await deps.db.entities.company.get({ tenantId: ctx.tenantId, companyId }).go();
  if (!found.data) throw new NotFoundError('Company');
  return found.data;
}

/** Creates a company and its first timeline entry in one transaction. */
export async function createCompany(ctx: TenantContext, input: CreateCompanyInput, deps: Deps): Promise<CompanyView> {
  await assertOwnerInTenant(ctx, input.ownerId, deps);
  const now = deps.now();
  const company: Company = {
    ...input,
    tenantId: ctx.tenantId,
    companyId: deps.newId(),
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    version: 1,
  };
  const entry = timelineEntry(
    ctx,
    {
      companyId: company.companyId,
      action: 'created',
      subjectType: 'company',
      subjectId: company.companyId,
      subjectName: company.name,
    },
    { entryId: deps.newId(), at: now },
  );
  await writeVersioned(deps.db, {
    entity: 'company',
    op: 'create',
    item: company,
    also: (entities) => [
      entities.timelineEntry.create(entry).commit(),
      ...tokenWrites(entities, undefined, companySearchable(company)),
    ],
    conflict: () => new ConflictError('A company with this id already exists'),
  });
  return toCompanyView(company);
}

/**
 * Lists companies A→Z (or Z→A), optionally one stage, one owner and/or a case-insensitive name prefix.
 * Stage, owner and prefix each have an index, so a page reads only matching items: at most
 * `limit` (≤ 100). Owner and stage together read the owner's index and filter the stage in one
 * DynamoDB request of `limit` items, so such a page may hold fewer (even none) with a cursor
 * to continue.
 */
export async function listCompanies(
  ctx: TenantContext,
  query: ListCompaniesQuery,
  deps: Deps,
): Promise<Page<CompanyView>> {
  if (query.q && /[\p{L}\p{N}]/u.test(query.q)) return searchCompanies(ctx, query, deps);
  const company = deps.db.entities.company;
  const prefix = query.q ? { name: query.q.toLowerCase() } : undefined;
  const order = query.sort === '-name' ? 'desc' : 'asc';
  if (query.owner) {
    const base = company.query.byOwner({ tenantId: ctx.tenantId, ownerId: query.owner });
    const ranged = prefix ? base.begins(prefix) : base;
    if (!query.stage) {
      const cursor = checkCursor(query.cursor, ranged);
      return mapPage(await ranged.go({ count: query.limit, cursor, order }), toCompanyView);
    }
    const stage = query.stage;
    const filtered = ranged.where(({ stage: s }, { eq }) => eq(s, stage));
    const cursor = checkCursor(query.cursor, filtered);
    return mapPage(await filtered.go({ limit: query.limit, pages: 1, cursor, order }), toCompanyView);
  }
  const base = query.stage
    ? company.query.byStage({ tenantId: ctx.tenantId, stage: query.stage })
    : company.query.byName({ tenantId: ctx.tenantId });
  const ranged = prefix ? base.begins(prefix) : base;
  const cursor = checkCursor(query.cursor, ranged);
  return mapPage(await ranged.go({ count: query.limit, cursor, order }), toCompanyView);
}

/**
 * `?q=` reads the search index (functions/search), so the list and the search box agree: the
 * best `limit` matches in one page (no cursor), A→Z, after the stage and owner filters.
 */
async function searchCompanies(ctx: TenantContext, query: ListCompaniesQuery, deps: Deps): Promise<Page<CompanyView>> {
  const hits = await search(ctx, { q: query.q!, kinds: ['company'], limit: query.limit }, deps);
  if (hits.length === 0) return { items: [], cursor: null };
  const found = await deps.db.entities.company.get(hits.map((h) => ({ tenantId: ctx.tenantId, companyId: h.id }))).go();
  const byId = new Map(found.data.map((c) => [c.companyId, c]));
  const items = hits.flatMap((h) => {
    const c = byId.get(h.id);
    if (!c || (query.stage && c.stage !== query.stage) || (query.owner && c.ownerId !== query.owner)) return [];
    return [toCompanyView(c)];
  });
  // A list reads by name like the unfiltered one; the index only decides which companies match.
  const sign = query.sort === '-name' ? -1 : 1;
  items.sort((a, b) => sign * a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  return { items, cursor: null };
}

/** Applies a partial update if `expectedVersion` is current; records what changed. */
export async function updateCompany(
  ctx: TenantContext,
  companyId: string,
  patch: UpdateCompanyInput,
  expectedVersion: number,
  deps: Deps,
): Promise<CompanyView> {
  const before = await getCompany(ctx, companyId, deps);
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const { version: _version, ...fields } = patch;
  if ('ownerId' in fields) await assertOwnerInTenant(ctx, fields.ownerId, deps);
  const after = stripNulls({
    ...before,
    ...fields,
    updatedAt: deps.now(),
    updatedBy: ctx.userId,
    version: before.version + 1,
  }) as Company;
  const changes = diffFields(before, after, TRACKED_FIELDS);
  if (changes.length === 0) return toCompanyView(before);
  const entry = timelineEntry(
    ctx,
    { companyId, action: 'updated', subjectType: 'company', subjectId: companyId, subjectName: after.name, changes },
    { entryId: deps.newId(), at: after.updatedAt },
  );
  await writeVersioned(deps.db, {
    entity: 'company',
    op: 'update',
    item: after,
    also: (entities) => [
      entities.timelineEntry.create(entry).commit(),
      ...tokenWrites(entities, companySearchable(before), companySearchable(after)),
    ],
  });
  return toCompanyView(after);
}

/**
 * Deletes a company by tombstone: one transaction removes the company and its contacts (which
 * have routes of their own), leaves a tombstone and a deletion entry on its timeline, and records
 * the purge of everything else under it (COMPANY_CHILDREN), which the company-purge queue then
 * does in bounded steps. If queueing fails the delete still stands: the purge record is found by
 * resumeCompanyPurges, and deleting the company again queues it at once.
 */
export async function deleteCompany(ctx: TenantContext, companyId: string, deps: CompanyDeps): Promise<void> {
  const key = { tenantId: ctx.tenantId, companyId };
  const { data: company } = await deps.db.entities.company.get(key).go();
  if (!company) {
    const { data: pending } = await deps.db.entities.companyPurge.get(key).go();
    if (!pending) throw new NotFoundError('Company');
    // A retry of a delete whose purge may not have been queued: the company is already gone.
    await queuePurge(key, deps);
    return;
  }
  const withCompany = COMPANY_CHILDREN.filter((c) => c.inTransaction);
  const owned = (
    await Promise.all(
      withCompany.map(async (c) =>
        (await childKeys(deps.db, c, key, { count: MAX_CASCADE_CONTACTS + 1 })).keys.map((k) => ({ c, k })),
      ),
    )
  ).flat();
  if (owned.length > MAX_CASCADE_CONTACTS) {
    const what = withCompany.map((c) => c.label).join(' and ');
    throw new DomainRuleError(`This company has more than ${MAX_CASCADE_CONTACTS} ${what}; delete some of them first`);
  }
  const now = deps.now();
  const entry = timelineEntry(
    ctx,
    { companyId, action: 'deleted', subjectType: 'company', subjectId: companyId, subjectName: company.name },
    { entryId: deps.newId(), at: now },
  );
  await writeVersioned(deps.db, {
    entity: 'company',
    op: 'delete',
    item: company,
    also: (entities) => [
      ...owned.map(({ c, k }) => deleteChildItem(entities, c, k)),
      entities.timelineEntry.create(entry).commit(),
      entities.companyTombstone
        .create({
          ...key,
          name: company.name,
          deletedAt: now,
          deletedBy: ctx.userId,
          deletionEntryId: entry.entryId,
        })
        .commit(),
      entities.companyPurge.create({ ...key, requestedAt: now }).commit(),
      // The company's own tokens when they fit beside its contacts; search drops hits on deleted
      // records either way (the cascaded contacts' tokens are left to that check too).
      ...fitting(tokenWrites(entities, companySearchable(company)), owned.length + 4),
    ],
    conflict: () => new ConflictError('The company changed while it was being deleted; try again'),
  });
  try {
    await queuePurge(key, deps);
  } catch (error) {
    // The company is deleted for the user either way; the purge record brings the purge back.
    logger.warn('company purge not queued; the sweep will queue it', { companyId, error: error as Error });
  }
}
