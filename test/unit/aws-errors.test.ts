import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { db } from '../../functions/data/service.js';
import { assertCommitted } from '../../functions/data/transaction.js';
import { defineContract, idParams, READ } from '../../functions/shared/contract.js';
import { toProblem } from '../../functions/shared/aws-errors.js';
import { createApi } from '../../functions/shared/http.js';

// Throttling, unprocessed keys and lost transactions cannot be produced on cue by DynamoDB
// Local, so these failure paths are driven with a client mock.
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $fault: 'client' });

const TENANT = '01TENANT';
const USER = 'user-1';
const tenantItem = {
  ...db.entities.tenant.get({ tenantId: TENANT }).params<{ Key: Record<string, string> }>().Key,
  tenantId: TENANT,
  name: 'Acme',
  slug: 'acme',
  plan: 'starter',
  status: 'active',
  ownerEmail: 'o@example.test',
  createdAt: '2025-01-08T00:00:00.000Z',
  updatedAt: '2025-01-08T00:00:00.000Z',
  version: 1,
  __edb_e__: 'tenant',
  __edb_v__: '1',
};
const userItem = {
  ...db.entities.user.get({ tenantId: TENANT, userId: USER }).params<{ Key: Record<string, string> }>().Key,
  tenantId: TENANT,
  userId: USER,
  email: 'o@example.test',
  name: 'Owner',
  role: 'owner',
  status: 'active',
  createdAt: '2025-01-08T00:00:00.000Z',
  updatedAt: '2025-01-08T00:00:00.000Z',
  version: 1,
  __edb_e__: 'user',
  __edb_v__: '1',
};
// Signed in, with the tenant's API token bucket full (its one conditional update succeeds).
const signedIn = () => {
  ddb.on(BatchGetCommand).resolves({ Responses: { unit: [tenantItem, userItem] } });
  ddb.on(UpdateCommand).resolves({ Attributes: { fullAt: 0 } });
};

const api = defineContract('companies', {
  read: {
    method: 'GET',
    path: '/v1/things/{thingId}',
    auth: 'tenant',
    roles: READ,
    summary: 'A thing',
    params: idParams('thingId'),
    response: z.unknown(),
  },
  save: {
    method: 'POST',
    path: '/v1/things',
    auth: 'tenant',
    roles: READ,
    summary: 'Save things together',
    response: z.unknown(),
    status: 201,
  },
});
const handler = createApi(api, {
  read: async ({ ctx, params }) =>
    (await db.entities.company.get({ tenantId: ctx.tenantId, companyId: params.thingId }).go()).data,
  save: async () => {
    const result = await db.transaction
      .write(({ company }) => [
        company
          .create({
            tenantId: TENANT,
            companyId: 'c1',
            name: 'A',
            stage: 'lead',
            createdBy: USER,
            updatedBy: USER,
            version: 1,
            createdAt: 'x',
            updatedAt: 'x',
          })
          .commit(),
      ])
      .go();
    assertCommitted(result, () => new Error('taken'));
    return {};
  },
});

function request(routeKey: string, path: string, params?: Record<string, string>) {
  const [method] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: params,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      routeKey,
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      authorizer: { jwt: { claims: { token_use: 'id', sub: USER, 'custom:tenantId': TENANT }, scopes: [] } },
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}
const context = { getRemainingTimeInMillis: () => 10_000, functionName: 'companies', awsRequestId: 'r' } as Context;
const send = async (e: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const res = (await handler(e, context)) as { statusCode: number; headers: Record<string, string>; body: string };
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
};
const read = () => send(request('GET /v1/things/{thingId}', '/v1/things/t1', { thingId: 't1' }));

describe('AWS failures as HTTP answers', () => {
  it('answers 503 with Retry-After when the access check comes back with unprocessed keys', async () => {
    ddb.on(BatchGetCommand).resolves({
      Responses: { unit: [] },
      UnprocessedKeys: { unit: { Keys: [{ pk: 'p', sk: 's' }] } },
    });
    const res = await read();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body).toMatchObject({ status: 503, type: 'https://quoteflow.app/problems/unavailable' });
  });

  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'])(
    'answers 503 with Retry-After when the access check is throttled (%s)',
    async (name) => {
      ddb.on(BatchGetCommand).rejects(awsError(name));
      const res = await read();
      expect(res.status).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    },
  );

  it("answers 503 when the operation's own read is throttled, through ElectroDB's wrapping", async () => {
    signedIn();
    ddb.on(GetCommand).rejects(awsError('ProvisionedThroughputExceededException'));
    const res = await read();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('answers 400, not 500, when DynamoDB refuses a value with ValidationException', async () => {
    signedIn();
    ddb
      .on(GetCommand)
      .rejects(awsError('ValidationException', 'One or more parameter values were invalid: Key length exceeded'));
    const res = await read();
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, type: 'https://quoteflow.app/problems/validation' });
  });

  it('answers 409 when a transaction loses to a concurrent one, and 503 when it is throttled', async () => {
    signedIn();
    const save = () => send(request('POST /v1/things', '/v1/things'));
    ddb.on(TransactWriteCommand).rejects(awsError('TransactionConflictException'));
    expect((await save()).status).toBe(409);
    ddb.on(TransactWriteCommand).rejects(
      Object.assign(
        awsError(
          'TransactionCanceledException',
          'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
        ),
        {
          CancellationReasons: [{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }],
        },
      ),
    );
    expect((await save()).status).toBe(409);
    ddb.on(TransactWriteCommand).rejects(
      Object.assign(awsError('TransactionCanceledException', 'Transaction cancelled [ThrottlingError]'), {
        CancellationReasons: [{ Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity' }],
      }),
    );
    expect((await save()).status).toBe(503);
  });

  it('still answers 500 for a failure that is ours', async () => {
    signedIn();
    ddb.on(GetCommand).rejects(awsError('ResourceNotFoundException', 'Requested resource not found'));
    expect((await read()).status).toBe(500);
  });

  it("answers 503 when STS throttles the tenant's AssumeRole (its error name is Throttling)", () => {
    const problem = toProblem(Object.assign(awsError('Throttling', 'Rate exceeded'), { $fault: 'client' }));
    expect(problem?.status).toBe(503);
    expect(problem?.headers?.['retry-after']).toBeDefined();
  });
});
