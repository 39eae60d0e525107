import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { productManifest, type CloudManifest } from '../../lib/cloud/cloud-manifest';
import { QuoteflowStack, REPO_ROOT } from '../../lib/cloud/stack';

/** The context cdk.json gives `cdk synth`, so tests synthesise with the same feature flags. */
export const cdkContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** A synthesised Quoteflow stack and the scratch root it was built from. */
export interface Synth {
  readonly app: App;
  readonly stack: QuoteflowStack;
  readonly template: Template;
  readonly manifest: CloudManifest;
  /** Removes the scratch root. */
  readonly dispose: () => void;
}

/**
 * Synthesises the stack with bundling skipped, against a scratch root holding a stub for every
 * manifest entry (handlers may not exist yet); `files` adds more (ASL definitions, a web build).
 */
export const synthQuoteflow = (
  opts: { manifest?: CloudManifest; files?: Record<string, string>; beforeSynth?: (app: App, stack: Stack) => void } = {},
): Synth => {
  const manifest = opts.manifest ?? productManifest;
  const root = mkdtempSync(join(tmpdir(), 'quoteflow-infra-'));
  const files: Record<string, string> = {
    'package-lock.json': '{"lockfileVersion": 3}\n',
    ...Object.fromEntries(Object.values(manifest.functions).map((f) => [f.entry, 'export const handler = async () => ({});\n'])),
    ...opts.files,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const app = new App({
    outdir: join(root, 'cdk.out'),
    context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new QuoteflowStack(app, 'Quoteflow', { mailFrom: 'no-reply@example.com', root, manifest });
  opts.beforeSynth?.(app, stack);
  const template = Template.fromStack(stack);
  return { app, stack, template, manifest, dispose: () => rmSync(root, { recursive: true, force: true }) };
};
