import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricUnit as Unit } from '@aws-lambda-powertools/metrics/types';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logger } from './logger.js';

/** CloudWatch namespace of every Quoteflow metric; the stack sets it per stack copy (`Quoteflow-staging`). */
export const NAMESPACE = process.env.POWERTOOLS_METRICS_NAMESPACE || 'Quoteflow';

/** One per function in AWS (the stack sets it to the manifest's function name). */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'quoteflow';

/**
 * X-Ray, in Lambda only. Outside it (npm start, tests) there is no daemon to send segments to, so
 * the X-Ray SDK is not even loaded: no patched http module, no "context missing" noise, nothing
 * spent importing it. In Lambda it loads at init like any module-scope client (top-level await).
 * Disabled explicitly with POWERTOOLS_TRACE_ENABLED=false, as Powertools itself reads it.
 */
const tracingWanted =
  Boolean(process.env.AWS_EXECUTION_ENV) &&
  !process.env.AWS_SAM_LOCAL &&
  process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false';

export const tracer: Tracer | undefined = tracingWanted
  ? new (await import('@aws-lambda-powertools/tracer')).Tracer({ serviceName })
  : undefined;

/**
 * The client with one X-Ray subsegment per call, passing the trace on (Step Functions, SQS), in
 * Lambda; the client unchanged elsewhere. Wrap where the client is created, once.
 */
export const traced = <T>(client: T): T => (tracer ? tracer.captureAWSv3Client(client) : client);

/**
 * Where EMF lines go. In Lambda: stdout, where CloudWatch Logs turns them into metrics. Anywhere
 * else nothing reads EMF, and a JSON blob per request would bury the console, so they are appended
 * to a file instead: QUOTEFLOW_METRICS_FILE (the local cloud sets `<data dir>/metrics.log`), else
 * `.local/metrics.log`. Same lines AWS would get, so `tail -f` or `grep` it. A file past 10 MB is
 * moved to `.1` the first time a process writes to it.
 */
export const metricsSink = {
  write(line: string): void {
    const file =
      process.env.QUOTEFLOW_METRICS_FILE ||
      (process.env.AWS_LAMBDA_FUNCTION_NAME
        ? undefined
        : join(process.env.QUOTEFLOW_DATA_DIR ?? '.local', 'metrics.log'));
    if (!file) {
      process.stdout.write(`${line}\n`);
      return;
    }
    if (!opened.has(file)) {
      opened.add(file);
      mkdirSync(dirname(file), { recursive: true });
      try {
        if (statSync(file).size > 10 * 1024 * 1024) renameSync(file, `${file}.1`);
      } catch {
        // not there yet
      }
    }
    appendFileSync(file, `${line}\n`);
  },
};
const opened = new Set<string>();

/** Powertools Metrics whose EMF lines go to metricsSink (Powertools writes to a private stdout console). */
class SinkMetrics extends Metrics {
  override publishStoredMetrics(): this {
    try {
      if (this.hasStoredMetrics() && !this.isDisabled()) metricsSink.write(JSON.stringify(this.serializeMetrics()));
    } finally {
      this.clearMetrics();
      this.clearDimensions();
      this.clearMetadata();
    }
    return this;
  }
}

/**
 * Module scope, as Powertools intends, but never left holding anything: each record below adds
 * its dimensions and values and publishes in one synchronous step, so requests running side by
 * side in one process (the local cloud runs every function in one) cannot mix their dimensions,
 * and nothing has to be flushed at the end of an invocation. Default dimensions (`service`) are
 * cleared so that each record names exactly the dimensions it is aggregated by.
 */
export const metrics: Metrics = new SinkMetrics({ namespace: NAMESPACE, serviceName });
metrics.clearDefaultDimensions();

function emit(
  dimensions: Record<string, string>,
  values: (readonly [name: string, unit: Unit, value: number])[],
): void {
  try {
    for (const [name, value] of Object.entries(dimensions)) metrics.addDimension(name, value);
    for (const [name, unit, value] of values) metrics.addMetric(name, unit, value);
    metrics.publishStoredMetrics();
  } catch (error) {
    // Metrics are worth a log line, never a failed request.
    logger.warn('metrics not recorded', { error: error as Error, dimensions });
    metrics.clearMetrics();
    metrics.clearDimensions();
  }
}

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';
export const statusClass = (status: number): StatusClass =>
  `${Math.min(5, Math.max(1, Math.floor(status / 100)))}xx` as StatusClass;

