import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WRITE } from '../../lib/manifest';
import { productManifest, type CloudManifest } from '../../lib/cloud/cloud-manifest';
import { QuoteflowStack, REPO_ROOT } from '../../lib/cloud/stack';

/** The context cdk.json gives `cdk synth`, so tests synthesise with the same feature flags. */
export const cdkContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** A manifest variant plus the files its entries need under the scratch root. */
export interface Scenario {
  readonly name: string;
  readonly manifest: CloudManifest;
  readonly files?: Record<string, string>;
}

/** Today's lib/manifest.ts. */
export const product: Scenario = { name: 'product manifest', manifest: productManifest };

/** What later slices add (public routes, documents, a queue, a workflow, a built SPA), so those code paths are proven now. */
export const extended: Scenario = {
  name: 'extended manifest',
  manifest: {
    ...productManifest,
    functions: {
      ...productManifest.functions,
      tracking: {
        entry: 'functions/tracking/handler.ts',
        description: 'Open pixel and click redirects',
        needs: ['table:read', 'table:write'],
      },
      quotes: {
        entry: 'functions/quotes/handler.ts',
        description: 'Quotes and their PDFs',
        needs: ['table:read', 'table:write', 'documents:read', 'documents:write', 'ses:send'],
        memoryMb: 1536,
        timeoutSeconds: 29,
      },
      sender: {
        entry: 'functions/campaigns/send-consumer.ts',
        description: 'Campaign send consumer',
        needs: ['table:read', 'table:write', 'ses:send'],
        timeoutSeconds: 30,
      },
    },
    routes: [
      ...productManifest.routes,
      { method: 'GET', path: '/t/o/{token}', fn: 'tracking', auth: 'public' },
      { method: 'POST', path: '/v1/quotes/{quoteId}/pdf', fn: 'quotes', auth: 'tenant', roles: WRITE },
    ],
    queues: [{ id: 'campaign-sends', fn: 'sender', batchSize: 10, maxReceiveCount: 5 }],
    workflows: [{ id: 'quote-generation', definition: 'functions/quotes/generate.asl.json' }],
  },
  files: {
    'functions/quotes/generate.asl.json': JSON.stringify({
      StartAt: 'Render',
      States: { Render: { Type: 'Task', Resource: '${quotes}', End: true } },
    }),
    'web/dist/app/index.html': '<!doctype html><script type="module" src="/assets/index-3f2a.js"></script>',
    'web/dist/app/assets/index-3f2a.js': 'console.log("app");',
  },
};

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
 * manifest entry (the real handlers may not exist yet) plus the scenario's files.
 */
export const synthQuoteflow = (scenario: Scenario = product, beforeSynth?: (app: App, stack: Stack) => void): Synth => {
  const { manifest } = scenario;
  const root = mkdtempSync(join(tmpdir(), 'quoteflow-infra-'));
  const files: Record<string, string> = {
    'package-lock.json': '{"lockfileVersion": 3}\n',
    ...Object.fromEntries(Object.values(manifest.functions).map((f) => [f.entry, 'export const handler = async () => ({});\n'])),
    ...scenario.files,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const dispose = () => rmSync(root, { recursive: true, force: true });
  try {
    const app = new App({ outdir: join(root, 'cdk.out'), context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
    const stack = new QuoteflowStack(app, 'Quoteflow', { mailFrom: 'no-reply@example.com', root, manifest });
    beforeSynth?.(app, stack);
    return { app, stack, template: Template.fromStack(stack), manifest, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
};

/** CloudFormation properties: free-form JSON the tests walk. */
export type Json = any;

/** A CloudFormation resource as the template holds it. */
export interface Resource {
  readonly Type: string;
  readonly Properties: Record<string, Json>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** Resources of one type, by logical id. */
export const resourcesOf = (template: Template, type: string): Record<string, Resource> =>
  template.findResources(type) as Record<string, Resource>;

/** The value of tag `key` on a resource, if any. */
export const tagOf = (resource: Resource, key: string): string | undefined =>
  (resource.Properties.Tags as { Key: string; Value: string }[] | undefined)?.find((t) => t.Key === key)?.Value;

/** The logical id a `{Ref}` or `{Fn::GetAtt}` points at. */
export const refOf = (value: unknown): string | undefined => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
};
