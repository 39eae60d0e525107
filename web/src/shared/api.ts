import type { Route, BodyIn, ParamsIn, QueryIn, ResponseOf } from '../../../functions/shared/contract';
import { fillPath } from '../../../functions/shared/contract';
import type { AuthSession } from './auth';

/** One field-level problem from a problem+json response, `path` dotted (`emails.0.address`). */
export interface FieldError {
  path: string;
  message: string;
}

/** A failed API call: the problem+json document, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fieldErrors: FieldError[] = [],
    readonly type?: string,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }

  /** Someone else changed the record since it was read. */
  get isConflict(): boolean {
    return this.status === 409 && this.fieldErrors.some((e) => e.path === 'version');
  }
}

/** A readable message for any error thrown by an API call or a component. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return error.detail ?? error.title;
    if (error.status === 403) return error.detail ?? 'You are not allowed to do this.';
    if (error.status === 404) return error.detail ?? 'This was not found.';
    if (error.status === 429) return 'Too many requests. Wait a moment and try again.';
    if (error.status >= 500) return 'Something went wrong on our side. Please try again.';
    return error.detail ?? error.title;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
  /** Sent as If-Match on updates. */
  version?: number;
  /** Sent as Idempotency-Key; POSTs get a fresh one when not given. */
  idempotencyKey?: string;
}

/** A fresh idempotency key for one logical create. */
export const newIdempotencyKey = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** `{}`: a part whose fields are all optional may be left out. */
type NothingRequired = Record<never, never>;

type Part<K extends string, T> = NothingRequired extends T ? { [P in K]?: T } : { [P in K]: T };

/** What a call of `route` sends: its params, query and body as the contract types them. */
export type CallInput<R extends Route> = Part<'params', ParamsIn<R>> &
  Part<'query', QueryIn<R>> &
  Part<'body', BodyIn<R>> &
  Omit<RequestOptions, 'query'>;

/** Routes whose input is all optional may be called without one. */
export type CallArgs<R extends Route> =
  NothingRequired extends CallInput<R> ? [input?: CallInput<R>] : [input: CallInput<R>];

/** The Quoteflow HTTP API: JSON in and out, the bearer token, one refresh on 401, problem+json errors. */
export class ApiClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly auth: AuthSession,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /**
   * Calls one route of a contract: the path is filled from `params`, and the request and response
   * types are the contract's own. POSTs get a fresh Idempotency-Key unless one is given.
   */
  call<R extends Route>(route: R, ...[input]: CallArgs<R>): Promise<ResponseOf<R>> {
    const { params, query, body, ...options } = (input ?? {}) as CallInput<Route> & {
      params?: Record<string, unknown>;
      query?: Query;
      body?: unknown;
    };
    const idempotencyKey = route.method === 'POST' ? (options.idempotencyKey ?? newIdempotencyKey()) : undefined;
    return this.request<ResponseOf<R>>(route.method, fillPath(route.path, params ?? {}), body, {
      ...options,
      query,
      idempotencyKey,
    });
  }

  private url(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return `${this.base}${path}${qs ? `?${qs}` : ''}`;
  }

  private async request<T>(
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions,
    retried = false,
  ): Promise<T> {
    const token = await this.auth.idToken();
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

    let res: Response;
    try {
      res = await fetch(this.url(path, options.query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError(0, 'Network error', 'We could not reach Quoteflow. Check your connection and try again.');
    }

    if (res.status === 401 && token) {
      if (!retried && (await this.auth.refresh())) return this.request<T>(method, path, body, options, true);
      this.auth.signOut('expired');
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!res.ok) {
      const problem = (data ?? {}) as {
        type?: string;
        title?: string;
        detail?: string;
        message?: string;
        errors?: FieldError[];
      };
      throw new ApiError(
        res.status,
        problem.title ?? res.statusText ?? 'Request failed',
        problem.detail ?? problem.message,
        Array.isArray(problem.errors) ? problem.errors : [],
        problem.type,
      );
    }
    return data as T;
  }
}
