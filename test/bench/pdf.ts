import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { QUOTE_PDF_ASSETS } from '../../functions/quote-pdf/assets.js';
import { copyAssets, esbuildOptions } from '../../lib/cloud/bundling.js';
import { median } from './load.js';

export interface PdfRenderFigures {
  lines: number;
  pages: number;
  bytes: number;
  /** The first render in a fresh process: fonts read and parsed, code not yet optimised. */
  coldMs: number;
  /** Later renders of the same size in that process (a warm Lambda). */
  warmP50Ms: number;
  warmP95Ms: number;
}

export interface PdfBench {
  bundle: { bytes: number; gzipBytes: number; assetBytes: number; coldImportMs: number };
  renders: PdfRenderFigures[];
}

const SIZES = [10, 100, 500];
const WARM_RUNS = Number(process.env.BENCH_PDF_RUNS ?? 20);

/**
 * The quote PDF function as the stack bundles it (test/support/quote-pdf-probe.ts: the renderer
 * and its fonts, with the stack's esbuild options and assets), measured in fresh Node processes:
 * its size, its cold import (median of five) and, per quote size, the cold and warm render times.
 */
export async function benchPdf(): Promise<PdfBench> {
  mkdirSync(join(process.cwd(), '.local'), { recursive: true });
  const dir = mkdtempSync(join(process.cwd(), '.local', 'bench-pdf-'));
  try {
    const outfile = join(dir, 'index.mjs');
    await build({ ...esbuildOptions('test/support/quote-pdf-probe.ts', outfile), logLevel: 'error' });
    copyAssets(QUOTE_PDF_ASSETS, outfile);
    const node = (code: string) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', cwd: dir }).trim();
    const imports = Array.from({ length: 5 }, () =>
      Number(node(`const t=performance.now();await import('./index.mjs');console.log(performance.now()-t)`)),
    );
    const renders = SIZES.map((lines) => {
      const out = node(`
        const m = await import('./index.mjs');
        const document = m.sectionedDocument(${lines});
        const time = async () => { const t = performance.now(); const pdf = await m.renderQuotePdf(document); return [performance.now() - t, pdf]; };
        const [coldMs, pdf] = await time();
        const warm = [];
        for (let i = 0; i < 3; i++) await time();
        for (let i = 0; i < ${WARM_RUNS}; i++) warm.push((await time())[0]);
        const pages = (pdf.toString('latin1').match(/\\/Type \\/Page\\b/g) ?? []).length;
        console.log(JSON.stringify({ coldMs, warm, bytes: pdf.length, pages }));
      `);
      const { coldMs, warm, bytes, pages } = JSON.parse(out) as {
        coldMs: number;
        warm: number[];
        bytes: number;
        pages: number;
      };
      warm.sort((a, b) => a - b);
      return {
        lines,
        pages,
        bytes,
        coldMs,
        warmP50Ms: median(warm),
        warmP95Ms: warm[Math.min(warm.length - 1, Math.floor(0.95 * warm.length))]!,
      };
    });
    return {
      bundle: {
        bytes: statSync(outfile).size,
        gzipBytes: gzipSync(readFileSync(outfile)).length,
        assetBytes: QUOTE_PDF_ASSETS.reduce((n, a) => n + statSync(join(dir, a.to)).size, 0),
        coldImportMs: median(imports),
      },
      renders,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures as the benchmark table prints them. */
export function pdfReport(pdf: PdfBench): string[] {
  const f = (n: number) => n.toFixed(1);
  const b = pdf.bundle;
  return [
    'Quote PDF (target: 100 lines < 150 ms warm)',
    `  bundle ${(b.bytes / 1024).toFixed(0)} KB (${(b.gzipBytes / 1024).toFixed(0)} KB gzip) + fonts ${(b.assetBytes / 1024).toFixed(0)} KB, cold import ${f(b.coldImportMs)} ms`,
    '  lines  pages      KB    cold ms   warm p50   warm p95',
    ...pdf.renders.map(
      (r) =>
        `  ${String(r.lines).padStart(5)}  ${String(r.pages).padStart(5)}  ${(r.bytes / 1024).toFixed(0).padStart(6)}  ${f(r.coldMs).padStart(9)}  ${f(r.warmP50Ms).padStart(9)}  ${f(r.warmP95Ms).padStart(9)}`,
    ),
  ];
}

/** `npx tsx test/bench/pdf.ts`: just the PDF figures. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const pdf = await benchPdf();
  console.log(pdfReport(pdf).join('\n'));
  console.log(JSON.stringify(pdf, null, 2));
}
