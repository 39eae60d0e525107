import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { findRoute, routeKey, routesOf, type FunctionName, type RouteDef } from '../../lib/manifest.js';
import { resolveAdminContext, resolveTenantContext, type AdminContext, type TenantContext } from './auth-context.js';
import {
  ForbiddenError,
  HttpError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionRequiredError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors.js';
import { runOnce } from './idempotency.js';
import { logger } from './logger.js';

/** Largest JSON body any route accepts; API Gateway itself allows 10 MB. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ApiRequest<C> {
  ctx: C;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  requestId: string;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type TenantOperation = (req: ApiRequest<TenantContext>) => Promise<ApiResponse>;
export type AdminOperation = (req: ApiRequest<AdminContext>) => Promise<ApiResponse>;
type Operation = TenantOperation | AdminOperation;

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

/** A JSON response; a resource with a version also gets an ETag for If-Match. */
export function ok(body: unknown, status = 200): ApiResponse {
  const version = (body as { version?: unknown } | null)?.version;
  return { status, body, headers: typeof version === 'number' ? { etag: `"${version}"` } : undefined };
}

export const created = (body: unknown): ApiResponse => ok(body, 201);
export const noContent = (): ApiResponse => ({ status: 204 });

/** The version an update is based on, from If-Match or the body; 428 when neither is sent. */
export function expectedVersion(req: ApiRequest<unknown>): number {
  const header = req.headers['if-match']?.replace(/^W\//, '').replace(/"/g, '').trim();
  const fromBody = (req.body as { version?: unknown } | undefined)?.version;
  const raw = header ?? fromBody;
  if (raw === undefined || raw === '') throw new PreconditionRequiredError();
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1) {
    throw new ValidationError('The version must be a positive integer', [
      { path: 'version', message: 'Invalid version' },
    ]);
  }
  return version;
}

function problemResponse(error: HttpError, requestId: string): Result {
  return {
    statusCode: error.status,
    headers: { 'content-type': 'application/problem+json', ...error.headers },
    body: JSON.stringify({
      type: error.type,
      title: error.title,
      status: error.status,
      detail: error.detail,
      errors: error.errors,
      instance: requestId,
    }),
  };
}

function toResult(res: ApiResponse): Result {
  if (res.body === undefined) return { statusCode: res.status, headers: res.headers };
  return {
    statusCode: res.status,
    headers: { 'content-type': 'application/json', ...res.headers },
    body: JSON.stringify(res.body),
  };
}

function readBody(event: Event, method: string): unknown {
  if (!['POST', 'PUT', 'PATCH'].includes(method) || !event.body) return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.length > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const contentType = event.headers['content-type'];
  if (!contentType || !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeError(contentType);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ValidationError('The body is not valid JSON', [{ path: '', message: 'Malformed JSON' }]);
  }
}

async function resolveContext(route: RouteDef, event: Event): Promise<TenantContext | AdminContext | undefined> {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  if (route.auth === 'admin') return resolveAdminContext(claims);
  if (route.auth !== 'tenant') return undefined;
  const ctx = await resolveTenantContext(claims);
  if (!route.roles?.includes(ctx.role)) {
    throw new ForbiddenError(`Your role (${ctx.role}) cannot do this`);
  }
  return ctx;
}

/**
 * The Lambda entry of one route group: checks at cold start that the operations match the
 * manifest's routes for this function, then authorises, parses and dispatches each request.
 */
export function createApi(fn: FunctionName, operations: Record<string, Operation>) {
  const expected = routesOf(fn).map(routeKey).sort();
  const given = Object.keys(operations).sort();
  if (expected.join('\n') !== given.join('\n')) {
    throw new Error(`Function ${fn} implements [${given.join(', ')}] but the manifest routes [${expected.join(', ')}]`);
  }

  const dispatch = async (event: Event): Promise<Result> => {
    const requestId = event.requestContext.requestId;
    logger.setCorrelationId(requestId);
    try {
      const route = findRoute(event.routeKey);
      const operation = operations[event.routeKey];
      if (!route || !operation) throw new NotFoundError('This route');
      const method = event.requestContext.http.method;
      const ctx = await resolveContext(route, event);
      const body = readBody(event, method);
      const req: ApiRequest<never> = {
        ctx: ctx as never,
        params: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        headers: event.headers as Record<string, string>,
        body,
        requestId,
      };
      const scope = ctx?.kind === 'tenant' ? ctx.tenantId : `platform-${ctx?.adminId ?? 'public'}`;
      const key = method === 'GET' ? undefined : event.headers['idempotency-key'];
      const fingerprint = `${event.routeKey}\n${event.rawPath}\n${event.body ?? ''}`;
      return toResult(await runOnce(scope, key, fingerprint, () => operation(req)));
    } catch (error) {
      if (error instanceof HttpError) {
        if (error.status >= 500) logger.error('request failed', { error });
        return problemResponse(error, requestId);
      }
      logger.error('unhandled error', { error: error as Error });
      return problemResponse(
        new HttpError(
          500,
          'https://quoteflow.app/problems/internal',
          'Something went wrong on our side',
          `Quote request id ${requestId} when reporting this`,
        ),
        requestId,
      );
    }
  };

  return middy<Event, Result>().use(injectLambdaContext(logger)).handler(dispatch);
}
