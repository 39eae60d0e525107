import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConflictError } from '../../functions/shared/errors.js';
import type { ApiResponse, IdempotencyScope } from '../../functions/shared/idempotency.js';
import { unique } from '../support/api.js';
import { tableDb } from '../support/table.js';

// Claims race on conditional writes, so this runs on DynamoDB Local rather than a mock.
await tableDb();
const { runOnce } = await import('../../functions/shared/idempotency.js');

const route = 'POST /v1/companies';
const scopeFor = (tenantId: string, userId: string, onRoute = route): IdempotencyScope => ({
  partition: tenantId,
  principal: `user ${userId}`,
  route: onRoute,
});

/** An operation the test finishes when it chooses, counting how often it was started. */
function held(result: ApiResponse = { status: 201, body: { ok: true } }) {
  let finish!: (fail?: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = (fail) => (fail ? reject(fail) : resolve());
  });
  const run = vi.fn(async () => {
    await done;
    return result;
  });
  return { run, finish };
}
const quick = (body: unknown) => vi.fn(async (): Promise<ApiResponse> => ({ status: 201, body }));

afterEach(() => vi.useRealTimers());

describe('Idempotency-Key claims on DynamoDB Local', () => {
  it('runs one of two concurrent requests with the same key; the other is told it is in progress, and a later repeat gets the stored answer', async () => {
    const scope = scopeFor(`ID${unique()}`, 'u1');
    const first = held();
    const second = quick({ ok: 'second' });

    const running = runOnce(scope, 'key-1', 'body', first.run);
    await vi.waitFor(() => expect(first.run).toHaveBeenCalled());
    await expect(runOnce(scope, 'key-1', 'body', second)).rejects.toBeInstanceOf(ConflictError);
    first.finish();
    await expect(running).resolves.toEqual({ status: 201, body: { ok: true } });

    const repeat = await runOnce(scope, 'key-1', 'body', second);
    expect(repeat).toMatchObject({ status: 201, body: { ok: true }, headers: { 'idempotent-replayed': 'true' } });
    expect(second).not.toHaveBeenCalled();
  });

  it('a request that fails after its claim lapsed releases only its own claim, not the repeat that took over', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const scope = scopeFor(`ID${unique()}`, 'u1');
    const slow = held();
    const slowRun = runOnce(scope, 'key-2', 'body', slow.run);
    await vi.waitFor(() => expect(slow.run).toHaveBeenCalled());

    vi.setSystemTime(Date.now() + 61_000); // the first claim has lapsed
    const takeover = held({ status: 201, body: { ok: 'takeover' } });
    const takeoverRun = runOnce(scope, 'key-2', 'body', takeover.run);
    await vi.waitFor(() => expect(takeover.run).toHaveBeenCalled());

    slow.finish(new Error('Companies House timed out'));
    await expect(slowRun).rejects.toThrow(/timed out/);

    // The takeover still holds the key: a third copy must not run beside it.
    const third = quick({ ok: 'third' });
    await expect(runOnce(scope, 'key-2', 'body', third)).rejects.toBeInstanceOf(ConflictError);
    expect(third).not.toHaveBeenCalled();

    takeover.finish();
    await expect(takeoverRun).resolves.toMatchObject({ body: { ok: 'takeover' } });
    await expect(runOnce(scope, 'key-2', 'body', third)).resolves.toMatchObject({ body: { ok: 'takeover' } });
  });

  it('keeps the same key from two users of one tenant apart', async () => {
    const tenantId = `ID${unique()}`;
    const ann = quick({ by: 'ann' });
    const bob = quick({ by: 'bob' });
    await expect(runOnce(scopeFor(tenantId, 'ann'), 'shared-key', 'body', ann)).resolves.toMatchObject({
      body: { by: 'ann' },
    });
    await expect(runOnce(scopeFor(tenantId, 'bob'), 'shared-key', 'body', bob)).resolves.toMatchObject({
      body: { by: 'bob' },
    });
    expect(bob).toHaveBeenCalledOnce();
  });

  it('keeps the same key on two routes apart', async () => {
    const tenantId = `ID${unique()}`;
    const contact = quick({ made: 'contact' });
    await runOnce(scopeFor(tenantId, 'ann'), 'k', 'body', quick({ made: 'company' }));
    await expect(runOnce(scopeFor(tenantId, 'ann', 'POST /v1/contacts'), 'k', 'body', contact)).resolves.toMatchObject({
      body: { made: 'contact' },
    });
  });

  it('treats keys as case-sensitive: "ABC" and "abc" are two requests', async () => {
    const scope = scopeFor(`ID${unique()}`, 'u1');
    const upper = quick({ key: 'ABC' });
    const lower = quick({ key: 'abc' });
    await runOnce(scope, 'ABC', 'body', upper);
    await expect(runOnce(scope, 'abc', 'body', lower)).resolves.toMatchObject({ body: { key: 'abc' } });
    expect(lower).toHaveBeenCalledOnce();
  });
});
