import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../../lib/cloud/bundling.js';
import { functions } from '../../lib/manifest.js';
import { median } from './load.js';
import { BUNDLE_SETTINGS } from '../support/bundle-env.js';

/**
 * `npx tsx test/bench/bundle-compare.ts [fn…]`: function bundles A/B, built with the CDK's
 * esbuild options (test/bench/bundles.ts is the benchmark's own figure). Cold import is measured
 * in fresh Node processes twice: with the plain environment the benchmark uses, and with the
 * variables the Lambda runtime sets, so the tracer is live (X-Ray SDK in Lambda mode) as in AWS.
 *
 * `BUNDLE_ROOT=<dir>` builds from another checkout instead of this one (a snapshot, while the
 * working tree is mid-edit). `BUNDLE_BASELINE=<dir>` builds the same functions from a second
 * checkout (e.g. `git archive <rev> | tar -x -C <dir>` plus a node_modules link) and alternates
 * the runs of both, so a busy machine slows both sides alike. `BUNDLE_RUNS`: runs per measure (9).
 */
const RUNS = Number(process.env.BUNDLE_RUNS ?? 9);
const only = process.argv.slice(2);
const root = resolve(process.env.BUNDLE_ROOT ?? process.cwd());
const baseline = process.env.BUNDLE_BASELINE ? resolve(process.env.BUNDLE_BASELINE) : undefined;

const plainEnv = {
  ...process.env,
  ...BUNDLE_SETTINGS,
};
const lambdaEnv = (name: string) => ({
  ...plainEnv,
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_NAME: name,
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  LAMBDA_TASK_ROOT: process.cwd(),
  _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
  POWERTOOLS_SERVICE_NAME: name,
});

interface Bundle {
  outfile: string;
  bytes: number;
  gzip: number;
  packages: [string, number][];
}

/** Bytes each package contributes to the output, largest first. */
function byPackage(meta: Metafile): [string, number][] {
  const sizes = new Map<string, number>();
  const output = Object.entries(meta.outputs).find(([o]) => o.endsWith('.mjs'))![1];
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m ? m[1]! : 'app';
    sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

async function bundle(root: string, entry: string, name: string): Promise<Bundle | undefined> {
  if (!existsSync(join(root, entry))) return undefined;
  mkdirSync(join(root, '.local'), { recursive: true });
  const outfile = join(mkdtempSync(join(root, '.local', 'bundles-')), `${name}.mjs`);
  const { metafile } = await build({
    ...esbuildOptions(join(root, entry), outfile),
    absWorkingDir: root,
    logLevel: 'error',
    metafile: true,
  });
  const code = readFileSync(outfile);
  return { outfile, bytes: statSync(outfile).size, gzip: gzipSync(code).length, packages: byPackage(metafile) };
}

/** Wall and CPU (user + system) milliseconds of one cold import; CPU time moves less on a busy machine. */
function importOnce(outfile: string, env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const out = execFileSync(
    process.execPath,
    [
      '--no-warnings',
      '--input-type=module',
      '-e',
      `const t=performance.now(),c=process.cpuUsage();await import(${JSON.stringify(outfile)});const u=process.cpuUsage(c);console.log(JSON.stringify({wall:performance.now()-t,cpu:(u.user+u.system)/1000}))`,
    ],
    { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as { wall: number; cpu: number };
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const describe = (b: Bundle) => `${kb(b.bytes).padStart(6)} (${kb(b.gzip)} gzip)`;
type Runs = { wall: number; cpu: number }[];
const timing = (runs: Runs) =>
  `${median(runs.map((r) => r.wall)).toFixed(0)} ms (cpu ${median(runs.map((r) => r.cpu)).toFixed(0)})`;

const made: string[] = [];
try {
  for (const [name, fn] of Object.entries(functions)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const now = (await bundle(root, fn.entry, name))!;
    const before = baseline ? await bundle(baseline, fn.entry, name) : undefined;
    made.push(now.outfile, ...(before ? [before.outfile] : []));
    const runs = { now: { plain: [] as Runs, lambda: [] as Runs }, before: { plain: [] as Runs, lambda: [] as Runs } };
    for (let i = 0; i < RUNS; i++) {
      runs.now.plain.push(importOnce(now.outfile, plainEnv));
      if (before) runs.before.plain.push(importOnce(before.outfile, plainEnv));
      runs.now.lambda.push(importOnce(now.outfile, lambdaEnv(name)));
      if (before) runs.before.lambda.push(importOnce(before.outfile, lambdaEnv(name)));
    }
    const row = (label: string, b: Bundle, r: { plain: Runs; lambda: Runs }) =>
      console.log(`${label.padEnd(13)} ${describe(b)}  cold import ${timing(r.plain)}, Lambda env ${timing(r.lambda)}`);
    row(name, now, runs.now);
    if (before) row('  baseline', before, runs.before);
    const top = now.packages
      .slice(0, 6)
      .map(([p, b]) => `${p} ${kb(b)}`)
      .join(', ');
    console.log(`${''.padEnd(13)} [${top}]`);
  }
} finally {
  for (const file of made) rmSync(resolve(file, '..'), { recursive: true, force: true });
}
