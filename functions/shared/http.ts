import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import {
  assertMfaSatisfied,
  resolveAdminContext,
  resolveTenantContext,
  type AdminContext,
  type PublicContext,
  type TenantContext,
} from './auth-context.js';
import { toProblem } from './aws-errors.js';
import { routeKey, type Auth, type Contract, type Route } from './contract.js';
import { asFunctionRole, asTenant } from '../data/tenant-scope.js';
import {
  ForbiddenError,
  HttpError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionRequiredError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors.js';
import { runOnce, type ApiResponse, type IdempotencyScope } from './idempotency.js';
import { PLATFORM_SCOPE } from '../data/client.js';
import { API_DEADLINE_MARGIN_MS, API_TIMEOUT_SECONDS } from './budgets.js';
import { logger } from './logger.js';
import { observeRequests } from './observability.js';
import { consumeRateLimit } from './rate-limit.js';
import { takeApiToken } from './token-bucket.js';
import { fieldErrors, parseRequestPart } from './validation.js';

/** Largest JSON body any route accepts; API Gateway itself allows 10 MB. */
export const MAX_BODY_BYTES = 64 * 1024;

type ContextOf<A extends Auth> = A extends 'tenant' ? TenantContext : A extends 'admin' ? AdminContext : PublicContext;

/** What an operation receives: the caller and the request, parsed by the route's schemas. */
export interface OperationInput<R extends Route> {
  ctx: ContextOf<R['auth']>;
  params: z.output<R['params']>;
  query: z.output<R['query']>;
  body: z.output<R['body']>;
  /** Versioned routes: the version the update is based on (If-Match or `version` in the body). */
  version: R extends { versioned: true } ? number : undefined;
  headers: Record<string, string | undefined>;
  requestId: string;
}

/** An answer with headers of its own; operations otherwise return just the body. */
export class Reply<T> {
  constructor(
    readonly body: T,
    readonly headers: Record<string, string>,
    /** The route's `alsoStatus` instead of its `status`. */
    readonly status?: number,
  ) {}
}

type Answer<R extends Route> = z.input<R['response']> | Reply<z.input<R['response']>>;

/** The code behind one route: typed input in, the route's response body out. */
export type Operation<R extends Route> = (input: OperationInput<R>) => Promise<Answer<R>>;

/** One operation per route of a contract, named as the contract names them. */
export type Operations<C extends Contract> = { [N in keyof C]: Operation<C[N]> };

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

/** Tests set this so every response is checked against its schema; production skips the cost. */
const checkingResponses = (): boolean => process.env.QUOTEFLOW_CHECK_RESPONSES === '1';

/** The version an update is based on, from If-Match or the body; 428 when neither is sent. */
function expectedVersion(headers: Record<string, string | undefined>, body: unknown): number {
  const header = headers['if-match']?.replace(/^W\//, '').replace(/"/g, '').trim();
  const fromBody = (body as { version?: unknown } | undefined)?.version;
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

/** The request ran into its deadline: a 503 the client may retry (with the same Idempotency-Key). */
const deadlineReached = () =>
  new HttpError(
    503,
    'https://quoteflow.app/problems/timeout',
    'The request took too long',
    'It may still complete; retry with the same Idempotency-Key to get its answer',
    undefined,
    { 'retry-after': '5' },
  );

/**
 * Settles with `work`, or throws 503 once the Lambda is API_DEADLINE_MARGIN_MS from its own
 * deadline (or API Gateway's, whichever comes first): the client gets a problem with Retry-After
 * instead of API Gateway's bare 504 or a timed-out Lambda. Raced outside the idempotency claim,
 * so a retry with the same key waits for (or replays) the work still going, never repeats it.
 */
async function withinDeadline<T>(context: Context | undefined, work: Promise<T>): Promise<T> {
  const remaining = Math.min(context?.getRemainingTimeInMillis?.() ?? Infinity, API_TIMEOUT_SECONDS * 1000);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(deadlineReached()), Math.max(0, remaining - API_DEADLINE_MARGIN_MS));
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
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

async function resolveContext(route: Route, event: Event): Promise<TenantContext | AdminContext | PublicContext> {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  if (route.auth === 'public') {
    const { sourceIp, userAgent } = event.requestContext.http;
    return { kind: 'public', sourceIp, userAgent: userAgent ?? '' };
  }
  // The JWT authorizer matches an access token's client_id against the same audience as an ID
  // token's aud, so it admits both; the API takes ID tokens only (their claims carry tenant and role).
  if (claims.token_use !== 'id') throw new UnauthorizedError('Send the Cognito ID token, not the access token');
  if (route.auth === 'admin') return resolveAdminContext(claims);
  const ctx = await resolveTenantContext(claims);
  if (!route.roles?.includes(ctx.role)) throw new ForbiddenError(`Your role (${ctx.role}) cannot do this`);
  assertMfaSatisfied(ctx, route);
  return ctx;
}

/** Replays and rate limits are per tenant, per platform admin, or per public route and caller. */
function callerScope(route: Route, ctx: TenantContext | AdminContext | PublicContext): string {
  if (ctx.kind === 'tenant') return ctx.tenantId;
  if (ctx.kind === 'admin') return `platform-${ctx.adminId}`;
  return `public ${routeKey(route)} ${ctx.sourceIp}`;
}

/**
 * Whose credentials the request's table calls use, chosen before anything is read: a tenant route
 * runs as the tenant its token names (the access check included, so it reads only that tenant's
 * user and tenant records); admin and public routes keep the function's role on purpose.
 */
function inDataScope<T>(route: Route | undefined, event: Event, fn: () => Promise<T>): Promise<T> {
  if (route?.auth !== 'tenant') return asFunctionRole(`${route?.auth ?? 'unknown'} route`, fn);
  const tenantId = event.requestContext.authorizer?.jwt?.claims?.['custom:tenantId'];
  // No tenant in the token: resolveTenantContext refuses it with 401 before any table call.
  return asTenant(typeof tenantId === 'string' ? tenantId : '', fn);
}

/** An Idempotency-Key belongs to one caller on one route, stored in the caller's tenant (or platform) partition. */
function idempotencyScope(route: Route, ctx: TenantContext | AdminContext | PublicContext): IdempotencyScope {
  const key = routeKey(route);
  if (ctx.kind === 'tenant') return { partition: ctx.tenantId, principal: `user ${ctx.userId}`, route: key };
  if (ctx.kind === 'admin') return { partition: PLATFORM_SCOPE, principal: `admin ${ctx.adminId}`, route: key };
  return { partition: 'public', principal: `ip ${ctx.sourceIp}`, route: key };
}

function checkResponse(route: Route, body: unknown): void {
  const result = route.response.safeParse(body);
  if (!result.success) {
    throw new Error(`${routeKey(route)} answered outside its contract: ${JSON.stringify(fieldErrors(result.error))}`);
  }
}

/** A JSON answer; a resource with a version also gets an ETag for If-Match. */
function answer(route: Route, value: unknown): ApiResponse {
  const reply = value instanceof Reply ? value : new Reply(value, {});
  if (checkingResponses()) checkResponse(route, reply.body);
  if (reply.status !== undefined && reply.status !== route.status && reply.status !== route.alsoStatus) {
    throw new Error(`${routeKey(route)} answered ${reply.status}, which its contract does not declare`);
  }
  const status = reply.status ?? route.status;
  const body = status === 204 ? undefined : reply.body;
  const version = (body as { version?: unknown } | null | undefined)?.version;
  const etag: Record<string, string> = typeof version === 'number' ? { etag: `"${version}"` } : {};
  return { status, body, headers: { ...etag, ...reply.headers } };
}

/**
 * The Lambda entry of one function: finds the route, authorises the caller, validates params,
 * query and body against the route's schemas, applies the rate limits and Idempotency-Key, and
 * turns the operation's result or error into an HTTP answer.
 */
export function createApi<C extends Contract>(contract: C, operations: Operations<C>) {
  const byKey = new Map<string, { route: Route; operation: Operation<Route> }>();
  for (const [name, route] of Object.entries(contract)) {
    const operation = (operations as Record<string, Operation<Route>>)[name];
    if (!operation) throw new Error(`${route.fn} has no operation for ${routeKey(route)}`);
    byKey.set(routeKey(route), { route, operation });
  }

  const dispatch = async (event: Event, context?: Context): Promise<Result> => {
    const requestId = event.requestContext.requestId;
    logger.setCorrelationId(requestId);
    try {
      const found = byKey.get(event.routeKey);
      if (!found) throw new NotFoundError('This route');
      const { route, operation } = found;
      const ctx = await resolveContext(route, event);
      const scope = callerScope(route, ctx);
      if (route.rateLimit) await consumeRateLimit(scope, route.rateLimit);
      await takeApiToken(ctx);
      const rawBody = readBody(event, route.method);
      const headers = event.headers as Record<string, string | undefined>;
      const input = {
        ctx,
        params: parseRequestPart(route.params, event.pathParameters ?? {}, 'path'),
        query: parseRequestPart(route.query, event.queryStringParameters ?? {}, 'query'),
        body: parseRequestPart(route.body, rawBody, 'body'),
        version: route.versioned ? expectedVersion(headers, rawBody) : undefined,
        headers,
        requestId,
      } as OperationInput<Route>;
      const key = route.method === 'GET' ? undefined : headers['idempotency-key'];
      const fingerprint = `${event.routeKey}\n${event.rawPath}\n${event.body ?? ''}`;
      const work = runOnce(idempotencyScope(route, ctx), key, fingerprint, async () =>
        answer(route, await operation(input)),
      );
      return toResult(await withinDeadline(context, work));
    } catch (error) {
      const problem = toProblem(error);
      if (problem) {
        if (problem.status >= 500) logger.error('request failed', { error: error as Error });
        // Logged in case it was our own query at fault rather than the client's value.
        else if (problem !== error) logger.warn('AWS refused the request', { error: error as Error });
        return problemResponse(problem, requestId);
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

  const fn = Object.values(contract)[0]?.fn ?? 'unknown';
  const scoped = (event: Event, context: Context) =>
    inDataScope(byKey.get(event.routeKey)?.route, event, () => dispatch(event, context));
  return middy<Event, Result>().use(injectLambdaContext(logger)).use(observeRequests(fn)).handler(scoped);
}
