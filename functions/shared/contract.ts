import * as z from 'zod';
import { ROLES, type Role } from './enums.js';
import { emptyBody } from './validation.js';

/**
 * How a route is described once: the manifest (and so API Gateway and the local gateway), the
 * Lambda adapter, the OpenAPI document and the SPA's typed client all read these objects. This
 * module and the contracts that use it import nothing but zod and other pure modules, because
 * the SPA bundles them.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `tenant` and `admin` routes pass their pool's JWT authorizer; `public` routes carry no token. */
export type Auth = 'tenant' | 'admin' | 'public';

/** Anyone in the tenant may read; viewers may not write; only owners and admins manage people. */
export const READ: readonly Role[] = ROLES;
export const WRITE: readonly Role[] = ['owner', 'admin', 'sales'];
export const MANAGE_USERS: readonly Role[] = ['owner', 'admin'];
/** Workspace configuration (pipelines and their stages). */
export const MANAGE_WORKSPACE: readonly Role[] = ['owner', 'admin'];
/** Workspace-wide security settings. */
export const OWNER: readonly Role[] = ['owner'];

/** Requests one caller (route + source IP) may make per window; public routes only. */
export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

/** What a contract author writes for one route; the rest is filled in by `defineContract`. */
export interface RouteSpec {
  method: HttpMethod;
  path: string;
  auth: Auth;
  /** Tenant routes: which roles may call it. */
  roles?: readonly Role[];
  /**
   * Public routes: why no sign-in is needed and what protects the route instead (signed tokens,
   * limits). Synthesis refuses a public route without one; it becomes its cdk-nag APIG4 reason.
   */
  publicBecause?: string;
  /** One line for the OpenAPI document. */
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success status; 200 unless said. */
  status?: 200 | 201 | 202 | 204;
  /** A second success status the operation may choose (with `Reply`), same response schema: a dry run's 200 beside a queued 202. */
  alsoStatus?: 200 | 201 | 202;
  /** Updates based on a version: `If-Match` (or `version` in the body) is required. */
  versioned?: boolean;
  rateLimit?: RateLimit;
  /**
   * Tenant routes a user without TOTP may still call when their workspace requires MFA: what
   * they need to set it up. Every other route answers 403 `problems/mfa-required`.
   */
  mfaSetup?: boolean;
}

/** No path parameters. */
export const noParams = z.strictObject({});
/** Query strings the route does not read are ignored, as they always were. */
export const noQuery = z.object({});
/** A 204 answer. */
export const noContent = z.void();

type Or<T, Default> = T extends z.ZodType ? T : Default;

/** A route as every reader sees it: the spec, its function, its name and its defaults. */
export type Route<S extends RouteSpec = RouteSpec, F extends string = string, N extends string = string> = Omit<
  S,
  'params' | 'query' | 'body' | 'status'
> & {
  fn: F;
  name: N;
  params: Or<S['params'], typeof noParams>;
  query: Or<S['query'], typeof noQuery>;
  body: Or<S['body'], typeof emptyBody>;
  status: number;
};

export type Contract<F extends string = string, Specs extends Record<string, RouteSpec> = Record<string, RouteSpec>> = {
  readonly [N in keyof Specs & string]: Route<Specs[N], F, N>;
};

/**
 * The routes one function serves, each declared once. The key names the operation the handler
 * implements for it.
 */
export function defineContract<const F extends string, const Specs extends Record<string, RouteSpec>>(
  fn: F,
  specs: Specs,
): Contract<F, Specs> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      {
        ...spec,
        fn,
        name,
        params: spec.params ?? noParams,
        query: spec.query ?? noQuery,
        body: spec.body ?? emptyBody,
        status: spec.status ?? 200,
      },
    ]),
  ) as Contract<F, Specs>;
}

/** `GET /v1/companies/{companyId}`: the API Gateway route key. */
export const routeKey = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;

/** The names of a path's `{placeholders}`, in order. */
export const pathParamNames = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** A path with its placeholders filled in, each value URL-encoded. */
export function fillPath(path: string, params: Record<string, unknown>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
}

/**
 * An id in a path: what our ULIDs, tenant ids and Companies House officer ids look like. Anything
 * else (1 KB of junk, slashes, control characters) is refused before it reaches DynamoDB.
 */
export const pathId = z.string().regex(/^[A-Za-z0-9_.~:-]{1,128}$/, 'Not a valid id');

/** A strict params object of ids: `idParams('companyId')` → `{ companyId: pathId }`. */
export function idParams<const K extends string>(
  ...names: K[]
): z.ZodObject<{ [P in K]: typeof pathId }, z.core.$strict> {
  return z.strictObject(Object.fromEntries(names.map((n) => [n, pathId])) as { [P in K]: typeof pathId });
}

/** `{ items, cursor }`: one page of a list (`?limit=` defaults to 25, at most 100; `?cursor=` continues). */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().nullable() });

/** Money in minor units with its ISO currency. */
export const money = z.object({ amount: z.number().int(), currency: z.string().length(3) });

/** Input types of a route, as the client sends them (before defaults and coercion). */
export type ParamsIn<R extends Route> = z.input<R['params']>;
export type QueryIn<R extends Route> = z.input<R['query']>;
export type BodyIn<R extends Route> = z.input<R['body']>;
/** What the operation receives, after parsing. */
export type ParamsOf<R extends Route> = z.output<R['params']>;
export type QueryOf<R extends Route> = z.output<R['query']>;
export type BodyOf<R extends Route> = z.output<R['body']>;
/** What the route answers. */
export type ResponseOf<R extends Route> = z.output<R['response']>;
