import * as manifest from '../manifest';
import type { FunctionDef, Need, PoolName, RouteDef } from '../manifest';

/** A stack output name shared with `.local/outputs.json`. */
export type OutputKey = (typeof manifest.OUTPUT_KEYS)[number];

/** The parts of lib/manifest.ts the cloud stack reads; tests pass variants to exercise entries the product lacks today. */
export interface CloudManifest {
  readonly functions: Readonly<Record<string, FunctionDef>>;
  readonly routes: readonly (Omit<RouteDef, 'fn'> & { readonly fn: string })[];
  readonly table: {
    readonly id: string;
    readonly partitionKey: string;
    readonly sortKey: string;
    readonly ttlAttribute: string;
    readonly indexes: readonly { readonly name: string; readonly partitionKey: string; readonly sortKey: string }[];
  };
  readonly buckets: readonly { readonly id: string; readonly env: string }[];
  readonly queues: readonly {
    readonly id: string;
    readonly fn: string;
    readonly batchSize: number;
    readonly maxReceiveCount: number;
  }[];
  readonly workflows: readonly { readonly id: string; readonly definition: string }[];
  readonly schedules: readonly { readonly id: string; readonly fn: string; readonly everyMinutes: number }[];
  /** The function one-time reminder schedules invoke (needed by any function with `reminders:schedule`). */
  readonly reminders?: { readonly fn: string };
  readonly pools: Readonly<
    Record<
      PoolName,
      {
        readonly id: string;
        readonly name: string;
        readonly clientName: string;
        readonly customAttributes: readonly string[];
        readonly mfa: 'required' | 'optional';
        readonly outputs: { readonly poolId: OutputKey; readonly clientId: OutputKey };
      }
    >
  >;
  readonly env: typeof manifest.env;
  readonly optionalEnv: typeof manifest.optionalEnv;
  readonly OUTPUT_KEYS: readonly OutputKey[];
}

/** The product's manifest, as the stack reads it. */
export const productManifest: CloudManifest = manifest;

/** Tags naming the manifest entry a resource was built from; the agreement test and the AWS console read them. */
export const MANIFEST_TAGS = {
  function: 'quoteflow:function',
  bucket: 'quoteflow:bucket',
  queue: 'quoteflow:queue',
  workflow: 'quoteflow:workflow',
  schedule: 'quoteflow:schedule',
} as const;

/** A function's memory and timeout (the manifest gives every function its timeout, with its budget). */
export const sizing = (def: FunctionDef): { memoryMb: number; timeoutSeconds: number } => ({
  memoryMb: def.memoryMb ?? 1024,
  timeoutSeconds: def.timeoutSeconds,
});

/** Pool names in a stable order. */
export const poolNames = (m: CloudManifest): PoolName[] => Object.keys(m.pools) as PoolName[];

/** The bucket a `<bucket>:<access>` need refers to (`documents:read` → bucket `Documents`), if any. */
export const bucketOfNeed = (m: CloudManifest, need: Need): CloudManifest['buckets'][number] | undefined => {
  const [resource] = need.split(':');
  return m.buckets.find((b) => b.id.toLowerCase() === resource?.toLowerCase());
};

/** A need on a queue: the function may send to it. */
export type QueueNeed = Extract<Need, `queue:send:${string}`>;
/** A need on a workflow: the function may start it (not read its executions). */
export type WorkflowNeed = Extract<Need, `workflow:start:${string}`>;

export const isQueueNeed = (need: Need): need is QueueNeed => need.startsWith('queue:send:');
export const isWorkflowNeed = (need: Need): need is WorkflowNeed => need.startsWith('workflow:start:');

/** The queue or workflow id a `queue:send:<id>` / `workflow:start:<id>` need names. */
export const targetOfNeed = (need: QueueNeed | WorkflowNeed): { kind: 'queue' | 'workflow'; id: string } => ({
  kind: isQueueNeed(need) ? 'queue' : 'workflow',
  id: need.split(':').slice(2).join(':'),
});

/** `admin` → `Admin`, `lead-analysis` → `LeadAnalysis`: manifest names as construct ids. */
export const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
