import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineContract, idParams } from '../../functions/shared/contract.js';
import { createApi, type OperationInput } from '../../functions/shared/http.js';
import { pageQuery } from '../../functions/shared/validation.js';

const widget = z.object({ widgetId: z.string(), size: z.number(), version: z.number() });

const widgetsApi = defineContract('widgets', {
  list: {
    method: 'GET',
    path: '/v1/widgets',
    auth: 'public',
    summary: 'Widgets',
    query: z.strictObject(pageQuery),
    response: z.object({ items: z.array(widget), cursor: z.string().nullable() }),
  },
  update: {
    method: 'PATCH',
    path: '/v1/widgets/{widgetId}',
    auth: 'public',
    summary: 'Resize a widget',
    params: idParams('widgetId'),
    body: z.strictObject({ size: z.number().int().min(1), version: z.number().optional() }),
    response: widget,
    versioned: true,
  },
});

const seen: unknown[] = [];
let answerWith: unknown = undefined;
/** Set to make `list` take this long. */
let listTakesMs = 0;
const handler = createApi(widgetsApi, {
  list: async (input) => {
    seen.push(input);
    if (listTakesMs) await new Promise((r) => setTimeout(r, listTakesMs));
    return { items: [], cursor: null };
  },
  update: async (input) => {
    seen.push(input);
    return (answerWith ?? {
      widgetId: input.params.widgetId,
      size: input.body.size,
      version: input.version + 1,
    }) as never;
  },
});

function event(
  routeKey: string,
  path: string,
  init: {
    query?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  } = {},
) {
  const [method] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...init.headers },
    queryStringParameters: init.query,
    pathParameters: init.params,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      routeKey,
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'curl/8' },
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

const context = { getRemainingTimeInMillis: () => 10_000, functionName: 'widgets', awsRequestId: 'req-1' } as Context;
const invoke = async (e: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const res = (await handler(e, context)) as { statusCode: number; headers: Record<string, string>; body?: string };
  return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
};

afterEach(() => {
  seen.length = 0;
  answerWith = undefined;
  listTakesMs = 0;
  delete process.env.QUOTEFLOW_CHECK_RESPONSES;
});

describe('the contract adapter', () => {
  it('answers 503 with Retry-After a second before the Lambda would time out, instead of a 504 from API Gateway', async () => {
    listTakesMs = 5_000;
    const nearlyOut = { ...context, getRemainingTimeInMillis: () => 1_200 } as Context;
    const started = performance.now();
    const res = (await handler(event('GET /v1/widgets', '/v1/widgets'), nearlyOut)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    const took = performance.now() - started;
    expect(res.statusCode).toBe(503);
    expect(res.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '5' });
    expect(JSON.parse(res.body)).toMatchObject({ status: 503, type: 'https://quoteflow.app/problems/timeout' });
    // The answer came at the deadline less the margin, well before the work would have ended.
    expect(took).toBeLessThan(1_200);
  });

  it('answers as usual when the work ends before its deadline', async () => {
    listTakesMs = 50;
    const res = await invoke(event('GET /v1/widgets', '/v1/widgets'));
    expect(res.statusCode).toBe(200);
  });

  it('hands the operation parsed input: defaults applied, numbers coerced, the caller of a public route', async () => {
    const res = await invoke(event('GET /v1/widgets', '/v1/widgets', { query: { limit: '5' } }));
    expect(res.statusCode).toBe(200);
    const input = seen[0] as OperationInput<typeof widgetsApi.list>;
    expect(input.query).toEqual({ limit: 5 });
    expect(input.ctx).toEqual({ kind: 'public', sourceIp: '203.0.113.9', userAgent: 'curl/8' });
  });

  it('refuses unknown query fields, bad path ids and bad bodies with 400 naming the field, before the operation runs', async () => {
    const unknownQuery = await invoke(event('GET /v1/widgets', '/v1/widgets', { query: { colour: 'red' } }));
    expect(unknownQuery.statusCode).toBe(400);
    expect(unknownQuery.json.errors).toEqual([{ path: 'colour', message: 'Unknown field' }]);

    const longId = 'w'.repeat(2000);
    const badId = await invoke(
      event('PATCH /v1/widgets/{widgetId}', `/v1/widgets/${longId}`, {
        params: { widgetId: longId },
        body: { size: 2 },
        headers: { 'if-match': '"1"' },
      }),
    );
    expect(badId.statusCode).toBe(400);
    expect(badId.json.errors[0].path).toBe('widgetId');

    const badBody = await invoke(
      event('PATCH /v1/widgets/{widgetId}', '/v1/widgets/w1', {
        params: { widgetId: 'w1' },
        body: { size: 0 },
        headers: { 'if-match': '"1"' },
      }),
    );
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json.errors[0].path).toBe('size');
    expect(seen).toEqual([]);
  });

  it('requires the version on versioned routes (428) and passes it to the operation', async () => {
    const missing = await invoke(
      event('PATCH /v1/widgets/{widgetId}', '/v1/widgets/w1', { params: { widgetId: 'w1' }, body: { size: 2 } }),
    );
    expect(missing.statusCode).toBe(428);
    const ok = await invoke(
      event('PATCH /v1/widgets/{widgetId}', '/v1/widgets/w1', {
        params: { widgetId: 'w1' },
        body: { size: 2 },
        headers: { 'if-match': '"3"' },
      }),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json).toEqual({ widgetId: 'w1', size: 2, version: 4 });
    expect(ok.headers.etag).toBe('"4"');
  });

  it('checks answers against the response schema when asked to (tests), not otherwise (production)', async () => {
    answerWith = { widgetId: 'w1', size: 'large', version: 2 };
    const patch = () =>
      invoke(
        event('PATCH /v1/widgets/{widgetId}', '/v1/widgets/w1', {
          params: { widgetId: 'w1' },
          body: { size: 2 },
          headers: { 'if-match': '"1"' },
        }),
      );
    expect((await patch()).statusCode).toBe(200);
    process.env.QUOTEFLOW_CHECK_RESPONSES = '1';
    const checked = await patch();
    expect(checked.statusCode).toBe(500);
    expect(checked.body).not.toContain('large');
  });

  it('refuses a contract whose operations are missing at cold start', () => {
    expect(() => createApi(widgetsApi, { list: async () => ({ items: [], cursor: null }) } as never)).toThrow(
      /no operation for PATCH \/v1\/widgets\/\{widgetId\}/,
    );
  });
});
