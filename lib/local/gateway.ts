import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { routeKey, routes, type FunctionName, type PoolName, type RouteDef } from '../manifest.js';
import { lambdaContext } from './lambda-runtime.js';

/** API Gateway's own payload limit for HTTP APIs. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

export type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;

export interface GatewayOptions {
  port: number;
  /** Issuer and audience of each pool's JWT authorizer. */
  authorizers: Record<PoolName, { issuer: string; audience: string }>;
  corsOrigins: string[];
  loadHandler: (fn: FunctionName) => Promise<Handler>;
}

export interface Gateway {
  url: string;
  server: Server;
  stop(): Promise<void>;
}

export interface CompiledRoute {
  route: RouteDef;
  key: string;
  pattern: RegExp;
  params: string[];
  staticSegments: number;
}

/** Path templates to regexes; like API Gateway, the route with more literal segments wins. */
export function compileRoutes(defs: readonly RouteDef[]): CompiledRoute[] {
  return defs
    .map((route) => {
      const segments = route.path.split('/').filter(Boolean);
      const params: string[] = [];
      const source = segments
        .map((s) => {
          const m = /^\{(\w+)\}$/.exec(s);
          if (!m) return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          params.push(m[1]!);
          return '([^/]+)';
        })
        .join('/');
      return {
        route,
        key: routeKey(route),
        pattern: new RegExp(`^/${source}/?$`),
        params,
        staticSegments: segments.filter((s) => !s.startsWith('{')).length,
      };
    })
    .sort((a, b) => b.staticSegments - a.staticSegments);
}

/** Claims as the HTTP API JWT authorizer passes them: every value a string, arrays as `[a b]`. */
export function stringifyClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [
      k,
      Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'string' ? v : JSON.stringify(v),
    ]),
  );
}

const TEXT_TYPES = /^(text\/|application\/([\w.+-]+\+)?(json|xml|x-www-form-urlencoded|javascript))/i;

function readRaw(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > GATEWAY_MAX_BODY ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** An APIGatewayProxyEventV2 exactly as the HTTP API builds it for a matched route. */
export function buildEvent(input: {
  route: Pick<CompiledRoute, 'route' | 'key' | 'params'>;
  values: string[];
  url: URL;
  /** Lower-case names; repeated headers already joined with commas. */
  headers: Record<string, string>;
  body: Buffer;
  claims?: Record<string, string>;
  requestId: string;
  sourceIp?: string;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { route, values, url, body, claims, requestId } = input;
  const { cookie, ...headers } = input.headers;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] ? `${query[k]},${v}` : v;
  const isText = !headers['content-type'] || TEXT_TYPES.test(headers['content-type']);
  const now = new Date();
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey: route.key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: cookie ? cookie.split(/;\s*/) : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: route.params.length
      ? Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(values[i]!)]))
      : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.route.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: route.key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
    },
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
  if (route.route.auth === 'public') delete (event.requestContext as { authorizer?: unknown }).authorizer;
  return event;
}

/**
 * The authorizer's audience rule: `aud` when the token has one, else `client_id` (so a Cognito
 * access token of the same client passes, as in AWS; the adapter then refuses it by token_use).
 */
export function admittedAudience(payload: JWTPayload, audience: string): boolean {
  const aud = payload.aud ?? payload.client_id;
  return Array.isArray(aud) ? aud.includes(audience) : aud === audience;
}

/**
 * A local twin of the HTTP API: matches manifest routes, verifies JWTs as the Cognito JWT
 * authorizer would (signature, issuer, audience, expiry), builds payload-v2 events and invokes
 * the real handlers in-process.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const compiled = compileRoutes(routes);
  const jwks = Object.fromEntries(
    Object.entries(options.authorizers).map(([pool, a]) => [
      pool,
      createRemoteJWKSet(new URL(`${a.issuer}/.well-known/jwks.json`)),
    ]),
  ) as Record<PoolName, ReturnType<typeof createRemoteJWKSet>>;

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body?: Buffer | string) => {
    res.writeHead(status, headers);
    res.end(body);
  };

  const cors = (origin: string | undefined): Record<string, string> =>
    origin && options.corsOrigins.includes(origin)
      ? {
          'access-control-allow-origin': origin,
          'access-control-expose-headers': 'etag,idempotent-replayed,retry-after',
          vary: 'origin',
        }
      : {};

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;
    const corsHeaders = cors(origin);

    if (method === 'OPTIONS') {
      return send(res, 204, {
        ...corsHeaders,
        'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
        'access-control-allow-headers': 'authorization,content-type,if-match,idempotency-key',
        'access-control-max-age': '600',
      });
    }

    const json = (status: number, message: string) =>
      send(res, status, { ...corsHeaders, 'content-type': 'application/json' }, JSON.stringify({ message }));

    let match: { c: CompiledRoute; values: string[] } | undefined;
    for (const c of compiled) {
      if (c.route.method !== method) continue;
      const m = c.pattern.exec(url.pathname);
      if (m) {
        match = { c, values: m.slice(1) };
        break;
      }
    }
    if (!match) return json(404, 'Not Found');
    const { route, key } = match.c;

    let claims: Record<string, string> | undefined;
    if (route.auth !== 'public') {
      const token = req.headers.authorization?.replace(/^Bearer\s+/i, '');
      if (!token) return json(401, 'Unauthorized');
      const authorizer = options.authorizers[route.auth];
      try {
        const { payload } = await jwtVerify(token, jwks[route.auth], { issuer: authorizer.issuer });
        if (!admittedAudience(payload, authorizer.audience)) throw new Error('audience');
        claims = stringifyClaims(payload);
      } catch {
        return json(401, 'Unauthorized');
      }
    }

    const raw = await readRaw(req);
    if (raw === 'too-large') return json(413, 'Request Entity Too Large');

    const headers: Record<string, string> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!.toLowerCase();
      const value = req.rawHeaders[i + 1]!;
      headers[name] = headers[name] ? `${headers[name]}${name === 'cookie' ? '; ' : ','}${value}` : value;
    }
    const requestId = randomUUID();
    const event = buildEvent({
      route: match.c,
      values: match.values,
      url,
      headers,
      body: raw,
      claims,
      requestId,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    });

    let result: APIGatewayProxyStructuredResultV2;
    try {
      const handler = await options.loadHandler(route.fn);
      const out = await handler(event, lambdaContext(route.fn, requestId));
      result =
        out && typeof out === 'object' && 'statusCode' in out
          ? (out as APIGatewayProxyStructuredResultV2)
          : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(out) };
    } catch (error) {
      console.error(`[gateway] ${key} threw`, error);
      return json(500, 'Internal Server Error');
    }
    const responseHeaders: Record<string, string> = { ...corsHeaders, 'apigw-requestid': requestId };
    for (const [k, v] of Object.entries(result.headers ?? {})) responseHeaders[k.toLowerCase()] = String(v);
    const body =
      result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
    if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
    send(res, result.statusCode ?? 200, responseHeaders, body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[gateway]', error);
      if (!res.headersSent)
        send(res, 500, { 'content-type': 'application/json' }, '{"message":"Internal Server Error"}');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
