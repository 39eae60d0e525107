import { diffFields, timelineEntry } from '../activities/timeline.js';
import { companyLive } from '../companies/tombstone.js';
import { getContact } from '../contacts/service.js';
import type { Contact } from '../data/contact.js';
import type { Merge } from '../data/merge.js';
import { assertCommitted, isConditionFailure } from '../data/transaction.js';
import { contactSearchable, tokenWrites } from '../search/tokens.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { staleVersion } from '../shared/records.js';
import type { MergeView } from './contract.js';
import { latestMerge, takeFields, toMergeView } from './journal.js';
import { contactActivityMover } from './moves.js';
import { moveForward, type RunOptions } from './runner.js';
import { CONTACT_MERGE_FIELDS, type MergeContactsInput } from './schema.js';

const fullName = (c: Pick<Contact, 'firstName' | 'lastName'>) => `${c.firstName} ${c.lastName}`;

/** A contact merge moves the activities that named the source, under the company they were logged at. */
export const contactMoversOf = (deps: Deps, merge: Merge) => [
  contactActivityMover(deps.db, merge.tenantId, (merge.source as Contact).companyId),
];

/**
 * Merges the contact `input.sourceId` into `targetId` (of the same company or not): the chosen
 * fields copied, the source removed, and every activity naming the source made to name the
 * target, in batches a retry resumes (runner.ts).
 */
export async function mergeContacts(
  ctx: TenantContext,
  targetId: string,
  input: MergeContactsInput,
  expectedVersion: number,
  deps: Deps,
  options: RunOptions = {},
): Promise<MergeView> {
  if (input.sourceId === targetId)
    throw new ValidationError('A contact cannot be merged into itself', [
      { path: 'sourceId', message: 'Choose another contact than the one merged into' },
    ]);
  const target = await getContact(ctx, targetId, deps);
  const existing = await latestMerge(ctx, 'contact', input.sourceId, targetId, deps);
  if (existing && existing.state !== 'undoing') return toMergeView(await finish(ctx, deps, existing, options));
  const { data: source } = await deps.db.entities.contact
    .get({ tenantId: ctx.tenantId, contactId: input.sourceId })
    .go({ consistent: true });
  if (!source) throw new NotFoundError('Contact');
  if (target.version !== expectedVersion) throw staleVersion(target.version);
  const now = deps.now();
  const { merged, before } = takeFields(target, source, input.fields);
  const after: Contact = { ...merged, updatedAt: now, updatedBy: ctx.userId, version: target.version + 1 };
  const merge: Merge = {
    tenantId: ctx.tenantId,
    mergeId: deps.newId(),
    kind: 'contact',
    targetId,
    sourceId: source.contactId,
    companyId: target.companyId,
    state: 'moving',
    step: 0,
    fields: Object.fromEntries(CONTACT_MERGE_FIELDS.map((f) => [f, input.fields[f] ?? 'target'])),
    source,
    targetBefore: before,
    counts: {},
    entryId: deps.newId(),
    createdAt: now,
    createdBy: ctx.userId,
  };
  const entry = timelineEntry(
    ctx,
    {
      companyId: target.companyId,
      action: 'merged',
      subjectType: 'contact',
      subjectId: source.contactId,
      subjectName: fullName(source),
      changes: diffFields(target, after, Object.keys(before) as (keyof Contact & string)[]),
    },
    { entryId: merge.entryId, at: now },
  );
  const elsewhere = source.companyId !== target.companyId;
  const result = await deps.db.transaction
    .write((entities) => {
      const base = [
        entities.contact
          .put(after)
          .where((a, { eq }) => eq(a.version, target.version))
          .commit(),
        entities.contact
          .delete({ tenantId: ctx.tenantId, contactId: source.contactId })
          .where((a, { eq }) => eq(a.version, source.version))
          .commit(),
        companyLive({ company: entities.company }, target),
        entities.merge.create(merge).commit(),
        entities.timelineEntry.create({ ...entry, mergeId: merge.mergeId }).commit(),
        ...(elsewhere
          ? [
              entities.timelineEntry
                .create({
                  ...timelineEntry(
                    ctx,
                    {
                      companyId: source.companyId,
                      action: 'merged_into',
                      subjectType: 'contact',
                      subjectId: targetId,
                      subjectName: fullName(after),
                    },
                    { entryId: deps.newId(), at: now },
                  ),
                  mergeId: merge.mergeId,
                })
                .commit(),
            ]
          : []),
        ...tokenWrites(entities, contactSearchable(target), contactSearchable(after)),
      ];
      const gone = tokenWrites(entities, contactSearchable(source));
      return [...base, ...(base.length + gone.length <= 100 ? gone : [])] as any;
    })
    .go();
  assertCommitted(result, (index) =>
    index === 0
      ? staleVersion()
      : index === 1
        ? new ConflictError('The other contact changed while merging; reload and try again', [
            { path: 'sourceId', message: 'Changed while merging' },
          ])
        : index === 2
          ? new NotFoundError('Contact')
          : new ConflictError('This merge could not start; try again'),
  );
  return toMergeView(await finish(ctx, deps, merge, options));
}

/** Re-points the remaining activities; once none are left, marks the merge done. */
async function finish(_ctx: TenantContext, deps: Deps, merge: Merge, options: RunOptions): Promise<Merge> {
  if (merge.state !== 'moving') return merge;
  const { merge: moved, outcome } = await moveForward(deps, merge, contactMoversOf(deps, merge), options);
  if (outcome === 'more') return moved;
  const now = deps.now();
  await deps.db.entities.merge
    .patch({ tenantId: moved.tenantId, mergeId: moved.mergeId })
    .set({ state: 'done', finishedAt: now })
    .where((a, { eq }) => eq(a.state, 'moving'))
    .go()
    .catch((error: unknown) => {
      // Another request finished it first.
      if (!isConditionFailure(error)) throw error;
    });
  return { ...moved, state: 'done', finishedAt: now };
}
