import { describe, expect, it } from 'vitest';
import type { Company } from '../../functions/data/company.js';
import type { TimelineEntry } from '../../functions/data/timeline-entry.js';
import { ConflictError, NotFoundError } from '../../functions/shared/errors.js';
import { unique } from '../support/api.js';
import { tableDb } from '../support/table.js';

// Conditions and transactions are the point here, so this runs on DynamoDB Local rather than a mock.
const db = await tableDb();
const { writeVersioned } = await import('../../functions/data/versioned-write.js');

const tenantId = `VW${unique()}`;
const now = '2026-01-01T00:00:00.000Z';

const companyV1 = (): Company => ({
  tenantId,
  companyId: `C${unique()}`,
  name: 'Versioned Ltd',
  stage: 'lead',
  createdAt: now,
  createdBy: 'u1',
  updatedAt: now,
  updatedBy: 'u1',
  version: 1,
});

const entryFor = (company: Company, action: TimelineEntry['action']): TimelineEntry => ({
  tenantId,
  companyId: company.companyId,
  entryId: `E${unique()}`,
  at: now,
  actorId: 'u1',
  actorName: 'Una',
  action,
  subjectType: 'company',
  subjectId: company.companyId,
  subjectName: company.name,
  changes: [],
});

const stored = async (company: Company) =>
  (await db.entities.company.get({ tenantId, companyId: company.companyId }).go()).data;
const timeline = async (company: Company) =>
  (await db.entities.timelineEntry.query.byCompany({ tenantId, companyId: company.companyId }).go()).data.map(
    (e) => e.action,
  );
const withTimeline = (company: Company, action: TimelineEntry['action']) => ({
  also: ({ timelineEntry }: any) => [timelineEntry.create(entryFor(company, action)).commit()],
});

describe('writeVersioned on DynamoDB Local', () => {
  it('creates a record with its timeline entry, and refuses a second create of it without writing its entry', async () => {
    const company = companyV1();
    await writeVersioned(db, { entity: 'company', op: 'create', item: company, ...withTimeline(company, 'created') });
    expect(await stored(company)).toMatchObject({ name: 'Versioned Ltd', version: 1 });

    const again = await writeVersioned(db, {
      entity: 'company',
      op: 'create',
      item: { ...company, name: 'Imposter' },
      ...withTimeline(company, 'created'),
    }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ status: 409 });
    expect((await stored(company))!.name).toBe('Versioned Ltd');
    expect(await timeline(company)).toEqual(['created']);
  });

  it('updates from the current version, and answers a stale one with 409 naming the version field, writing nothing', async () => {
    const company = companyV1();
    await writeVersioned(db, { entity: 'company', op: 'create', item: company });
    const v2 = { ...company, name: 'Renamed', version: 2 };
    await writeVersioned(db, { entity: 'company', op: 'update', item: v2, ...withTimeline(company, 'updated') });
    expect(await stored(company)).toMatchObject({ name: 'Renamed', version: 2 });

    // A second writer also based on version 1.
    const stale = await writeVersioned(db, {
      entity: 'company',
      op: 'update',
      item: { ...company, name: 'Lost update', version: 2 },
      ...withTimeline(company, 'updated'),
    }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).errors).toEqual([{ path: 'version', message: 'Stale version' }]);
    expect(await stored(company)).toMatchObject({ name: 'Renamed', version: 2 });
    expect(await timeline(company)).toEqual(['updated']);
  });

  it('uses a single conditional write without companions, with the same 409', async () => {
    const company = companyV1();
    await writeVersioned(db, { entity: 'company', op: 'create', item: company });
    await writeVersioned(db, { entity: 'company', op: 'update', item: { ...company, stage: 'prospect', version: 2 } });
    const stale = await writeVersioned(db, {
      entity: 'company',
      op: 'update',
      item: { ...company, stage: 'lost', version: 2 },
    }).catch((e: unknown) => e);
    expect((stale as ConflictError).errors?.[0]?.path).toBe('version');
    expect(await stored(company)).toMatchObject({ stage: 'prospect', version: 2 });
  });

  it('refuses to update a record that does not exist (it would otherwise be created)', async () => {
    const ghost = { ...companyV1(), version: 2 };
    await expect(writeVersioned(db, { entity: 'company', op: 'update', item: ghost })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await stored(ghost)).toBeNull();
  });

  it('deletes only the version it was shown, with its timeline entry', async () => {
    const company = companyV1();
    await writeVersioned(db, { entity: 'company', op: 'create', item: company });
    await writeVersioned(db, { entity: 'company', op: 'update', item: { ...company, name: 'Moved on', version: 2 } });

    await expect(
      writeVersioned(db, { entity: 'company', op: 'delete', item: company, ...withTimeline(company, 'deleted') }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await stored(company)).not.toBeNull();
    expect(await timeline(company)).toEqual([]);

    await writeVersioned(db, {
      entity: 'company',
      op: 'delete',
      item: { ...company, version: 2 },
      ...withTimeline(company, 'deleted'),
    });
    expect(await stored(company)).toBeNull();
    expect(await timeline(company)).toEqual(['deleted']);
  });

  it("tells the caller which item's condition failed: 0 the record, then the companions in order", async () => {
    const company = companyV1();
    const missing = companyV1();
    const error = await writeVersioned(db, {
      entity: 'company',
      op: 'create',
      item: company,
      also: ({ company: c, timelineEntry }) => [
        timelineEntry.create(entryFor(company, 'created')).commit(),
        c
          .check({ tenantId, companyId: missing.companyId })
          .where((attr, { exists }) => exists(attr.companyId))
          .commit(),
      ],
      conflict: (index) => (index === 2 ? new NotFoundError('The other company') : new ConflictError(`index ${index}`)),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(await stored(company)).toBeNull();
    expect(await timeline(company)).toEqual([]);
  });
});
