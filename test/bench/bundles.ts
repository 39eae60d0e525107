import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildOptions } from '../../lib/cloud/bundling.js';
import { buildSpa } from '../../lib/local/web.js';
import { functions } from '../../lib/manifest.js';
import { median } from './load.js';
import { BUNDLE_SETTINGS } from '../support/bundle-env.js';

export interface BundleFigures {
  bytes: number;
  gzipBytes: number;
  coldImportMs: number;
}

/**
 * Each function bundled with the exact esbuild options the CDK stack uses, and its cold import
 * in a fresh Node process (median of five). Built inside the project, so the AWS SDK that the
 * Lambda runtime provides resolves from node_modules.
 */
export async function benchBundles(): Promise<Record<string, BundleFigures>> {
  mkdirSync(join(process.cwd(), '.local'), { recursive: true });
  const bundleDir = mkdtempSync(join(process.cwd(), '.local', 'bench-bundles-'));
  const env = {
    ...process.env,
    ...BUNDLE_SETTINGS,
  };
  const bundles: Record<string, BundleFigures> = {};
  try {
    for (const [name, fn] of Object.entries(functions)) {
      const outfile = join(bundleDir, `${name}.mjs`);
      await build({ ...esbuildOptions(fn.entry, outfile), logLevel: 'error' });
      const code = readFileSync(outfile);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const out = execFileSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `const t=performance.now();await import(${JSON.stringify(outfile)});console.log(performance.now()-t)`,
          ],
          { env, encoding: 'utf8' },
        );
        times.push(Number(out.trim()));
      }
      bundles[name] = { bytes: statSync(outfile).size, gzipBytes: gzipSync(code).length, coldImportMs: median(times) };
    }
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
  return bundles;
}

/** The JS each SPA's (and the quote page's) browser must fetch before first paint (entry + modulepreloads), gzipped. */
export async function benchSpa(): Promise<Record<string, { files: number; gzipBytes: number }>> {
  const spa: Record<string, { files: number; gzipBytes: number }> = {};
  // The app's build also makes the customer's public quote page (quote.html, its own bundle).
  const pages = [
    { name: 'app', spa: 'app', html: 'index.html' },
    { name: 'quote page', spa: 'app', html: 'quote.html' },
    { name: 'admin', spa: 'admin', html: 'index.html' },
  ] as const;
  for (const { name, spa: built, html: page } of pages) {
    if (page === 'index.html') await buildSpa(built);
    const dist = join('web', 'dist', built);
    const html = readFileSync(join(dist, page), 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
    spa[name] = {
      files: files.length,
      gzipBytes: files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0),
    };
  }
  return spa;
}

/** `npm run bench:bundles`: just the bundle and SPA figures, printed as JSON. */
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify({ bundles: await benchBundles(), spa: await benchSpa() }, null, 2));
}
