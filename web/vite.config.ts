import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

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

/** Two SPAs from one source tree: `--mode app` (tenant SPA) and `--mode admin` (platform console). */
export default defineConfig(({ command, mode }) => {
  const spa = mode === 'admin' ? 'admin' : 'app';
  return {
    root: `${webDir}${spa}`,
    publicDir: false,
    appType: 'spa',
    plugins: [react(), ...(command === 'build' ? productionBuild() : [])],
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
