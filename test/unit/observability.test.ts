import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordUsage } from '../../functions/ai/usage.js';
import type { Deps } from '../../functions/shared/deps.js';
import { logger } from '../../functions/shared/logger.js';
import {
  metricsSink,
  observeRequests,
  recordAiUsage,
  recordRequest,
  statusClass,
  traced,
  tracer,
} from '../../functions/shared/observability.js';

interface Emf {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: Json[] }[] };
  [key: string]: unknown;
}
type Json = Record<string, unknown>;

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quoteflow-metrics-'));
  file = join(dir, 'metrics.log');
  vi.stubEnv('QUOTEFLOW_METRICS_FILE', file);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** The EMF lines written so far, parsed. */
const lines = (): Emf[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Emf)
    : [];

/** One EMF line as `{ namespace, dimensions, units, values }`. */
const read = (emf: Emf) => {
  const [directive] = emf._aws.CloudWatchMetrics;
  const { _aws, ...fields } = emf;
  return {
    namespace: directive!.Namespace,
    dimensions: directive!.Dimensions,
    units: Object.fromEntries(directive!.Metrics.map((m) => [m.Name, m.Unit])),
    fields,
  };
};

const api = (status: number | Error, delayMs = 0) =>
  middy<{ routeKey?: string }, { statusCode: number }>()
    .use(observeRequests('companies'))
    .handler(async () => {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (status instanceof Error) throw status;
      return { statusCode: status };
    });
const invoke = (handler: ReturnType<typeof api>, routeKey?: string) =>
  handler({ routeKey }, { functionName: 'companies' } as Context);

describe('request metrics', () => {
  it('count a request and its latency by service, route and status class, with no error counts on success', async () => {
    await invoke(api(200, 30), 'GET /v1/companies/{companyId}');
    const [line, ...rest] = lines();
    expect(rest).toEqual([]);
    const { namespace, dimensions, units, fields } = read(line!);
    expect(namespace).toBe('Quoteflow');
    expect(dimensions).toEqual([['service', 'route', 'statusClass']]);
    expect(units).toEqual({ Requests: 'Count', Latency: 'Milliseconds' });
    expect(fields).toMatchObject({
      service: 'companies',
      route: 'GET /v1/companies/{companyId}',
      statusClass: '2xx',
      Requests: 1,
    });
    expect(fields.Latency).toBeGreaterThanOrEqual(25);
    expect(fields.Latency).toBeLessThan(1000);
  });

  it('count client and server errors separately', async () => {
    await invoke(api(404), 'GET /v1/companies/{companyId}');
    await invoke(api(429), 'POST /v1/companies/{companyId}/analyses');
    await invoke(api(503), 'GET /v1/companies');
    const got = lines().map((l) => read(l).fields);
    expect(got).toEqual([
      expect.objectContaining({ statusClass: '4xx', Requests: 1, ClientErrors: 1 }),
      expect.objectContaining({ statusClass: '4xx', Requests: 1, ClientErrors: 1 }),
      expect.objectContaining({ statusClass: '5xx', Requests: 1, ServerErrors: 1 }),
    ]);
    expect(got[0]).not.toHaveProperty('ServerErrors');
    expect(got[2]).not.toHaveProperty('ClientErrors');
  });

  it('count a throw past the handler as the 500 API Gateway answers, and rethrow it', async () => {
    await expect(invoke(api(new Error('boom')), 'DELETE /v1/companies/{companyId}')).rejects.toThrow('boom');
    expect(read(lines()[0]!).fields).toMatchObject({
      route: 'DELETE /v1/companies/{companyId}',
      statusClass: '5xx',
      ServerErrors: 1,
    });
  });

  it('never carry tenant, user or raw-path dimensions', async () => {
    await invoke(api(200), 'GET /v1/companies');
    recordRequest({ service: 'contacts', route: 'GET /v1/contacts', status: 204, latencyMs: 1 });
    for (const line of lines()) {
      expect(line._aws.CloudWatchMetrics[0]!.Dimensions.flat().sort()).toEqual(['route', 'service', 'statusClass']);
    }
  });

  it('keep concurrent requests apart (one process serves every function locally)', async () => {
    const ok = api(200, 20);
    const missing = api(404, 5);
    const broken = api(500, 10);
    await Promise.all(
      Array.from({ length: 5 }, () => [
        invoke(ok, 'GET /v1/companies'),
        invoke(missing, 'GET /v1/companies/{companyId}'),
        invoke(broken, 'POST /v1/companies'),
      ]).flat(),
    );
    const got = lines().map((l) => read(l).fields);
    expect(got).toHaveLength(15);
    const byRoute = (route: string) => got.filter((f) => f.route === route);
    expect(byRoute('GET /v1/companies').every((f) => f.statusClass === '2xx' && !('ClientErrors' in f))).toBe(true);
    expect(byRoute('GET /v1/companies/{companyId}').every((f) => f.statusClass === '4xx' && f.ClientErrors === 1)).toBe(
      true,
    );
    expect(byRoute('POST /v1/companies').every((f) => f.statusClass === '5xx' && f.ServerErrors === 1)).toBe(true);
  });

  it('classify statuses', () => {
    expect([200, 201, 204, 304, 400, 401, 409, 429, 500, 503].map(statusClass)).toEqual([
      '2xx',
      '2xx',
      '2xx',
      '3xx',
      '4xx',
      '4xx',
      '4xx',
      '4xx',
      '5xx',
      '5xx',
    ]);
  });
});

