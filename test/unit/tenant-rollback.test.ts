import { GetCommand, TransactWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultDeps } from '../../functions/shared/deps.js';
import { createTenant } from '../../functions/tenants/service.js';

// A throttled table write after the Cognito user exists cannot be produced by DynamoDB Local,
// so this one failure path uses a client mock.
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

describe('creating a tenant when the table write fails', () => {
  it('removes the Cognito user it created and sends no invitation', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const identity = {
      createUser: vi.fn(async () => 'sub-1'),
      setRole: vi.fn(),
      resetTemporaryPassword: vi.fn(),
      deleteUser: vi.fn(async () => undefined),
      totpEnabled: vi.fn(async () => false),
      findUser: vi.fn(async () => undefined),
      adoptUser: vi.fn(),
      signOutEverywhere: vi.fn(),
    };
    const sendEmail = vi.fn(async () => undefined);

    await expect(
      createTenant(
        { kind: 'admin', adminId: 'a1', email: 'admin@x.test' },
        { name: 'Throttled Ltd', slug: 'throttled', plan: 'starter', owner: { email: 'o@throttled.test', name: 'O' } },
        { ...defaultDeps, identity, sendEmail },
      ),
    ).rejects.toThrow(/Rate exceeded/);

    expect(identity.createUser).toHaveBeenCalledOnce();
    expect(identity.deleteUser).toHaveBeenCalledWith('o@throttled.test');
    expect(sendEmail).not.toHaveBeenCalled();
  });
});
