import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

/** Two SPAs from one source tree: `--mode app` (tenant SPA) and `--mode admin` (platform console). */
export default defineConfig(({ mode }) => {
  const spa = mode === 'admin' ? 'admin' : 'app';
  return {
    root: `${webDir}${spa}`,
    publicDir: false,
    appType: 'spa',
    plugins: [react()],
    build: { outDir: `${webDir}dist/${spa}`, emptyOutDir: true, sourcemap: true },
    // Pre-bundled up front so the first page load never triggers a dependency re-optimisation reload.
    optimizeDeps: { include: ['react', 'react-dom', 'react-dom/client', 'react-router-dom'] },
    server: { fs: { allow: [webDir] } },
  };
});
