import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const functionsDir = fileURLToPath(new URL('../functions/', import.meta.url));
const configFile = fileURLToPath(import.meta.url);

/**
 * `vite build` always makes the production build of an SPA, whatever NODE_ENV the shell or the
 * calling process has.
 *
 * Vite takes an inherited NODE_ENV as given: with NODE_ENV=development exported in a shell, or
 * NODE_ENV=test when a test run builds the SPAs in-process (lib/local/web.ts `buildSpa`), it
 * bundles React's development build and the development JSX runtime. That is what made the build
 * print "(!) Some chunks are larger than 500 kB after minification": the one JS chunk of each SPA
 * grows from ~0.3 MB to ~0.55 MB (the app's to 574 kB, the console's to 522 kB), slower and full of
 * dev-only checks, and it would have been deployed like that. The source maps (1.6–1.7 MB) never
 * count towards that warning. The warning limit stays at Vite's default: it is a real alarm.
 *
 * Setting NODE_ENV in the config callback is early enough: Vite derives `isProduction` (React's
 * `process.env.NODE_ENV`, the JSX transform, the `development|production` export conditions)
 * after loading this file. The previous value is put back when the build ends, so a process that
 * builds in-process (a test run) keeps its own NODE_ENV.
 */
function productionBuild(): Plugin[] {
  const inherited = process.env.NODE_ENV;
  if (inherited === 'production') return [];
  process.env.NODE_ENV = 'production';
  const restore = () => {
    if (inherited === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = inherited;
  };
  return [
    {
      name: 'quoteflow:restore-node-env',
      apply: 'build',
      buildEnd(error) {
        if (error) restore();
      },
      closeBundle: restore,
    },
  ];
}

/**
 * The customer's public quote page, `/quote.html` beside the app (web/src/quote): built on its own
 * once the app's build ends, into the same folder, so it shares no chunk with the SPA.
 *
 * In one multi-page build the bundler puts what both pages import (React, and the app's zod
 * schemas next to it) into shared chunks, and the page loaded ~104 KB gzipped; on its own it is
 * React, its own code and `withPicks` from functions/quotes/pricing.ts. Two settings keep zod out
 * of it: a functions/ module does nothing when imported (contracts, schemas, the pure pricing
 * engine only define things), so one the page uses nothing of is left out whole; and `BigInt()`
 * is pure, so pricing.ts's `BigInt(MAX_AMOUNT)` and `BigInt(QUANTITY_DECIMALS)` constants, unused
 * by withPicks, do not pull in money.ts and pricing-schema.ts (and through them zod, ~25 KB).
 */
function quotePage(): Plugin {
  return {
    name: 'quoteflow:quote-page',
    apply: 'build',
    async closeBundle() {
      await build({ configFile, mode: 'quote', logLevel: 'warn' });
    },
  };
}

/**
 * Two SPAs from one source tree: `--mode app` (tenant SPA, and the public quote page after it)
 * and `--mode admin` (platform console); `--mode quote` is the quote page's own build.
 */
export default defineConfig(({ command, mode }) => {
  if (mode === 'quote') {
    return {
      root: `${webDir}app`,
      publicDir: false,
      appType: 'mpa',
      plugins: [react(), ...productionBuild()],
      build: {
        outDir: `${webDir}dist/app`,
        emptyOutDir: false,
        sourcemap: 'hidden',
        rolldownOptions: {
          input: { quote: `${webDir}app/quote.html` },
          treeshake: {
            moduleSideEffects: (id: string) => !id.startsWith(functionsDir),
            manualPureFunctions: ['BigInt'],
          },
        },
      },
      cacheDir: `${webDir}../node_modules/.vite/quote`,
    };
  }
  const spa = mode === 'admin' ? 'admin' : 'app';
  return {
    root: `${webDir}${spa}`,
    publicDir: false,
    appType: 'spa',
    plugins: [react(), ...(command === 'build' ? productionBuild() : []), ...(spa === 'app' ? [quotePage()] : [])],
    // Hidden: maps are written for decoding reported stack traces, but no bundle points at them and
    // lib/cloud/web.ts does not publish them.
    build: { outDir: `${webDir}dist/${spa}`, emptyOutDir: true, sourcemap: 'hidden' },
    // Pre-bundled up front so the first page load never triggers a dependency re-optimisation reload.
    optimizeDeps: { include: ['react', 'react-dom', 'react-dom/client', 'react-router-dom'] },
    server: { fs: { allow: [webDir] } },
    // One dependency cache per SPA: `npm start` runs both dev servers at once, and with a shared
    // cache each one's re-optimisation outdated the other's, so pages failed with 504 "Outdated
    // Optimize Dep" until a restart.
    cacheDir: `${webDir}../node_modules/.vite/${spa}`,
  };
});
