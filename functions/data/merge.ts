import { Entity, type EntityItem } from 'electrodb';
import { SERVICE, entityConfig } from './client.js';
import { MERGE_STATES } from '../shared/enums.js';

/**
 * One merge of a source record into a target (two companies or two contacts): the journal that
 * lets a merge moving more children than one transaction holds resume after a crash, and lets an
 * undo within 30 days put everything back. `step` counts the batches committed; each batch
 * conditions on it, so two runners of the same merge can never both apply a batch.
 */
export const MergeEntity = new Entity(
  {
    model: { entity: 'merge', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      mergeId: { type: 'string', required: true, readOnly: true },
      kind: { type: ['company', 'contact'] as const, required: true, readOnly: true },
      targetId: { type: 'string', required: true, readOnly: true },
      sourceId: { type: 'string', required: true, readOnly: true },
      /** The company whose timeline tells the story (a contact merge: the target contact's). */
      companyId: { type: 'string', required: true, readOnly: true },
      state: { type: MERGE_STATES, required: true },
      step: { type: 'number', required: true },
      /** Which record each field was taken from. */
      fields: { type: 'any', required: true, readOnly: true },
      /** The source as it was, restored by an undo. */
      source: { type: 'any', required: true, readOnly: true },
      /** The target's values of the fields taken from the source, before the merge. */
      targetBefore: { type: 'any', required: true, readOnly: true },
      /** Children moved so far, by kind. */
      counts: { type: 'any', required: true },
      /** The timeline entry the finished merge writes on the target (its id fixed at the start, so a retry writes it once). */
      entryId: { type: 'string', required: true, readOnly: true },
      /** A company merge: the source's own "merged into" entry, which stays on the source's timeline. */
      sourceEntryId: { type: 'string', readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      finishedAt: { type: 'string' },
      undoneAt: { type: 'string' },
      undoneBy: { type: 'string' },
    },
    indexes: {
      /** One merge by id. */
      byId: { pk: { field: 'pk', composite: ['tenantId'] }, sk: { field: 'sk', composite: ['mergeId'] } },
      /** The merges a source went into: a retried merge request finds the unfinished one to resume. */
      bySource: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'sourceId'] },
        sk: { field: 'gsi1sk', composite: ['mergeId'] },
      },
    },
  },
  entityConfig,
);
export type Merge = EntityItem<typeof MergeEntity>;

/**
 * One child a merge moved (written in the batch that moved it): an undo reads these to move
 * exactly those children back, deleting each with the move it reverses.
 */
export const MergeMoveEntity = new Entity(
  {
    model: { entity: 'mergeMove', version: '1', service: SERVICE },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      mergeId: { type: 'string', required: true, readOnly: true },
      /** The move kind (functions/merges/moves.ts) and the child's id within it. */
      kind: { type: 'string', required: true, readOnly: true },
      childId: { type: 'string', required: true, readOnly: true },
      /** The child's primary key where the merge put it. */
      key: { type: 'any', required: true, readOnly: true },
    },
    indexes: {
      /** A merge's moved children. */
      byMerge: {
        pk: { field: 'pk', composite: ['tenantId', 'mergeId'] },
        sk: { field: 'sk', composite: ['kind', 'childId'] },
      },
    },
  },
  entityConfig,
);
export type MergeMove = EntityItem<typeof MergeMoveEntity>;
