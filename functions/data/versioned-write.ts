import type { EntityItem } from 'electrodb';
import { ConflictError } from '../shared/errors.js';
import { staleVersion } from '../shared/records.js';
import type { Db } from './service.js';
import { assertCommitted, isConditionFailure } from './transaction.js';

type Entities = Db['entities'];
type WriteEntities = Parameters<Parameters<Db['transaction']['write']>[0]>[0];

/** Entities whose items carry an optimistic-concurrency `version`. */
export type VersionedEntity = {
  [K in keyof Entities]: EntityItem<Entities[K]> extends { version: number } ? K : never;
}[keyof Entities];

/** One versioned record write and what must land with it. */
export interface VersionedWrite<K extends VersionedEntity> {
  entity: K;
  /**
   * `create`: a new record, refused if it exists. `update`: replaces the record if its stored
   * version is `item.version - 1` (callers bump the version by one). `delete`: removes the
   * record if its stored version is still `item.version`.
   */
  op: 'create' | 'update' | 'delete';
  item: EntityItem<Entities[K]>;
  /** Items written in the same transaction (timeline entries, claims, checks): all land or none. */
  also?: (entities: WriteEntities) => readonly object[];
  /**
   * The error for a failed condition; `index` 0 is the record, 1… the `also` items in order.
   * Default 409: "already exists" for a create, a stale version (with the `version` field) otherwise.
   */
  conflict?: (index: number) => Error;
}

const defaultConflict = (op: VersionedWrite<VersionedEntity>['op']) => () =>
  op === 'create' ? new ConflictError('This record already exists') : staleVersion();

/**
 * Writes a record conditioned on its version (or its absence), with its companion items in one
 * TransactWriteItems; a lone record is a single conditional write, at half the cost.
 */
export async function writeVersioned<K extends VersionedEntity>(db: Db, write: VersionedWrite<K>): Promise<void> {
  const { op, item, also } = write;
  const expected = op === 'update' ? item.version - 1 : item.version;
  const conflict = write.conflict ?? defaultConflict(op);
  // The entities share no common call signature ElectroDB's types can express; the public types above hold.
  const record = (entity: any) => {
    if (op === 'create') return entity.create(item);
    const matches = (attr: any, { eq }: any) => eq(attr.version, expected);
    return op === 'update' ? entity.put(item).where(matches) : entity.delete(item).where(matches);
  };
  if (!also) {
    try {
      await record(db.entities[write.entity]).go();
    } catch (error) {
      if (isConditionFailure(error)) throw conflict(0);
      throw error;
    }
    return;
  }
  const result = await db.transaction
    .write((entities) => [record(entities[write.entity]).commit(), ...also(entities)] as any)
    .go();
  assertCommitted(result, conflict);
}
