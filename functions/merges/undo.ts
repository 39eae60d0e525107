import { timelineEntry } from '../activities/timeline.js';
import { companyLive } from '../companies/tombstone.js';
import type { Company } from '../data/company.js';
import type { Contact } from '../data/contact.js';
import type { Merge } from '../data/merge.js';
import { assertCommitted } from '../data/transaction.js';
import { companySearchable, contactSearchable, tokenWrites } from '../search/tokens.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, DomainRuleError } from '../shared/errors.js';
import { moversOf } from './company-merge.js';
import { contactMoversOf } from './contact-merge.js';
import type { MergeView } from './contract.js';
import { canonical, getMerge, restoreFields, toMergeView, undoUntil } from './journal.js';
import { moveBack, type RunOptions } from './runner.js';

type WriteEntities = Parameters<Parameters<Deps['db']['transaction']['write']>[0]>[0];

const fullName = (c: Pick<Contact, 'firstName' | 'lastName'>) => `${c.firstName} ${c.lastName}`;

/**
 * Undoes a finished merge within UNDO_DAYS: one transaction restores the source as it was (a
 * version on), gives the target back the fields it took unless changed since, and marks the
 * merge `undoing`; the moved children then go back in batches from the move records, and the
 * last step writes the undo on both timelines. A retry resumes; an undone merge answers as is.
 */
export async function undoMerge(
  ctx: TenantContext,
  mergeId: string,
  deps: Deps,
  options: RunOptions = {},
): Promise<MergeView> {
  const merge = await getMerge(ctx, mergeId, deps);
  if (merge.state === 'undone') return toMergeView(merge);
  if (merge.state === 'moving')
    throw new DomainRuleError('This merge has not finished yet; send the merge again to finish it, then undo it');
  if (merge.state === 'done') {
    if (Date.parse(deps.now()) > Date.parse(undoUntil(merge)!))
      throw new DomainRuleError(
        `A merge can be undone for 30 days; this one finished on ${merge.finishedAt!.slice(0, 10)}`,
      );
    await begin(ctx, merge, deps);
  }
  const movers = merge.kind === 'company' ? moversOf(deps, merge) : contactMoversOf(deps, merge);
  const { merge: back, outcome } = await moveBack(deps, { ...merge, state: 'undoing' }, movers, options);
  if (outcome === 'more') return toMergeView(back);
  return toMergeView(await end(ctx, back, deps));
}

async function begin(ctx: TenantContext, merge: Merge, deps: Deps): Promise<void> {
  const now = deps.now();
  const stamp = { updatedAt: now, updatedBy: ctx.userId };
  const key = { tenantId: ctx.tenantId };
  const current =
    merge.kind === 'company'
      ? (await deps.db.entities.company.get({ ...key, companyId: merge.targetId }).go({ consistent: true })).data
      : (await deps.db.entities.contact.get({ ...key, contactId: merge.targetId }).go({ consistent: true })).data;
  if (!current)
    throw new DomainRuleError(`The ${merge.kind} this was merged into has been deleted since, so it cannot be undone`);
  const restored = restoreFields(current as Record<string, unknown>, merge);
  const targetChanged = canonical(restored) !== canonical(current);
  const target = { ...restored, ...(targetChanged ? { ...stamp, version: current.version + 1 } : {}) };
  const source = { ...(merge.source as object), ...stamp, version: (merge.source as { version: number }).version + 1 };
  const items = (entities: WriteEntities): object[] => {
    const undoing = entities.merge
      .patch({ ...key, mergeId: merge.mergeId })
      .set({ state: 'undoing' })
      .where((a, { eq }) => eq(a.state, 'done'))
      .commit();
    const putTarget = (e: any) =>
      targetChanged
        ? [
            e
              .put(target)
              .where((a: any, { eq }: any) => eq(a.version, current.version))
              .commit(),
          ]
        : [];
    if (merge.kind === 'company') {
      const s = source as Company;
      return [
        undoing,
        entities.company.create(s).commit(),
        entities.companyTombstone.delete({ ...key, companyId: merge.sourceId }).commit(),
        ...putTarget(entities.company),
        ...tokenWrites(entities, undefined, companySearchable(s)),
        ...(targetChanged
          ? tokenWrites(entities, companySearchable(current as Company), companySearchable(target as Company))
          : []),
      ];
    }
    const s = source as Contact;
    return [
      undoing,
      entities.contact.create(s).commit(),
      companyLive({ company: entities.company }, s),
      ...putTarget(entities.contact),
      ...tokenWrites(entities, undefined, contactSearchable(s)),
      ...(targetChanged
        ? tokenWrites(entities, contactSearchable(current as Contact), contactSearchable(target as Contact))
        : []),
    ];
  };
  const result = await deps.db.transaction.write((entities) => items(entities) as any).go();
  assertCommitted(result, (index) =>
    index === 0
      ? new ConflictError('This merge is being undone by another request')
      : index === 1
        ? new DomainRuleError(`The merged ${merge.kind} exists again, so the merge cannot be undone`)
        : merge.kind === 'contact' && index === 2
          ? new DomainRuleError('The company the contact was at has been deleted since, so the merge cannot be undone')
          : new ConflictError('The record changed while undoing; try again'),
  );
}

async function end(ctx: TenantContext, merge: Merge, deps: Deps): Promise<Merge> {
  const now = deps.now();
  const company = merge.kind === 'company';
  const source = merge.source as Company & Contact;
  const sourceName = company ? source.name : fullName(source);
  const sourceCompanyId = company ? merge.sourceId : source.companyId;
  const entry = (companyId: string, action: 'unmerged' | 'restored', subjectId: string, subjectName: string) =>
    timelineEntry(
      ctx,
      { companyId, action, subjectType: merge.kind, subjectId, subjectName },
      { entryId: deps.newId(), at: now },
    );
  const { data: target } = company
    ? await deps.db.entities.company.get({ tenantId: ctx.tenantId, companyId: merge.targetId }).go()
    : await deps.db.entities.contact.get({ tenantId: ctx.tenantId, contactId: merge.targetId }).go();
  const targetName = target ? ((target as Company).name ?? fullName(target as Contact)) : '';
  const result = await deps.db.transaction
    .write((entities) => [
      entities.merge
        .patch({ tenantId: ctx.tenantId, mergeId: merge.mergeId })
        .set({ state: 'undone', undoneAt: now, undoneBy: ctx.userId })
        .where((a, { eq }) => eq(a.state, 'undoing'))
        .commit(),
      entities.timelineEntry
        .create({ ...entry(merge.companyId, 'unmerged', merge.sourceId, sourceName), mergeId: merge.mergeId })
        .commit(),
      ...(sourceCompanyId !== merge.companyId || company
        ? [
            entities.timelineEntry
              .create({ ...entry(sourceCompanyId, 'restored', merge.targetId, targetName), mergeId: merge.mergeId })
              .commit(),
          ]
        : []),
    ])
    .go();
  assertCommitted(result, () => new ConflictError('This merge was undone by another request'));
  return { ...merge, state: 'undone', undoneAt: now };
}
