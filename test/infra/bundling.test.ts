import { build, type Metafile } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROTLI_STUB, esbuildOptions, lambdaBundling, SEMVER_STUB } from '../../lib/cloud/bundling';
import { REPO_ROOT } from '../../lib/cloud/stack';
import { functions } from '../../lib/manifest';
import { BUNDLE_SETTINGS } from '../support/bundle-env.js';

/** Who imports `semver` in a bundle, by the path they import it from. */
const semverImporters = (meta: Metafile): string[] =>
  Object.entries(meta.inputs)
    .filter(([, input]) => input.imports.some((i) => i.original === 'semver'))
    .map(([path]) => path.replace(/^.*node_modules\//, ''));

let dir: string;
const bundles: Record<string, { outfile: string; meta: Metafile }> = {};
beforeAll(async () => {
  mkdirSync(join(REPO_ROOT, '.local'), { recursive: true });
  // Inside the project, so the AWS SDK left to the Lambda runtime resolves from node_modules.
  dir = mkdtempSync(join(REPO_ROOT, '.local', 'infra-bundles-'));
  await Promise.all(
    Object.entries(functions).map(async ([name, fn]) => {
      const outfile = join(dir, `${name}.mjs`);
      const { metafile } = await build({
        ...esbuildOptions(join(REPO_ROOT, fn.entry), outfile),
        logLevel: 'error',
        metafile: true,
      });
      bundles[name] = { outfile, meta: metafile };
    }),
  );
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Lambda bundles', () => {
  it('stub semver only where the X-Ray SDK v2 patcher (never called) wants it', () => {
    for (const [name, { meta }] of Object.entries(bundles)) {
      expect(semverImporters(meta), name).toEqual(['aws-xray-sdk-core/dist/lib/patchers/aws_p.js']);
      expect(
        Object.keys(meta.inputs).some((p) => p.includes('node_modules/semver/')),
        name,
      ).toBe(false);
      expect(Object.keys(meta.inputs), name).toContain(SEMVER_STUB);
    }
  });

  it('give CDK the same alias, relative to the project root it runs esbuild in', async () => {
    expect(lambdaBundling.esbuildArgs).toEqual({
      '--alias': [`semver=./${SEMVER_STUB}`, `brotli/decompress.js=./${BROTLI_STUB}`],
    });
    const [from, to] = lambdaBundling.esbuildArgs['--alias'][0]!.split('=') as [string, string];
    const { metafile } = await build({
      ...esbuildOptions(join(REPO_ROOT, functions.companies.entry), join(dir, 'cdk-alias.mjs')),
      absWorkingDir: REPO_ROOT,
      alias: { [from]: to },
      logLevel: 'error',
      metafile: true,
    });
    expect(Object.keys(metafile.inputs)).toContain(SEMVER_STUB);
  });

  it('load in a Lambda environment with tracing on, saying nothing', () => {
    const run = (outfile: string) =>
      spawnSync(
        process.execPath,
        ['--no-warnings', '--input-type=module', '-e', `await import(${JSON.stringify(outfile)});console.log('ok')`],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            ...BUNDLE_SETTINGS,
            AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
            AWS_LAMBDA_FUNCTION_NAME: 'quoteflow-companies',
            LAMBDA_TASK_ROOT: dir,
            _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
          },
        },
      );
    for (const name of ['companies', 'analysisSteps'] as const) {
      const { stdout, stderr, status } = run(bundles[name]!.outfile);
      expect({ status, stdout: stdout.trim(), stderr }, name).toEqual({ status: 0, stdout: 'ok', stderr: '' });
    }
  });
});
