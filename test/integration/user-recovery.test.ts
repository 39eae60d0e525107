import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { acceptInvitation, NEW_PASSWORD, newMember, newTenant, signIn, unique } from '../support/api.js';
import { tableDb } from '../support/table.js';

const db = await tableDb();
const { documentClient } = await import('../../functions/data/client.js');
const { cognitoIdentity } = await import('../../functions/users/identity.js');
const { deleteUser, inviteUser, resumeUserRemovals } = await import('../../functions/users/service.js');
const { defaultDeps } = await import('../../functions/shared/deps.js');

const sendEmail = async () => undefined;
const cognitoDown = (what: string) => async () => {
  throw Object.assign(new Error(`${what}: service unavailable`), { name: 'InternalErrorException' });
};

async function ownerContext(owner: Awaited<ReturnType<typeof newTenant>>['owner']) {
  const me = (await owner.get('/v1/me')).body;
  return {
    kind: 'tenant' as const,
    tenantId: me.tenant.tenantId as string,
    userId: me.userId as string,
    role: 'owner' as const,
    email: me.email as string,
    name: me.name as string,
  };
}

describe('inviting after a table write failed behind a new sign-in', () => {
  it('adopts the orphan sign-in instead of refusing the email with 409 for good', async () => {
    const { owner } = await newTenant('Orphan invite');
    const ctx = await ownerContext(owner);
    const email = `orphan-${unique()}@example.test`;
    const tenantParams = db.entities.tenant
      .get({ tenantId: ctx.tenantId })
      .params<{ TableName: string; Key: object }>();
    const { Item: tenantItem } = await documentClient.send(new GetCommand(tenantParams));

    // DynamoDB Local cannot fail a write on cue, so this one failure uses a client mock: the table
    // write fails after Cognito created the user, and so does the rollback (the function died).
    const ddb = mockClient(DynamoDBDocumentClient);
    try {
      ddb.on(GetCommand).resolves({ Item: tenantItem });
      const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      ddb.on(PutCommand).rejects(throttled);
      ddb.on(TransactWriteCommand).rejects(throttled);
      const identity = { ...cognitoIdentity, deleteUser: cognitoDown('AdminDeleteUser') };
      await expect(
        inviteUser(ctx, { email, name: 'Olive Orphan', role: 'sales' }, { ...defaultDeps, identity, sendEmail }),
      ).rejects.toThrow();
    } finally {
      ddb.restore();
    }
    expect(await cognitoIdentity.findUser(email)).toBeDefined();

    // The owner tries again through the API: the email is not blocked.
    const again = await owner.post('/v1/users', { email, name: 'Olive Orphan', role: 'viewer' });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const olive = await acceptInvitation(email);
    const me = (await olive.get('/v1/me')).body;
    expect(me).toMatchObject({ userId: again.body.userId, role: 'viewer', tenant: { tenantId: ctx.tenantId } });
    expect((await olive.get('/v1/companies')).status).toBe(200);
  });

  it('still refuses with 409 an email whose sign-in belongs to someone', async () => {
    const { owner } = await newTenant('Taken email');
    const { ownerEmail } = await newTenant('Other workspace');
    const taken = await owner.post('/v1/users', { email: ownerEmail, name: 'Someone else', role: 'sales' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ path: 'email', message: 'Already registered' }]);
  });
});

describe('removing a user when Cognito fails', () => {
  it('ends access at once and finishes the removal when removed again, or by the sweep', async () => {
    const { owner } = await newTenant('Removal retry');
    const ctx = await ownerContext(owner);
    const retried = await newMember(owner, 'sales');
    const swept = await newMember(owner, 'viewer');
    const identity = { ...cognitoIdentity, deleteUser: cognitoDown('AdminDeleteUser') };
    const failing = { ...defaultDeps, identity, sendEmail };

    for (const member of [retried, swept]) {
      await expect(deleteUser(ctx, member.user.userId, failing)).rejects.toThrow(/service unavailable/);
      // Access ended with the record; the sign-in is still there.
      expect((await member.client.get('/v1/companies')).status).toBe(403);
      expect(await cognitoIdentity.findUser(member.user.email)).toBeDefined();
    }
    expect((await owner.get('/v1/users')).body.items.map((u: { userId: string }) => u.userId)).not.toContain(
      retried.user.userId,
    );

    // The owner removes them again: the same route finishes the job.
    expect((await owner.delete(`/v1/users/${retried.user.userId}`)).status).toBe(204);
    expect(await cognitoIdentity.findUser(retried.user.email)).toBeUndefined();
    await expect(signIn(retried.user.email, NEW_PASSWORD)).rejects.toThrow();
    expect((await owner.delete(`/v1/users/${retried.user.userId}`)).status).toBe(404);

    // Nobody does: the sweep finishes it.
    expect(await resumeUserRemovals({ ...defaultDeps, identity: cognitoIdentity })).toBeGreaterThanOrEqual(1);
    expect(await cognitoIdentity.findUser(swept.user.email)).toBeUndefined();
    expect(await db.entities.userRemoval.query.byTenant({ tenantId: ctx.tenantId }).go()).toMatchObject({ data: [] });

    // Both can be invited afresh.
    const back = await owner.post('/v1/users', { email: retried.user.email, name: 'Back again', role: 'sales' });
    expect(back.status).toBe(201);
  });
});
