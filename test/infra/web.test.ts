import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { UserConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import viteConfig from '../../web/vite.config';
import { extended, refOf, resourcesOf, synthQuoteflow, type Synth } from './harness';

/** The extended scenario's built SPA, with the source map `vite build` writes beside each bundle. */
const built = {
  ...extended,
  files: {
    ...extended.files,
    'web/dist/app/assets/index-3f2a.js.map': '{"version":3,"sources":["../../src/main.tsx"],"mappings":""}',
    'web/dist/app/assets/vendor-9c1d.js': 'console.log("vendor");',
    'web/dist/app/assets/vendor-9c1d.js.map': '{"version":3,"sources":[],"mappings":""}',
  },
};

let synth: Synth;
beforeAll(() => {
  synth = synthQuoteflow(built);
}, 60_000);
afterAll(() => synth?.dispose());

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

describe('source maps', () => {
  it('are not published to the CloudFront site: the assets deployment ships the bundles only', () => {
    const assets = Object.entries(resourcesOf(synth.template, 'Custom::CDKBucketDeployment')).find(
      ([id, d]) =>
        id.startsWith('WebAppAssets') && refOf(d.Properties.DestinationBucketName)?.startsWith('WebAppBucket'),
    );
    expect(assets).toBeDefined();
    const keys = assets![1].Properties.SourceObjectKeys as string[];
    expect(keys).toHaveLength(1);
    const staged = join(synth.app.outdir, `asset.${keys[0]!.replace(/\.zip$/, '')}`);
    expect(filesUnder(staged)).toEqual(['assets/index-3f2a.js', 'assets/vendor-9c1d.js']);
  });

  it('are hidden in the build: written for decoding stack traces, referenced by no bundle', () => {
    const config = (viteConfig as (env: { command: 'build'; mode: string }) => UserConfig)({
      command: 'build',
      mode: 'app',
    });
    expect(config.build?.sourcemap).toBe('hidden');
  });
});
