import { BatchGetCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { db } from '../../functions/data/service.js';
import { currentDataScope, type DataScope } from '../../functions/data/tenant-scope.js';
import { defineContract } from '../../functions/shared/contract.js';
import { createApi } from '../../functions/shared/http.js';

// The access check reads the tenant and user records; no table runs in unit tests, so they are
// answered by a client mock. What matters is the scope the adapter runs each route in.
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const TENANT = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const stamp = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1 };
const item = (params: { Item?: Record<string, unknown> }) => params.Item!;
const tenantItem = item(
  db.entities.tenant
    .put({
      tenantId: TENANT,
      name: 'Acme',
      slug: 'acme',
      plan: 'free',
      status: 'active',
      ownerEmail: 'o@acme.test',
      ...stamp,
    })
    .params(),
);
const userItem = item(
  db.entities.user
    .put({ tenantId: TENANT, userId: 'u1', email: 'u@acme.test', name: 'U', role: 'owner', status: 'active', ...stamp })
    .params(),
);

const api = defineContract('scopes', {
  mine: { method: 'GET', path: '/v1/mine', auth: 'tenant', roles: ['owner'], summary: 'Mine', response: z.object({}) },
  all: { method: 'GET', path: '/v1/admin/all', auth: 'admin', summary: 'All', response: z.object({}) },
});
const scopes: (DataScope | undefined)[] = [];
const handler = createApi(api, {
  mine: async () => (scopes.push(currentDataScope()), {}),
  all: async () => (scopes.push(currentDataScope()), {}),
});

const invoke = (routeKey: string, claims: Record<string, string>) =>
  handler(
    {
      version: '2.0',
      routeKey,
      rawPath: routeKey.split(' ')[1],
      headers: {},
      isBase64Encoded: false,
      requestContext: {
        requestId: 'req-1',
        routeKey,
        http: {
          method: 'GET',
          path: routeKey.split(' ')[1],
          protocol: 'HTTP/1.1',
          sourceIp: '203.0.113.9',
          userAgent: 'x',
        },
        authorizer: { jwt: { claims: { token_use: 'id', ...claims }, scopes: [] } },
      },
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer,
    { getRemainingTimeInMillis: () => 10_000, functionName: 'scopes', awsRequestId: 'req-1' } as Context,
  ) as Promise<{ statusCode: number }>;

describe('the adapter chooses the data scope per route', () => {
  it("runs a tenant route, its access check and its API token included, as the token's tenant", async () => {
    let checkScope: DataScope | undefined;
    let tokenScope: DataScope | undefined;
    ddb.on(BatchGetCommand).callsFake(() => {
      checkScope = currentDataScope();
      return { Responses: { unit: [tenantItem, userItem] } };
    });
    ddb.on(UpdateCommand).callsFake(() => {
      tokenScope = currentDataScope();
      return {};
    });
    const res = await invoke('GET /v1/mine', { sub: 'u1', 'custom:tenantId': TENANT });
    expect(res.statusCode).toBe(200);
    expect(checkScope).toEqual({ kind: 'tenant', tenantId: TENANT });
    expect(tokenScope).toEqual({ kind: 'tenant', tenantId: TENANT });
    expect(scopes.pop()).toEqual({ kind: 'tenant', tenantId: TENANT });
  });

  it("runs an admin route with the function's role, on purpose", async () => {
    const res = await invoke('GET /v1/admin/all', { sub: 'admin-1', email: 'a@quoteflow.test' });
    expect(res.statusCode).toBe(200);
    expect(scopes.pop()).toEqual({ kind: 'function', reason: 'admin route' });
  });
});
