import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuntimeConfig } from '../../web/src/shared/runtime-config.js';
import type { Running } from './emulators.js';

export type Spa = 'app' | 'admin';
export type WebMode = 'dev' | 'static';

const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

/** Builds one SPA with Vite (tests serve the built files, like CloudFront). */
export async function buildSpa(spa: Spa): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(webDir, 'vite.config.ts'), mode: spa, logLevel: 'warn' });
}

/** Serves a built SPA with CloudFront's behaviour: files, else index.html (SPA fallback). */
async function serveStatic(spa: Spa, port: number, config: RuntimeConfig): Promise<Running> {
  const root = join(webDir, 'dist', spa);
  // Always rebuild (about a second): serving a stale build would test yesterday's UI.
  await buildSpa(spa);
  const index = readFileSync(join(root, 'index.html'));
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(JSON.stringify(config));
    }
    const file = normalize(join(root, path));
    if (file.startsWith(root) && path !== '/' && existsSync(file)) {
      // A page (quote.html) names its hashed assets, so it is revalidated like index.html.
      const page = extname(file) === '.html';
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': page ? 'no-cache' : 'public, max-age=31536000, immutable',
      });
      return res.end(readFileSync(file));
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(index);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    name: `${spa} (static)`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Vite's dev server with hot reload, for people working on the UI. */
async function serveDev(spa: Spa, port: number, config: RuntimeConfig): Promise<Running> {
  const { createServer: createVite } = await import('vite');
  const vite = await createVite({
    configFile: join(webDir, 'vite.config.ts'),
    mode: spa,
    logLevel: 'warn',
    server: { port, host: '127.0.0.1', strictPort: true },
    plugins: [
      {
        name: 'quoteflow-runtime-config',
        configureServer(server) {
          server.middlewares.use('/config.json', (_req, res) => {
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify(config));
          });
        },
      },
    ],
  });
  await vite.listen();
  return { name: `${spa} (vite dev)`, stop: () => vite.close() };
}

/** Serves one SPA in the requested mode. */
export const serveSpa = (mode: WebMode, spa: Spa, port: number, config: RuntimeConfig): Promise<Running> =>
  mode === 'dev' ? serveDev(spa, port, config) : serveStatic(spa, port, config);
