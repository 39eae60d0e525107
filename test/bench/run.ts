import '../../lib/local/quiet.js';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { handlerEnvironment, type Outputs } from '../../lib/local/cloud.js';
import { buildEvent, compileRoutes, stringifyClaims, type Handler } from '../../lib/local/gateway.js';
import { lambdaContext } from '../../lib/local/lambda-runtime.js';
import { portsFrom } from '../../lib/local/ports.js';
import { functions, routes, type FunctionName } from '../../lib/manifest.js';
import { benchAi } from './ai.js';
import { benchBundles, benchSpa } from './bundles.js';
import { benchImport } from './import.js';
import { measure, type Measurement } from './load.js';
import { benchPdf, pdfReport, type PdfBench } from './pdf.js';
import { benchQuotes, quotesReport, type QuotesBench } from './quotes.js';
import { benchSearch, type SearchBench } from './search.js';

/**
 * `npm run bench`: API latency through the local gateway vs the same handler in-process,
 * per-function bundle size and cold import time, SPA initial JS size. Prints a table and
 * writes bench-results.json. Numbers are for this machine; compare ratios, not absolutes.
 * `BENCH_ONLY=search` runs only the search benchmark (test/bench/search.ts).
 */
const ONLY = process.env.BENCH_ONLY;
const runs = (section: string) => !ONLY || ONLY.split(',').includes(section);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 10_000);
const CONCURRENCY = [1, 16, 64];
// BENCH_DATA_DIR keeps the local cloud's data between runs (the search bench then seeds once).
const keptDataDir = process.env.BENCH_DATA_DIR;
const dataDir = keptDataDir ?? mkdtempSync(join(tmpdir(), 'quoteflow-bench-'));
const results: Record<string, unknown> = {
  machine: {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  startedAt: new Date().toISOString(),
};

/**
 * The product runs as `npm start` does, in its own process, so the load generator here does not
 * steal the gateway's event loop; the in-process runs call the same handlers from this process.
 */
async function startProduct(portBase: number) {
  // BENCH_PROFILE_DIR=<dir>: the product's V8 CPU profile, written there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bin/local.ts'], {
    env: { ...process.env, QUOTEFLOW_PORT_BASE: String(portBase), QUOTEFLOW_DATA_DIR: dataDir, QUOTEFLOW_WEB: 'none' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // BENCH_PRODUCT_LOG=<file>: the product's own log (e.g. the import chunks' timings).
  if (process.env.BENCH_PRODUCT_LOG) child.stdout!.pipe(createWriteStream(process.env.BENCH_PRODUCT_LOG));
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      log += String(d);
      if (log.includes('Quoteflow is up')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${log}`)));
  });
  const outputs = JSON.parse(readFileSync(join(dataDir, 'outputs.json'), 'utf8')) as Outputs;
  const stop = () => new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGINT'));
  return { outputs, stop };
}

// One tenant at up to 64 concurrent requests: lift its API limit so the numbers are latency, not
// our own 429s (the bucket is still taken on every request, so its cost is in the numbers).
process.env.QUOTEFLOW_LIMITS = JSON.stringify({ api: { perSecond: 1_000_000, burst: 1_000_000 } });
const portBase = Number(process.env.BENCH_PORT_BASE ?? 4800);
const product = await startProduct(portBase);
try {
  const o = product.outputs;
  Object.assign(process.env, handlerEnvironment(portsFrom(portBase), o.UserPoolId));
  const cognito = async (target: string, body: unknown) => {
    const res = await fetch(`${o.CognitoEndpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      },
      body: JSON.stringify(body),
    });
    return res.json();
  };
  const signIn = async (email: string, password: string, clientId: string) =>
    (
      await cognito('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      })
    ).AuthenticationResult.IdToken as string;

  // The seeded demo owner works in a tenant of 12 companies; add more so a list page is full.
  const token = await signIn(o.DemoLogins.owner.email, o.DemoLogins.owner.password, o.UserPoolClientId);
  if (process.env.BENCH_ONLY === 'import') {
    // `BENCH_ONLY=import npm run bench`: just the import figure.
    console.log(JSON.stringify(await benchImport(o.ApiUrl, token, Number(process.env.BENCH_IMPORT_ROWS ?? 10_000))));
    await product.stop();
    if (!keptDataDir) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${o.ApiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  for (let i = 0; i < 100; i++) await api('POST', '/v1/companies', { name: `Bench Seed ${i}`, stage: 'lead' });

  const claims = stringifyClaims(decodeJwt(token));
  const compiled = compileRoutes(routes);
  const handlerOf = async (fn: FunctionName) =>
    (await import(join(process.cwd(), functions[fn].entry))).handler as Handler;
  const companiesHandler = await handlerOf('companies');
  const invoke = async (handler: Handler, fn: FunctionName, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const url = new URL(path, 'http://local');
    const route = compiled.find((c) => c.route.method === method && c.pattern.test(url.pathname))!;
    const values = route.pattern.exec(url.pathname)!.slice(1);
    const raw = Buffer.from(body ? JSON.stringify(body) : '');
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body) headers['content-type'] = 'application/json';
    const event = buildEvent({ route, values, url, headers, body: raw, claims, requestId: crypto.randomUUID() });
    const res = (await handler(event, lambdaContext(fn, event.requestContext.requestId))) as {
      statusCode: number;
      body?: string;
    };
    if (res.statusCode >= 300) throw new Error(`in-process ${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.body ? JSON.parse(res.body) : undefined;
  };
  const inProcess = (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const url = new URL(path, 'http://local');
    const route = compiled.find((c) => c.route.method === method && c.pattern.test(url.pathname))!;
    const values = route.pattern.exec(url.pathname)!.slice(1);
    return async () => {
      const raw = Buffer.from(body ? JSON.stringify(body) : '');
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body) headers['content-type'] = 'application/json';
      const event = buildEvent({ route, values, url, headers, body: raw, claims, requestId: crypto.randomUUID() });
      const res = (await companiesHandler(event, lambdaContext('companies', event.requestContext.requestId))) as {
        statusCode: number;
      };
      if (res.statusCode >= 300) throw new Error(`in-process ${method} ${path}: ${res.statusCode}`);
    };
  };
  const viaGateway = (method: 'GET' | 'POST', path: string, body?: unknown) => async () => {
    const res = await api(method, path, body);
    const text = await res.text();
    if (res.status >= 300) throw new Error(`gateway ${method} ${path}: ${res.status} ${text}`);
  };

  // DynamoDB Local is a JVM: measure it warmed up, as a long-running `npm start` would be.
  // The search benchmark alone asks one request at a time, so it warms up one at a time too.
  await measure(viaGateway('GET', '/v1/companies?limit=25'), runs('api') ? 16 : 1, WARMUP_MS);

  if (runs('api')) {
    const api_rows: Record<string, Measurement & { concurrency: number; path: string; mode: string }> = {};
    for (const [method, path] of [
      ['GET', '/v1/companies?limit=25'],
      ['POST', '/v1/companies'],
    ] as const) {
      for (const concurrency of CONCURRENCY) {
        for (const mode of ['in-process', 'gateway'] as const) {
          let n = 0;
          const body = method === 'POST' ? () => ({ name: `Bench ${mode} ${concurrency} ${n++}` }) : () => undefined;
          const run =
            mode === 'gateway' ? () => viaGateway(method, path, body())() : () => inProcess(method, path, body())();
          await measure(run, concurrency, 1000);
          const m = await measure(run, concurrency, DURATION_MS);
          api_rows[`${method} ${path.split('?')[0]} c=${concurrency} ${mode}`] = { ...m, concurrency, path, mode };
        }
      }
    }
    results.api = api_rows;
  }

  if (runs('import')) {
    // CSV import: 10,000 companies through the upload, the queue and the chunk consumer.
    results.import = await benchImport(o.ApiUrl, token, Number(process.env.BENCH_IMPORT_ROWS ?? 10_000));
  }

  if (runs('ai')) {
    // AI: offline analyses through the workflow, a stage through the bulk queue, prompt resolution.
    results.ai = await benchAi(api, String(decodeJwt(token)['custom:tenantId']), {
      workflowRuns: Number(process.env.BENCH_WORKFLOW_RUNS ?? 60),
      bulkCompanies: Number(process.env.BENCH_BULK_COMPANIES ?? 1000),
    });
  }

  if (runs('bundles')) {
    results.bundles = await benchBundles();
    results.spa = await benchSpa();
  }

  if (runs('quotes')) {
    // Quote create and re-price for 10 and 200 lines, through the gateway.
    results.quotes = await benchQuotes(o.ApiUrl, token, Number(process.env.BENCH_QUOTE_RUNS ?? 30));
  }

  if (runs('pdf')) {
    // The quote PDF function as bundled: size, cold import, render time for 10, 100 and 500 lines.
    results.pdf = await benchPdf();
  }

  // Last: it adds 50,000 companies to the demo tenant, which the list benchmarks above would read.
  if (runs('search')) {
    const { db } = await import('../../functions/data/service.js');
    const searchHandler = await handlerOf('search');
    const me = decodeJwt(token);
    results.search = await benchSearch({
      db,
      tenantId: String(me['custom:tenantId']),
      userId: String(me.sub),
      inProcess: (path) => invoke(searchHandler, 'search', 'GET', path),
      api,
    });
  }
} finally {
  await product.stop();
  if (!keptDataDir) rmSync(dataDir, { recursive: true, force: true });
}

// Report.
const api = (results.api ?? {}) as Record<string, Measurement & { concurrency: number; mode: string }>;
const fmt = (n: number) => n.toFixed(2);
console.log(`\nQuoteflow benchmark — ${JSON.stringify(results.machine)}\n`);
if (results.api) {
  console.log('API latency (ms) and throughput');
  console.log('route                         conc  mode        p50     p95     p99     req/s   requests');
}
for (const [key, m] of Object.entries(api)) {
  const [method, path] = key.split(' ');
  console.log(
    `${`${method} ${path}`.padEnd(30)}${String(m.concurrency).padEnd(6)}${m.mode.padEnd(12)}${fmt(m.p50).padStart(6)}  ${fmt(m.p95).padStart(6)}  ${fmt(m.p99).padStart(6)}  ${m.rps.toFixed(0).padStart(6)}  ${String(m.requests).padStart(8)}`,
  );
}
const overhead: Record<string, number> = {};
for (const [key, m] of Object.entries(api)) {
  if (m.mode !== 'gateway') continue;
  const twin = api[key.replace('gateway', 'in-process')]!;
  overhead[key.replace(' gateway', '')] = m.p50 - twin.p50;
}
if (results.api) {
  results.gatewayOverheadP50Ms = overhead;
  console.log('\nGateway overhead (p50 gateway − p50 in-process, ms)');
  for (const [k, v] of Object.entries(overhead)) console.log(`  ${k.padEnd(36)} ${fmt(v)}`);
}
const ai = results.ai as Awaited<ReturnType<typeof benchAi>> | undefined;
if (ai) {
  console.log('\nAI analysis');
  console.log(
    `  offline workflow: ${ai.workflow.runs} runs, ${ai.workflow.concurrency} at a time: ${ai.workflow.perMinute.toFixed(0)} analyses/min; run time p50 ${ai.workflow.runMs.p50} ms, p95 ${ai.workflow.runMs.p95} ms`,
  );
  console.log(
    `  bulk: ${ai.bulk.companies} companies in ${ai.bulk.wallSeconds.toFixed(1)} s = ${ai.bulk.messagesPerSecond.toFixed(1)} messages/s (${ai.bulk.succeeded} ok, ${ai.bulk.failed} failed)`,
  );
  console.log(
    `  prompt resolution: uncached p50 ${fmt(ai.prompts.uncachedMs.p50)} / p99 ${fmt(ai.prompts.uncachedMs.p99)} ms; cached p50 ${fmt(ai.prompts.cachedMs.p50)} / p99 ${fmt(ai.prompts.cachedMs.p99)} ms`,
  );
}
const imported = results.import as Awaited<ReturnType<typeof benchImport>> | undefined;
if (imported) {
  console.log('\nCSV import (target: 10,000 rows < 60 s)');
  console.log(
    `  ${imported.rows} rows in ${imported.wallSeconds.toFixed(1)} s = ${imported.rowsPerSecond.toFixed(0)} rows/s (accepted in ${imported.acceptedMs} ms; ${imported.created} created, ${imported.failed} failed)`,
  );
}
if (results.bundles) {
  console.log('\nFunction bundles (target < 500 KB, cold import < 250 ms)');
  for (const [name, b] of Object.entries(
    results.bundles as Record<string, { bytes: number; gzipBytes: number; coldImportMs: number }>,
  )) {
    console.log(
      `  ${name.padEnd(12)} ${(b.bytes / 1024).toFixed(0).padStart(5)} KB  (${(b.gzipBytes / 1024).toFixed(0)} KB gzip)  cold import ${fmt(b.coldImportMs)} ms`,
    );
  }
  console.log('\nSPA initial JS (target < 250 KB gzip)');
  for (const [name, s] of Object.entries(results.spa as Record<string, { files: number; gzipBytes: number }>)) {
    console.log(`  ${name.padEnd(12)} ${(s.gzipBytes / 1024).toFixed(1)} KB gzip in ${s.files} file(s)`);
  }
}
if (results.quotes) console.log(`\n${quotesReport(results.quotes as QuotesBench).join('\n')}`);
if (results.pdf) console.log(`\n${pdfReport(results.pdf as PdfBench).join('\n')}`);
const search = results.search as SearchBench | undefined;
if (search) {
  console.log(
    `\nSearch: ${search.records.toLocaleString()} companies (${search.tokens.toLocaleString()} token items) in one tenant, seeded in ${search.seedSeconds.toFixed(0)} s`,
  );
  console.log(
    `  GET /v1/search, ${search.queries} queries (prefixes, words, two words, accents), server time: p50 ${fmt(search.serverMs.p50)}  p95 ${fmt(search.serverMs.p95)}  p99 ${fmt(search.serverMs.p99)}  max ${fmt(search.serverMs.max)} ms (target p95 < 100)`,
  );
  console.log(
    `  through the local gateway: p50 ${fmt(search.gatewayMs.p50)}  p95 ${fmt(search.gatewayMs.p95)}  p99 ${fmt(search.gatewayMs.p99)} ms; hits per query median ${search.hitsPerQuery.median}, ${search.hitsPerQuery.zero} with none`,
  );
  const f = search.findableAtOnce;
  console.log(
    `  new record findable at once: ${f.foundByNextSearch}/${f.created} found by the next request (create p50 ${fmt(f.createMs)} ms, search p50 ${fmt(f.searchMs)} ms)`,
  );
}
writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWritten to bench-results.json');
