/**
 * What a merge moves, kind by kind. A company merge moves every child registered in
 * COMPANY_CHILDREN from the source company to the target; a contact merge re-points the source
 * contact's activities. Each mover finds the children still at the source and gives the
 * transaction items that move one of them (and, for an undo, back).
 */
import { childItems, COMPANY_CHILDREN, type CompanyChild } from '../data/company-children.js';
import type { Db } from '../data/service.js';

type WriteEntities = Parameters<Parameters<Db['transaction']['write']>[0]>[0];
export type Item = Record<string, unknown>;
export type Key = Record<string, string | number>;

export interface Mover {
  /** Names the kind in the merge's counts and its move records. */
  kind: string;
  /** What the user calls them ("activities"). */
  label: string;
  /** Deleted rather than moved: never recorded, so never moved back. */
  drop: boolean;
  /** Up to `count` children still at `from`. */
  pending(from: string, count: number): Promise<Item[]>;
  /** The child's primary key once at `to`. */
  keyAt(item: Item, to: string): Key;
  /** Transaction items moving `item` from `from` to `to`. */
  writes(entities: WriteEntities, item: Item, from: string, to: string): object[];
  /** The child as stored at `key`, if it still is. */
  load(key: Key): Promise<Item | undefined>;
}

const pick = (item: Item, attrs: readonly string[]): Key =>
  Object.fromEntries(attrs.map((a) => [a, item[a] as string | number]));

// The children's entities share no call signatures ElectroDB's types can express; CompanyChild's types hold.
const entity = (source: Db | WriteEntities, name: string): any =>
  ('entities' in source ? source.entities : source)[name as never];

/** Moves one kind of company child between companies (`from`/`to` are company ids). */
function companyChildMover(db: Db, tenantId: string, c: CompanyChild, skip: ReadonlySet<string>): Mover {
  const keyed = (c.key as readonly string[]).includes('companyId');
  return {
    kind: c.entity,
    label: c.label,
    drop: c.onMerge === 'drop',
    async pending(from, count) {
      // One more than skipped entries can hide, so a page of only skipped items still finds the rest.
      const items = await childItems(db, c, { tenantId, companyId: from }, { count: count + skip.size });
      return items.filter((i) => !skip.has(String(i.entryId ?? ''))).slice(0, count);
    },
    keyAt: (item, to) => pick({ ...item, companyId: to }, c.key),
    writes(entities, item, from, to) {
      const e = entity(entities, c.entity);
      if (c.onMerge === 'drop') return [e.delete(pick(item, c.key)).commit()];
      const moved = { ...item, companyId: to };
      const isFrom = (a: any, { eq }: any) => eq(a.companyId, from);
      // The company is part of the key: the child is written afresh under the target and removed from the source.
      if (keyed) return [e.put(moved).commit(), e.delete(pick(item, c.key)).where(isFrom).commit()];
      return [e.put(moved).where(isFrom).commit()];
    },
    async load(key) {
      const { data } = await entity(db, c.entity).get(key).go({ consistent: true });
      return data ?? undefined;
    },
  };
}

/** Every kind of child a company merge moves. `skip`: timeline entries that stay where they are. */
export const companyMovers = (db: Db, tenantId: string, skip: ReadonlySet<string>): Mover[] =>
  COMPANY_CHILDREN.map((c) => companyChildMover(db, tenantId, c, skip));

/** The activities naming a contact (`from`/`to` are contact ids), under the company they were logged at. */
export function contactActivityMover(db: Db, tenantId: string, companyId: string): Mover {
  const key = ['tenantId', 'companyId', 'occurredAt', 'activityId'] as const;
  return {
    kind: 'activity',
    label: 'activities',
    drop: false,
    async pending(from, count) {
      const { data } = await db.entities.activity.query
        .byCompany({ tenantId, companyId })
        .where(({ contactId }, { eq }) => eq(contactId, from))
        .go({ count, consistent: true });
      return data as unknown as Item[];
    },
    keyAt: (item) => pick(item, key),
    writes: (entities, item, from, to) => [
      entities.activity
        .patch(pick(item, key) as never)
        .set({ contactId: to })
        .where(({ contactId }, { eq }) => eq(contactId, from))
        .commit(),
    ],
    async load(k) {
      const { data } = await db.entities.activity.get(k as never).go({ consistent: true });
      return (data as unknown as Item) ?? undefined;
    },
  };
}
