import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { apiRoutes } from '../contracts.js';
import type { Route } from '../shared/contract.js';
import { LIMITS } from '../shared/limits.js';

const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    instance: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `errors` names each field at fault' });

const problemContent = { 'application/problem+json': { schema: problem } };

/** The errors a route can answer with, from what it declares. */
function errorResponses(route: Route): RouteConfig['responses'] {
  const codes: Record<number, string> = { 400: 'The request is malformed or fails validation' };
  if (route.auth !== 'public') {
    codes[401] = 'No token, or a token the authorizer refuses';
    codes[403] = 'The role or the workspace’s status forbids this';
  }
  if (route.auth === 'tenant' && !route.mfaSetup) {
    codes[403] +=
      '; or `problems/mfa-required`: the workspace requires two-factor sign-in and this user has not set it up';
  }
  if (route.path.includes('{')) codes[404] = 'Not found (also for another workspace’s ids)';
  if (route.method !== 'GET') {
    codes[409] = 'A conflict: a stale version, a duplicate, or an Idempotency-Key in use';
    codes[422] = 'Well-formed, but a domain rule forbids it';
  }
  if (['POST', 'PUT', 'PATCH'].includes(route.method)) {
    codes[413] = 'The body is larger than 64 KB';
    codes[415] = 'The body is not JSON';
  }
  if (route.versioned) codes[428] = 'If-Match (or `version` in the body) is missing';
  if (route.rateLimit)
    codes[429] = `More than ${route.rateLimit.requests} requests in ${route.rateLimit.windowSeconds} s`;
  if (route.auth === 'tenant') {
    const { perSecond, burst } = LIMITS.api;
    codes[429] = `The workspace is over one of its limits (the API: ${burst} requests at once, ${perSecond} a second after that); Retry-After says when to come back`;
  }
  return Object.fromEntries(
    Object.entries(codes).map(([code, description]) => [code, { description, content: problemContent }]),
  );
}

function headersOf(route: Route): z.ZodObject | undefined {
  const headers: Record<string, z.ZodType> = {};
  if (route.versioned) headers['if-match'] = z.string().meta({ description: 'The version the update is based on' });
  if (route.method !== 'GET' && route.auth !== 'admin') {
    headers['idempotency-key'] = z
      .string()
      .max(255)
      .optional()
      .meta({ description: 'A repeat with the same key returns the first result for 24 h' });
  }
  return Object.keys(headers).length ? z.object(headers) : undefined;
}

function toPath(route: Route): RouteConfig {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  const success =
    route.status === 204
      ? { description: 'Done; no content' }
      : { description: route.summary, content: { 'application/json': { schema: route.response } } };
  return {
    method: route.method.toLowerCase() as RouteConfig['method'],
    path: route.path,
    operationId: `${route.fn}.${route.name}`,
    summary: route.summary,
    tags: [route.fn],
    security: route.auth === 'public' ? [] : [{ [route.auth === 'admin' ? 'adminPool' : 'tenantPool']: [] }],
    ...(route.roles ? { 'x-roles': route.roles } : {}),
    ...(route.mfaSetup ? { 'x-mfa-setup': true } : {}),
    request: {
      params: route.params as z.ZodObject,
      query: route.query as z.ZodObject,
      headers: headersOf(route),
      body: hasBody ? { content: { 'application/json': { schema: route.body } }, required: false } : undefined,
    },
    responses: {
      [route.status]: success,
      ...(route.alsoStatus ? { [route.alsoStatus]: success } : {}),
      ...errorResponses(route),
    },
  };
}

/** The OpenAPI 3.1 document of every route in the contracts. */
export function buildOpenApiDocument(routes: readonly Route[] = apiRoutes) {
  const registry = new OpenAPIRegistry();
  const bearer = (pool: string) => ({
    type: 'http' as const,
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: `A Cognito IdToken from the ${pool} user pool`,
  });
  registry.registerComponent('securitySchemes', 'tenantPool', bearer('tenant'));
  registry.registerComponent('securitySchemes', 'adminPool', bearer('platform admin'));
  for (const route of routes) registry.registerPath(toPath(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Quoteflow API',
      version: '1',
      description:
        'CRM and quoting for small B2B sellers. JSON in and out; errors are application/problem+json; lists take `limit` and `cursor`; money is integer minor units.',
    },
  });
}
