import type { BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BundledAsset, FunctionDef } from '../manifest';

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

/** fontkit's WOFF2 decoder (brotli, 475 KB), never used on the quote PDF's TrueType fonts: a stub that throws if it is. */
export const BROTLI_STUB = 'lib/cloud/fontkit-brotli-stub.cjs';
const BROTLI_MODULE = 'brotli/decompress.js';

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
  esbuildArgs: { '--alias': [`semver=./${SEMVER_STUB}`, `${BROTLI_MODULE}=./${BROTLI_STUB}`] },
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
  alias: {
    semver: fileURLToPath(new URL(`../../${SEMVER_STUB}`, import.meta.url)),
    [BROTLI_MODULE]: fileURLToPath(new URL(`../../${BROTLI_STUB}`, import.meta.url)),
  },
});

/** Checks an asset path is a plain relative path: no `..`, no absolute path, nothing a shell would read. */
function checkAssetPath(path: string): string {
  if (
    !/^[A-Za-z0-9@._/-]+$/.test(path) ||
    posix.isAbsolute(path) ||
    path.split('/').some((s) => s === '..' || s === '')
  ) {
    throw new Error(`Bundle asset path ${JSON.stringify(path)} is not a plain relative path`);
  }
  return path;
}

/**
 * The shell commands CDK runs after esbuild to copy a function's assets from the project's
 * node_modules into its bundle folder (locally and in Docker, where inputDir is the project root).
 */
export const assetCommands = (assets: readonly BundledAsset[], inputDir: string, outputDir: string): string[] =>
  assets.map(
    ({ from, to }) =>
      `mkdir -p "${posix.dirname(posix.join(outputDir, checkAssetPath(to)))}" && cp "${posix.join(inputDir, 'node_modules', checkAssetPath(from))}" "${posix.join(outputDir, to)}"`,
  );

/** A function's bundling: the shared options, plus a copy of its assets (functions/quote-pdf's fonts) when it has any. */
export const bundlingFor = (def: Pick<FunctionDef, 'assets'>): BundlingOptions => {
  const assets = def.assets ?? [];
  if (assets.length === 0) return lambdaBundling;
  return {
    ...lambdaBundling,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir, outputDir) => assetCommands(assets, inputDir, outputDir),
    },
  };
};

/** The same copy for scripts and tests that bundle with `esbuildOptions`: each asset next to `outfile`. */
export function copyAssets(assets: readonly BundledAsset[], outfile: string): void {
  const require = createRequire(import.meta.url);
  for (const { from, to } of assets) {
    const target = join(dirname(outfile), checkAssetPath(to));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(require.resolve(checkAssetPath(from)), target);
  }
}
