import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUOTE_PDF_ASSETS } from '../../functions/quote-pdf/assets';
import {
  assetCommands,
  BROTLI_STUB,
  bundlingFor,
  copyAssets,
  esbuildOptions,
  lambdaBundling,
} from '../../lib/cloud/bundling';
import { REPO_ROOT } from '../../lib/cloud/stack';

const probe = join(REPO_ROOT, 'test/support/quote-pdf-probe.ts');

/** Renders a tiered, accepted quote with the bundle at `outfile` in a fresh Node process; writes it to `pdf`. */
const renderWith = (outfile: string, pdf: string) =>
  spawnSync(
    process.execPath,
    [
      '--no-warnings',
      '--input-type=module',
      '-e',
      `const m=await import(${JSON.stringify(outfile)});const fs=await import('node:fs');` +
        `fs.writeFileSync(${JSON.stringify(pdf)},await m.renderQuotePdf(m.tieredDocument({acceptedBest:true})));console.log('ok')`,
    ],
    // Outside the project: nothing can be found in node_modules, only what the bundle carries.
    { encoding: 'utf8', cwd: tmpdir() },
  );

let dir: string;
beforeAll(() => {
  // Outside the project on purpose, so a font missing from the bundle cannot be found in node_modules.
  dir = mkdtempSync(join(tmpdir(), 'quote-pdf-bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the quote PDF bundle', () => {
  it('renders in a fresh process with only the bundle and its copied fonts', async () => {
    const outfile = join(dir, 'with-assets', 'index.mjs');
    await build({ ...esbuildOptions(probe, outfile), logLevel: 'error' });
    copyAssets(QUOTE_PDF_ASSETS, outfile);
    expect(readdirSync(join(dir, 'with-assets', 'fonts')).sort()).toEqual(['DejaVuSans-Bold.ttf', 'DejaVuSans.ttf']);
    const pdf = join(dir, 'bundled.pdf');
    const run = renderWith(outfile, pdf);
    expect({ status: run.status, stdout: run.stdout.trim(), stderr: run.stderr }).toEqual({
      status: 0,
      stdout: 'ok',
      stderr: '',
    });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Café Zoë Łódź');
    expect(text).toContain('€14,061.60');
    expect(text).toMatch(/Accepted by\s+Zoë Brontë/);
  });

  it('fails loudly, not with a blank PDF, when the fonts were not copied', async () => {
    const outfile = join(dir, 'without-assets', 'index.mjs');
    await build({ ...esbuildOptions(probe, outfile), logLevel: 'error' });
    const run = renderWith(outfile, join(dir, 'missing.pdf'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    expect(existsSync(join(dir, 'missing.pdf'))).toBe(false);
  });

  it('leaves out fontkit’s WOFF2 decoder, with the alias CDK is given, and stays under 500 KB', async () => {
    const aliases = Object.fromEntries(
      (lambdaBundling.esbuildArgs['--alias'] as string[]).map((a) => a.split('=') as [string, string]),
    );
    const outfile = join(dir, 'cdk-alias', 'index.mjs');
    const { metafile } = await build({
      ...esbuildOptions(probe, outfile),
      absWorkingDir: REPO_ROOT,
      alias: aliases,
      logLevel: 'error',
      metafile: true,
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain(BROTLI_STUB);
    expect(inputs.some((p) => p.includes('node_modules/brotli/'))).toBe(false);
    expect(statSync(outfile).size).toBeLessThan(500 * 1024);
  });

  it('gives CDK an afterBundling copy of the same files, and nothing extra to functions without assets', () => {
    expect(bundlingFor({})).toBe(lambdaBundling);
    const hooks = bundlingFor({ assets: QUOTE_PDF_ASSETS }).commandHooks!;
    expect(hooks.beforeBundling('/asset-input', '/asset-output')).toEqual([]);
    const out = join(dir, 'cdk-output');
    // The commands CDK would run, run for real from the project root.
    for (const command of hooks.afterBundling(REPO_ROOT, out)) execFileSync('sh', ['-c', command]);
    for (const { to } of QUOTE_PDF_ASSETS) expect(statSync(join(out, to)).size).toBeGreaterThan(500_000);
    expect(() => assetCommands([{ from: '../secrets', to: 'fonts/x' }], '/in', '/out')).toThrow(/plain relative/);
    expect(() => assetCommands([{ from: 'a/b.ttf', to: 'x"; rm -rf /' }], '/in', '/out')).toThrow(/plain relative/);
  });
});