describe('AI usage metrics', () => {
  it('record tokens in and out and the estimated cost per tenant, the tenant being the only dimension', () => {
    recordAiUsage('01TENANTA', { inputTokens: 1200, outputTokens: 300, costMicros: 4_500 });
    recordAiUsage('01TENANTB', { runs: 3 });
    const [a, b] = lines().map(read);
    expect(a!.dimensions).toEqual([['tenantId']]);
    expect(a!.units).toEqual({ AiInputTokens: 'Count', AiOutputTokens: 'Count', AiCostUsd: 'None' });
    expect(a!.fields).toEqual({ tenantId: '01TENANTA', AiInputTokens: 1200, AiOutputTokens: 300, AiCostUsd: 0.0045 });
    expect(b!.fields).toEqual({ tenantId: '01TENANTB', AiRuns: 3 });
  });

  it('write nothing for a delta of zeros', () => {
    recordAiUsage('01TENANTA', {});
    recordAiUsage('01TENANTA', { inputTokens: 0, costMicros: 0 });
    expect(lines()).toEqual([]);
  });

  it('are recorded where usage is counted (recordUsage), cache hits included', async () => {
    const add = vi.fn();
    const chain = { add: (v: unknown) => (add(v), chain), set: () => chain, go: async () => ({}) };
    const deps = {
      now: () => '2026-03-14T10:00:00.000Z',
      db: { entities: { aiUsage: { upsert: () => chain } } },
    } as unknown as Deps;
    await recordUsage('01TENANTC', { inputTokens: 10, outputTokens: 5, costMicros: 70 }, deps);
    await recordUsage('01TENANTC', { cacheHits: 1 }, deps);
    expect(add).toHaveBeenCalledTimes(2);
    expect(lines().map((l) => read(l).fields)).toEqual([
      { tenantId: '01TENANTC', AiInputTokens: 10, AiOutputTokens: 5, AiCostUsd: 0.00007 },
      { tenantId: '01TENANTC', AiCacheHits: 1 },
    ]);
  });
});

