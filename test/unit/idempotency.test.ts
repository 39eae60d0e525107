import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runOnce } from '../../functions/shared/idempotency.js';

// A first request that crashed mid-way leaves its claim pending; the emulators cannot crash a
// Lambda on cue, so this path is driven with a client mock.
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const taken = () =>
  Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
const pendingClaim = (lockExpiresAt: number, requestHash: string) => ({
  Item: {
    pk: 'p',
    sk: 's',
    scope: 't1',
    key: 'k1',
    requestHash,
    status: 'pending',
    lockExpiresAt,
    ttl: 1,
    __edb_e__: 'idempotencyRecord',
    __edb_v__: '1',
  },
});
const scope = { partition: 't1', principal: 'user u1', route: 'POST /v1/companies' };
const HASH_OF_BODY = 'Iw2DWNyOiJC0xY3utikS7i8gNXrpKlzIYbmOaP4xrLU'; // sha256('body'), base64url

describe('idempotency claims', () => {
  it('refuses a repeat while the first request still holds its claim', async () => {
    ddb.on(PutCommand).rejects(taken());
    ddb.on(GetCommand).resolves(pendingClaim(Date.now() + 30_000, HASH_OF_BODY));
    const run = vi.fn(async () => ({ status: 201, body: { ok: true } }));
    await expect(runOnce(scope, 'k1', 'body', run)).rejects.toThrow(/still in progress/);
    expect(run).not.toHaveBeenCalled();
  });

  it('lets a repeat take over a claim abandoned by a crashed invocation', async () => {
    ddb.on(PutCommand).rejectsOnce(taken()).resolves({});
    ddb.on(GetCommand).resolves(pendingClaim(Date.now() - 1, HASH_OF_BODY));
    ddb.on(DeleteCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    const run = vi.fn(async () => ({ status: 201, body: { ok: true } }));
    await expect(runOnce(scope, 'k1', 'body', run)).resolves.toEqual({ status: 201, body: { ok: true } });
    expect(run).toHaveBeenCalledOnce();
    expect(ddb.commandCalls(DeleteCommand)).toHaveLength(1);
  });

  it('reads the existing claim consistently after losing the race to create it', async () => {
    ddb.on(PutCommand).rejects(taken());
    ddb.on(GetCommand).resolves(pendingClaim(Date.now() + 30_000, HASH_OF_BODY));
    await expect(runOnce(scope, 'k1', 'body', vi.fn())).rejects.toThrow(/still in progress/);
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input.ConsistentRead).toBe(true);
  });

  it('gives up with 409 after a few attempts when claims keep vanishing, instead of recursing', async () => {
    // Each create loses to a claim that is gone again by the time it is read.
    ddb.on(PutCommand).callsFake(() => Promise.reject(taken()));
    ddb.on(GetCommand).resolves({});
    const run = vi.fn();
    await expect(runOnce(scope, 'k1', 'body', run)).rejects.toMatchObject({ status: 409 });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(3);
    expect(run).not.toHaveBeenCalled();
  });
});