export interface RequestSample {
  /** The manifest function serving the route: the `service` dimension. */
  service: string;
  /** API Gateway's route key, e.g. `GET /v1/companies/{companyId}`. */
  route: string;
  status: number;
  latencyMs: number;
}

/**
 * One request: `Requests` (1) and `Latency` (ms), plus `ClientErrors` on a 4xx and `ServerErrors`
 * on a 5xx, by service, route and status class. The route key is the template API Gateway
 * matched, never the raw path, so the series are bounded by the routes in the manifest (times the
 * classes that occur); tenant or user ids stay out, as they would make a series per customer.
 * The error counts are only sent when they happened: a zero under every 2xx would double the series.
 */
export function recordRequest({ service, route, status, latencyMs }: RequestSample): void {
  const cls = statusClass(status);
  emit({ service, route, statusClass: cls }, [
    ['Requests', MetricUnit.Count, 1],
    ['Latency', MetricUnit.Milliseconds, Math.round(latencyMs * 100) / 100],
    ...(cls === '4xx' ? [['ClientErrors', MetricUnit.Count, 1] as const] : []),
    ...(cls === '5xx' ? [['ServerErrors', MetricUnit.Count, 1] as const] : []),
  ]);
}

interface RouteEvent {
  routeKey?: string;
}
interface StatusResult {
  statusCode?: number;
}

const started = Symbol('observability.started');

/**
 * The middy middlewares for an API function: an X-Ray subsegment per invocation annotated with the
 * route (only where tracing is on; responses are not copied into traces, they hold tenant data),
 * then the request metrics above. `.use(observeRequests(fn))` after the logger's middleware.
 */
export function observeRequests(service: string): MiddlewareObj<RouteEvent, StatusResult>[] {
  const metricsMiddleware: MiddlewareObj<RouteEvent, StatusResult> = {
    before: (request) => {
      (request.internal as Record<symbol, number>)[started] = performance.now();
      tracer?.putAnnotation('route', request.event.routeKey ?? 'unknown');
    },
    after: (request) => {
      record(request.event, request.response?.statusCode ?? 200, request.internal);
    },
    onError: (request) => {
      // A throw past the handler reaches API Gateway as a 500.
      record(request.event, 500, request.internal);
    },
  };
  const record = (event: RouteEvent, status: number, internal: object) => {
    const t0 = (internal as Record<symbol, number | undefined>)[started] ?? performance.now();
    recordRequest({ service, route: event.routeKey ?? 'unknown', status, latencyMs: performance.now() - t0 });
  };
  return [...traceInvocations(), metricsMiddleware];
}

/**
 * An X-Ray segment per invocation (cold start and service annotated) where tracing is on; nothing
 * elsewhere. Responses are not copied into traces: they hold tenant data.
 */
export function traceInvocations<E = unknown, R = unknown>(): MiddlewareObj<E, R>[] {
  return tracer ? [captureLambdaHandler(tracer, { captureResponse: false }) as MiddlewareObj<E, R>] : [];
}

export interface AiUsageDelta {
  runs?: number;
  cacheHits?: number;
  inputTokens?: number;
  outputTokens?: number;
  costMicros?: number;
}

/**
 * AI use for one tenant: `AiRuns`, `AiCacheHits`, `AiInputTokens`, `AiOutputTokens` and
 * `AiCostUsd` (estimated, from functions/ai/pricing.ts), by `tenantId` alone. The tenant id is a
 * dimension here, unlike on request metrics, because budgets are per tenant and a per-tenant
 * series is what an alarm or a cost report needs; the series grow with tenants that use AI, not
 * with traffic. No `service`: a tenant's spend is one series whichever function spent it.
 */
export function recordAiUsage(tenantId: string, delta: AiUsageDelta): void {
  const values: [string, Unit, number][] = [
    ['AiRuns', MetricUnit.Count, delta.runs ?? 0],
    ['AiCacheHits', MetricUnit.Count, delta.cacheHits ?? 0],
    ['AiInputTokens', MetricUnit.Count, delta.inputTokens ?? 0],
    ['AiOutputTokens', MetricUnit.Count, delta.outputTokens ?? 0],
    ['AiCostUsd', MetricUnit.NoUnit, (delta.costMicros ?? 0) / 1_000_000],
  ];
  const nonZero = values.filter(([, , value]) => value !== 0);
  if (nonZero.length > 0) emit({ tenantId }, nonZero);
}
