import type { BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The cloud runtime: Node 22; the bundles' esbuild target follows it. */
export const lambdaRuntime = Runtime.NODEJS_22_X;

/** Graviton: the bundles carry no native code, and ARM64 Lambda costs less per GB-second. */
export const lambdaArchitecture = Architecture.ARM_64;

/** esbuild target matching the runtime (`nodejs22.x` → `node22`). */
export const NODE_TARGET = lambdaRuntime.name.replace(/^nodejs(\d+)\.x$/, 'node$1');

/** ESM output cannot `require`; CommonJS dependencies such as ElectroDB need one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __qfCreateRequire } from 'node:module';const require = __qfCreateRequire(import.meta.url);";

/**
 * `semver` (28 KB minified, a fifth of the tracer) is required only by the X-Ray SDK's SDK v2
 * patcher, which loads with it but is never called: bundles get a stub that throws if it ever is.
 * test/infra/bundling.test.ts checks that nothing else imports it.
 */
export const SEMVER_STUB = 'lib/cloud/xray-semver-stub.cjs';

/**
 * The bundling every Lambda gets from NodejsFunction. The AWS SDK v3 is left to the Node 22
 * runtime, which ships it: bundling it would more than double every function (measured: 1.2 MB
 * vs under 500 KB) and its cold import.
 */
export const lambdaBundling = {
  target: NODE_TARGET,
  format: OutputFormat.ESM,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  banner: ESM_REQUIRE_BANNER,
  // ES module builds of dependencies tree-shake better.
  mainFields: ['module', 'main'],
  bundleAwsSDK: false,
  externalModules: ['@aws-sdk/*'],
  // Relative to the project root, where CDK runs esbuild (locally and in Docker).
  esbuildArgs: { '--alias': `semver=./${SEMVER_STUB}` },
} satisfies BundlingOptions;

/** The same bundling as plain esbuild options, for scripts (benchmarks) that build a handler outside CDK; use an `.mjs` outfile as CDK does. */
export const esbuildOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: lambdaBundling.target,
  format: 'esm',
  minify: lambdaBundling.minify,
  sourcemap: lambdaBundling.sourceMap,
  sourcesContent: lambdaBundling.sourcesContent,
  banner: { js: ESM_REQUIRE_BANNER },
  mainFields: lambdaBundling.mainFields,
  external: lambdaBundling.externalModules,
  alias: { semver: fileURLToPath(new URL(`../../${SEMVER_STUB}`, import.meta.url)) },
});
