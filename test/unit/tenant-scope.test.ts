import { Readable } from 'node:stream';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type PutCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../functions/data/service.js';
import {
  asFunctionRole,
  asTenant,
  readPlatform,
  REFRESH_BEFORE_MS,
  scopedDynamoDBClient,
  TenantKeyViolation,
} from '../../functions/data/tenant-scope.js';

// STS cannot be emulated here (the local cloud has no IAM): AssumeRole is mocked to hand each
// tenant its own fake session, and a request handler records what signed each DynamoDB call.
const sts = mockClient(STSClient);
const ROLE = 'arn:aws:iam::123456789012:role/TenantDataRole';
const A = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const B = '01JBBBBBBBBBBBBBBBBBBBBBBB';
const keyOf = (tenantId: string) => `AKIDTENANT${tenantId.toLowerCase().slice(-4)}`;

let signed: { accessKeyId: string; sessionToken?: string }[];
let clock: number;

function client(options: { roleArn?: string } = {}) {
  const base = scopedDynamoDBClient({
    roleArn: options.roleArn,
    functionCredentials: async () => ({ accessKeyId: 'AKIDFUNCTION', secretAccessKey: 'function-secret' }),
    now: () => clock,
    client: {
      region: 'eu-west-2',
      requestHandler: {
        handle: async (request: { headers: Record<string, string> }) => {
          // Give the other tenant's call a chance to interleave before answering.
          await new Promise((resolve) => setImmediate(resolve));
          const credential = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')![1]!;
          signed.push({ accessKeyId: credential, sessionToken: request.headers['x-amz-security-token'] });
          return {
            response: {
              statusCode: 200,
              headers: { 'content-type': 'application/x-amz-json-1.0' },
              body: Readable.from([Buffer.from('{}')]),
            },
          };
        },
      } as never,
    },
  });
  return DynamoDBDocumentClient.from(base);
}

const getCompany = (doc: DynamoDBDocumentClient, tenantId: string) =>
  doc.send(new GetCommand(db.entities.company.get({ tenantId, companyId: 'C1' }).params()));

beforeEach(() => {
  signed = [];
  clock = Date.parse('2026-12-02T12:00:00Z');
  sts.on(AssumeRoleCommand).callsFake(async (input: { Tags: { Value: string }[] }) => ({
    Credentials: {
      AccessKeyId: keyOf(input.Tags[0]!.Value),
      SecretAccessKey: 'secret',
      SessionToken: `session-${input.Tags[0]!.Value}`,
      Expiration: new Date(clock + 3600_000),
    },
  }));
});
afterEach(() => sts.reset());

describe('tenant-scoped credentials', () => {
  it("signs each tenant's calls with that tenant's session, two tenants in parallel", async () => {
    const doc = client({ roleArn: ROLE });
    await Promise.all([
      asTenant(A, () => getCompany(doc, A)),
      asTenant(B, () => getCompany(doc, B)),
      asTenant(A, () => getCompany(doc, A)),
      asTenant(B, () => getCompany(doc, B)),
    ]);
    expect(signed.map((s) => s.accessKeyId).sort()).toEqual([keyOf(A), keyOf(A), keyOf(B), keyOf(B)].sort());
    expect(
      signed.every(
        (s) =>
          s.sessionToken ===
          `session-${s.accessKeyId.endsWith(keyOf(A).slice(-4)) ? A.toLowerCase() : B.toLowerCase()}`,
      ),
    ).toBe(true);
    const assumed = sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input);
    // One session per tenant, tagged with the tenant as it appears in keys (lower case).
    expect(assumed).toHaveLength(2);
    for (const input of assumed) {
      expect(input.RoleArn).toBe(ROLE);
      expect(input.Tags).toEqual([{ Key: 'tenantId', Value: expect.stringMatching(/^01j[ab]+$/) }]);
    }
  });

  it('reuses a tenant session until shortly before it expires, then assumes the role again', async () => {
    const doc = client({ roleArn: ROLE });
    await asTenant(A, () => getCompany(doc, A));
    await asTenant(A, () => getCompany(doc, A));
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    clock += 3600_000 - REFRESH_BEFORE_MS + 1;
    await asTenant(A, () => getCompany(doc, A));
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(signed.map((s) => s.accessKeyId)).toEqual([keyOf(A), keyOf(A), keyOf(A)]);
  });

  it('keeps the function role for admin and background work, and everywhere in the local cloud', async () => {
    const cloud = client({ roleArn: ROLE });
    await asFunctionRole('admin route', () => getCompany(cloud, A));
    await readPlatform(() =>
      cloud.send(new GetCommand(db.entities.apiKey.get({ scope: 'platform', provider: 'openai' }).params())),
    );
    const local = client();
    await asTenant(A, () => getCompany(local, A));
    expect(signed.map((s) => s.accessKeyId)).toEqual(['AKIDFUNCTION', 'AKIDFUNCTION', 'AKIDFUNCTION']);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it('does not cache a failed AssumeRole', async () => {
    const doc = client({ roleArn: ROLE });
    sts.on(AssumeRoleCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    await expect(asTenant(A, () => getCompany(doc, A))).rejects.toThrow(/Rate exceeded/);
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: keyOf(A),
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(clock + 3600_000),
      },
    });
    await asTenant(A, () => getCompany(doc, A));
    expect(signed.map((s) => s.accessKeyId)).toEqual([keyOf(A)]);
  });
});

describe('the local key check (what IAM refuses in AWS)', () => {
  it("refuses, before sending, a tenant call on another tenant's keys, in the table and an index", async () => {
    const doc = client();
    await expect(asTenant(A, () => getCompany(doc, B))).rejects.toThrow(TenantKeyViolation);
    const byStage = db.entities.company.query.byStage({ tenantId: B, stage: 'lead' }).params();
    await expect(asTenant(A, () => doc.send(new QueryCommand(byStage)))).rejects.toThrow(TenantKeyViolation);
    const put = db.entities.company
      .put({
        tenantId: B,
        companyId: 'C',
        name: 'n',
        stage: 'lead',
        createdAt: 'x',
        createdBy: 'x',
        updatedAt: 'x',
        updatedBy: 'x',
        version: 1,
      })
      .params();
    await expect(asTenant(A, () => doc.send(new PutCommand(put as PutCommandInput)))).rejects.toThrow(
      TenantKeyViolation,
    );
    expect(signed).toEqual([]);
    await asTenant(A, () => getCompany(doc, A));
    expect(signed).toHaveLength(1);
  });

  it('lets a platform read reach platform items only, and never write', async () => {
    const doc = client();
    const platformKey = db.entities.apiKey.get({ scope: 'platform', provider: 'openai' }).params();
    await readPlatform(() => doc.send(new GetCommand(platformKey)));
    await expect(readPlatform(() => getCompany(doc, A))).rejects.toThrow(TenantKeyViolation);
    const write = db.entities.apiKey
      .put({ scope: 'platform', provider: 'openai', sealed: 's', last4: '1234', setAt: 'x', setBy: 'x' })
      .params();
    await expect(readPlatform(() => doc.send(new PutCommand(write as PutCommandInput)))).rejects.toThrow(/read-only/);
    expect(signed).toHaveLength(1);
  });
});
