import { describe, expect, it } from 'vitest';
import { getBatch, getRun, STALE_RUN_MS } from '../../functions/analysis/service.js';
import type { TenantContext } from '../../functions/shared/auth-context.js';
import type { Deps } from '../../functions/shared/deps.js';

const ctx: TenantContext = {
  kind: 'tenant',
  tenantId: 't1',
  userId: 'u1',
  role: 'owner',
  email: 'o@x.test',
  name: 'Owner',
};
const updatedAt = '2026-11-22T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(updatedAt) + ms).toISOString();

/** Just enough of the ElectroDB service for a single `get`. */
const depsReturning = (item: object, now: string) =>
  ({
    db: { entities: new Proxy({}, { get: () => ({ get: () => ({ go: async () => ({ data: item }) }) }) }) },
    now: () => now,
    newId: () => 'id',
  }) as unknown as Deps;

describe('analysis views', () => {
  const running = {
    tenantId: 't1',
    companyId: 'c1',
    runId: 'r1',
    status: 'running',
    step: 'analyse',
    updatedAt,
    createdAt: updatedAt,
  };

  it('shows a run that is still moving as running', async () => {
    expect((await getRun(ctx, 'c1', 'r1', depsReturning(running, at(STALE_RUN_MS - 1)))).status).toBe('running');
  });

  it('reports a run that stopped moving (lost worker, restarted local cloud) as failed with a reason, not forever running', async () => {
    const view = await getRun(ctx, 'c1', 'r1', depsReturning(running, at(STALE_RUN_MS)));
    expect(view).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    expect(view).not.toHaveProperty('tenantId');
  });

  it('ends a bulk analysis whose counts stopped moving', async () => {
    const batch = {
      tenantId: 't1',
      batchId: 'b1',
      stage: 'lead',
      total: 10,
      succeeded: 4,
      failed: 1,
      updatedAt,
      createdAt: updatedAt,
    };
    expect((await getBatch(ctx, 'b1', depsReturning(batch, at(1000)))).done).toBe(false);
    expect((await getBatch(ctx, 'b1', depsReturning(batch, at(STALE_RUN_MS)))).done).toBe(true);
    expect((await getBatch(ctx, 'b1', depsReturning({ ...batch, succeeded: 9 }, at(1000)))).done).toBe(true);
  });
});