describe('the metrics sink', () => {
  it('writes to stdout in Lambda, where CloudWatch Logs extracts EMF', () => {
    vi.stubEnv('QUOTEFLOW_METRICS_FILE', '');
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'quoteflow-companies');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    recordRequest({ service: 'companies', route: 'GET /v1/companies', status: 200, latencyMs: 3 });
    expect(write).toHaveBeenCalledTimes(1);
    const out = String(write.mock.calls[0]![0]);
    expect(out.endsWith('\n')).toBe(true);
    expect(JSON.parse(out)).toMatchObject({ route: 'GET /v1/companies', Requests: 1 });
    expect(existsSync(file)).toBe(false);
  });

  it('defaults to metrics.log under the data dir outside Lambda, and never prints', () => {
    vi.stubEnv('QUOTEFLOW_METRICS_FILE', '');
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', '');
    vi.stubEnv('QUOTEFLOW_DATA_DIR', join(dir, 'data'));
    const write = vi.spyOn(process.stdout, 'write');
    recordAiUsage('01TENANTA', { runs: 1 });
    expect(write).not.toHaveBeenCalled();
    expect(readFileSync(join(dir, 'data', 'metrics.log'), 'utf8')).toContain('"AiRuns":1');
  });

  it('moves a file past 10 MB aside before writing to it', () => {
    const big = join(dir, 'big.log');
    writeFileSync(big, 'x'.repeat(10 * 1024 * 1024 + 1));
    vi.stubEnv('QUOTEFLOW_METRICS_FILE', big);
    recordAiUsage('01TENANTA', { runs: 1 });
    expect(statSync(`${big}.1`).size).toBeGreaterThan(10 * 1024 * 1024);
    expect(readFileSync(big, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('logs a failure to write instead of failing the request', async () => {
    vi.spyOn(metricsSink, 'write').mockImplementation(() => {
      throw new Error('disk full');
    });
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const handler = api(201);
    await expect(invoke(handler, 'POST /v1/companies')).resolves.toEqual({ statusCode: 201 });
    expect(warn).toHaveBeenCalledWith('metrics not recorded', expect.objectContaining({ error: expect.any(Error) }));
    recordAiUsage('01TENANTA', { runs: 1 });
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('tracing outside Lambda', () => {
  it('is off: no tracer, clients unchanged, http untouched', () => {
    expect(tracer).toBeUndefined();
    const client = { send: () => undefined, middlewareStack: {} };
    expect(traced(client)).toBe(client);
    expect((http.request as { __wrapped?: boolean }).__wrapped).toBeUndefined();
  });
});

describe('tracing in Lambda', () => {
  it('sends a handler subsegment annotated with the route and a DynamoDB subsegment, passing the trace on', async () => {
    const daemon = createSocket('udp4');
    const segments: Json[] = [];
    daemon.on('message', (msg) => {
      // Each datagram is a header line and a segment document.
      const [, body] = msg.toString('utf8').split('\n');
      if (body) segments.push(JSON.parse(body) as Json);
    });
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    const daemonAddress = `127.0.0.1:${daemon.address().port}`;
    const root = '1-5759e988-bd862e3fe1be46a994272793';
    try {
      const probe = fileURLToPath(new URL('../support/traced-lambda-probe.ts', import.meta.url));
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', probe], {
        env: {
          ...process.env,
          // Test workers are reused across files, and integration files copy the local cloud's
          // handler environment (tracing off) into process.env: say explicitly what Lambda would.
          POWERTOOLS_TRACE_ENABLED: 'true',
          AWS_SAM_LOCAL: '',
          AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
          AWS_LAMBDA_FUNCTION_NAME: 'quoteflow-companies',
          LAMBDA_TASK_ROOT: process.cwd(),
          AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
          _HANDLER: 'index.handler',
          _X_AMZN_TRACE_ID: `Root=${root};Parent=53995c3f42cd8ad8;Sampled=1`,
          AWS_XRAY_DAEMON_ADDRESS: daemonAddress,
          POWERTOOLS_SERVICE_NAME: 'companies',
          QUOTEFLOW_METRICS_FILE: file,
          AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
          NODE_OPTIONS: '--no-warnings',
        },
      });
      expect(stderr).toBe('');
      const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        tracing: boolean;
        traceHeaders: string[];
        result: unknown;
      };
      expect(out.tracing).toBe(true);
      expect(out.result).toEqual({ statusCode: 200 });
      expect(out.traceHeaders).toHaveLength(1);
      expect(out.traceHeaders[0]).toMatch(new RegExp(`^Root=${root};Parent=[0-9a-f]{16};Sampled=1`));

      await vi.waitFor(() => expect(segments.length).toBeGreaterThanOrEqual(2), { timeout: 2000 });
      const handler = segments.find((s) => s.name === '## index.handler');
      const dynamodb = segments.find((s) => s.name === 'DynamoDB');
      expect(handler).toMatchObject({
        trace_id: root,
        annotations: { route: 'GET /v1/companies', ColdStart: true, Service: 'companies' },
      });
      expect(handler).not.toHaveProperty('metadata');
      expect(dynamodb).toMatchObject({ trace_id: root, namespace: 'aws', aws: { operation: 'ListTables' } });
      expect(out.traceHeaders[0]).toContain(`Parent=${dynamodb!.id as string}`);
      // The request metrics are recorded with tracing on as well.
      expect(lines().map((l) => read(l).fields)).toEqual([
        expect.objectContaining({ service: 'companies', route: 'GET /v1/companies', statusClass: '2xx' }),
      ]);
    } finally {
      daemon.close();
    }
  }, 30_000);
});
