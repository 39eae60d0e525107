import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Need } from '../../lib/manifest';
import { MANIFEST_TAGS, productManifest, type CloudManifest } from '../../lib/cloud/cloud-manifest';
import { QuoteflowStack, REPO_ROOT, type QuoteflowStackProps } from '../../lib/cloud/stack';

/** The context cdk.json gives `cdk synth`, so tests synthesise with the same feature flags. */
export const cdkContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** A manifest variant plus the files its entries need under the scratch root. */
export interface Scenario {
  readonly name: string;
  readonly manifest: CloudManifest;
  /** Scratch-root files; a workflow definition not given here is copied from the repository. */
  readonly files?: Record<string, string>;
  /** Stack props beyond the harness defaults (e.g. the optional provider base URLs). */
  readonly props?: Partial<QuoteflowStackProps>;
}

/** Today's lib/manifest.ts. */
export const product: Scenario = { name: 'product manifest', manifest: productManifest };

/**
 * A queue or workflow need on an id that only a fixture declares (Need admits the manifest's own
 * ids): it proves the wiring is per id, not hard-wired to today's one queue and workflow.
 */
const fixtureNeed = (need: string): Need => need as Need;

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
        timeoutSeconds: 5,
        budgetSeconds: 2,
      },
      quotes: {
        entry: 'functions/quotes/handler.ts',
        description: 'Quotes and their PDFs',
        needs: ['table:read', 'table:write', 'documents:read', 'documents:write', 'ses:send'],
        memoryMb: 1536,
        timeoutSeconds: 29,
        budgetSeconds: 25,
      },
      sender: {
        entry: 'functions/campaigns/send-consumer.ts',
        description: 'Campaign send consumer',
        needs: ['table:read', 'table:write', 'ses:send'],
        timeoutSeconds: 30,
        budgetSeconds: 20,
      },
      campaigns: {
        entry: 'functions/campaigns/handler.ts',
        description: 'Queues campaign sends and starts quote generation',
        needs: [
          'table:read',
          fixtureNeed('queue:send:campaign-sends'),
          fixtureNeed('workflow:start:quote-generation'),
          'secrets:decrypt',
        ],
        timeoutSeconds: 10,
        budgetSeconds: 5,
      },
    },
    routes: [
      ...productManifest.routes,
      {
        method: 'GET',
        path: '/t/o/{token}',
        fn: 'tracking',
        auth: 'public',
        publicBecause:
          'Reached from emails by people without accounts: the token is signed per recipient and verified by the handler, and the route is rate limited per caller.',
      },
    ],
    queues: [...productManifest.queues, { id: 'campaign-sends', fn: 'sender', batchSize: 10, maxReceiveCount: 5 }],
    workflows: [
      ...productManifest.workflows,
      { id: 'quote-generation', definition: 'functions/quotes/generate.asl.json' },
    ],
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
  /** Every file written to the scratch root, by path (stub handlers, workflow definitions, …). */
  readonly files: Readonly<Record<string, string>>;
  /** Removes the scratch root. */
  readonly dispose: () => void;
}

/** A workflow definition from the repository: the ASL is part of the contract, unlike the handlers. */
const repositoryFile = (path: string): string => {
  const file = join(REPO_ROOT, path);
  if (!existsSync(file)) throw new Error(`${path} (a manifest workflow definition) does not exist in the repository`);
  return readFileSync(file, 'utf8');
};

/**
 * Synthesises the stack with bundling skipped, against a scratch root holding a stub for every
 * manifest entry (the real handlers may not exist yet), the manifest's workflow definitions
 * (from the repository unless the scenario gives them) plus the scenario's files.
 */
export const synthQuoteflow = (scenario: Scenario = product, beforeSynth?: (app: App, stack: Stack) => void): Synth => {
  const { manifest } = scenario;
  const root = mkdtempSync(join(tmpdir(), 'quoteflow-infra-'));
  const files: Record<string, string> = {
    'package-lock.json': '{"lockfileVersion": 3}\n',
    ...Object.fromEntries(
      Object.values(manifest.functions).map((f) => [f.entry, 'export const handler = async () => ({});\n']),
    ),
    ...Object.fromEntries(
      manifest.workflows
        .filter((wf) => !scenario.files?.[wf.definition])
        .map((wf) => [wf.definition, repositoryFile(wf.definition)]),
    ),
    ...scenario.files,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const dispose = () => rmSync(root, { recursive: true, force: true });
  try {
    const app = new App({ outdir: join(root, 'cdk.out'), context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
    const stack = new QuoteflowStack(app, 'Quoteflow', {
      mailFrom: 'no-reply@example.com',
      ...scenario.props,
      root,
      manifest,
    });
    beforeSynth?.(app, stack);
    return { app, stack, template: Template.fromStack(stack), manifest, files, dispose };
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

/** Every logical id a value references (Ref, Fn::GetAtt, Fn::Sub), pseudo parameters excluded, sorted and unique. */
export const refsIn = (value: unknown): string[] => {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, Json>;
    if (typeof o.Ref === 'string') found.add(o.Ref);
    const getAtt = o['Fn::GetAtt'];
    if (getAtt) found.add(Array.isArray(getAtt) ? getAtt[0] : String(getAtt).split('.')[0]);
    const sub = o['Fn::Sub'];
    if (sub) {
      const text: string = Array.isArray(sub) ? sub[0] : sub;
      for (const m of text.matchAll(/\$\{([^}!.]+)[^}]*\}/g)) found.add(m[1]!);
      if (Array.isArray(sub)) walk(sub[1]);
    }
    Object.values(o).forEach(walk);
  };
  walk(value);
  return [...found].filter((id) => !id.startsWith('AWS::')).sort();
};

/** Every statement of the inline policies attached to role `roleId`. */
export const statementsOf = (template: Template, roleId: string): Json[] =>
  Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: Json) => refOf(r) === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);

/** Logical ids of the resources `statements` allow `action` on. */
export const targetsOf = (statements: Json[], action: string): string[] =>
  [...new Set(statements.filter((s) => [s.Action].flat().includes(action)).flatMap((s) => refsIn(s.Resource)))].sort();

/** Logical id of the Lambda function built for manifest function `name`. */
export const functionIdOf = (template: Template, name: string): string => {
  const ids = Object.entries(resourcesOf(template, 'AWS::Lambda::Function'))
    .filter(([, f]) => tagOf(f, MANIFEST_TAGS.function) === name)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one function tagged ${name}, found ${ids.length}`);
  return ids[0]!;
};

/**
 * A dependency cycle among the template's resources (Ref, GetAtt, Sub and DependsOn edges), as
 * the path that closes it, or undefined. CloudFormation rejects such a template at deploy time;
 * synthesis does not notice.
 */
export const dependencyCycle = (resources: Record<string, Json>): string[] | undefined => {
  const edges = new Map(
    Object.entries(resources).map(([id, r]) => [
      id,
      [...new Set([...refsIn(r.Properties ?? {}), ...[r.DependsOn ?? []].flat()])].filter((d) => d in resources),
    ]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next, [...path, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id, []);
    if (cycle) return cycle;
  }
  return undefined;
};
