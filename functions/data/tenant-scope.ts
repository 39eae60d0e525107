import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, BuildMiddleware } from '@smithy/types';
import {
  keyIsUnder,
  PLATFORM_SCOPE,
  platformKeyPrefixes,
  TENANT_TAG,
  tenantKeyId,
  tenantKeyPrefixes,
} from './tenant-keys.js';

/**
 * Whose credentials a data call runs with. A tenant request runs as its tenant (in AWS: the
 * tenant data role, assumed with the tenant as session tag, whose policy only reaches that
 * tenant's keys). Everything else keeps the function's own role, and says so: platform reads from
 * tenant routes (system prompts, platform API keys), admin routes, and cross-tenant background
 * work (queues, workflow steps, the outbox).
 */
export type DataScope =
  { kind: 'tenant'; tenantId: string } | { kind: 'platform-read' } | { kind: 'function'; reason: string };

const storage = new AsyncLocalStorage<DataScope>();

/** The scope of the running request or job; undefined outside any (cold start, tests of services). */
export const currentDataScope = (): DataScope | undefined => storage.getStore();

/** Runs `fn` with one tenant's credentials: every table call in it may only touch that tenant's keys. */
export const asTenant = <T>(tenantId: string, fn: () => T): T => storage.run({ kind: 'tenant', tenantId }, fn);

/** Runs `fn` with the function's own role, for admin and cross-tenant work; `reason` says why. */
export const asFunctionRole = <T>(reason: string, fn: () => T): T => storage.run({ kind: 'function', reason }, fn);

/**
 * Reads platform items (system prompts, platform API keys) from inside a tenant request, with
 * the function's role, which in AWS may read only platform keys. Writes in here are refused.
 */
export const readPlatform = <T>(fn: () => T): T => storage.run({ kind: 'platform-read' }, fn);

/** Reads of a `scope` item (a tenant id or `platform`): platform ones through readPlatform, the rest as they are. */
export const readScope = <T>(scope: string, fn: () => T): T => (scope === PLATFORM_SCOPE ? readPlatform(fn) : fn());

/** Credentials are renewed this long before they expire, so no call signs with a dying session. */
export const REFRESH_BEFORE_MS = 5 * 60_000;
/** Sessions last an hour (the role's default maximum); a container reuses one per tenant until then. */
const SESSION_SECONDS = 3600;
/** A container seldom serves more tenants than this before it is recycled; the oldest go first. */
const MAX_CACHED_TENANTS = 500;

export interface ScopedCredentialsOptions {
  /** TENANT_DATA_ROLE_ARN; unset (the local cloud) means every scope uses the function's credentials. */
  roleArn: string | undefined;
  /** The function's own credentials (the default provider chain). */
  functionCredentials: AwsCredentialIdentityProvider;
  sts?: STSClient;
  now?: () => number;
}

/**
 * A credentials provider that answers per call from the current scope. It is marked memoized:
 * the SDK otherwise wraps a provider in its own cache and would sign every tenant's calls with
 * the first tenant's session. The per-tenant cache lives here instead.
 */
export function scopedCredentials(options: ScopedCredentialsOptions): AwsCredentialIdentityProvider {
  const now = options.now ?? Date.now;
  const cache = new Map<string, Promise<AwsCredentialIdentity>>();
  let sts = options.sts;

  const fresh = (creds: AwsCredentialIdentity) =>
    !creds.expiration || creds.expiration.getTime() - now() > REFRESH_BEFORE_MS;

  const assume = async (tenantId: string): Promise<AwsCredentialIdentity> => {
    // Loaded on first use: functions without the tenant role (and the local cloud) never need STS.
    const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    sts ??= new STSClient({});
    const id = tenantKeyId(tenantId);
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: `tenant-${id}`.slice(0, 64),
        DurationSeconds: SESSION_SECONDS,
        // The role's policy reads this tag (aws:PrincipalTag/tenantId); nothing chains further, so no TransitiveTagKeys.
        Tags: [{ Key: TENANT_TAG, Value: id }],
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new Error(`AssumeRole for tenant ${tenantId} returned no credentials`);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  };

  const forTenant = async (tenantId: string): Promise<AwsCredentialIdentity> => {
    const cached = cache.get(tenantId);
    if (cached) {
      const creds = await cached.catch(() => undefined);
      if (creds && fresh(creds)) return creds;
      if (cache.get(tenantId) !== cached) return forTenant(tenantId);
    }
    // One AssumeRole per tenant however many calls wait for it; a failure is not cached.
    const pending = assume(tenantId);
    cache.delete(tenantId);
    cache.set(tenantId, pending);
    if (cache.size > MAX_CACHED_TENANTS) cache.delete(cache.keys().next().value!);
    pending.catch(() => cache.get(tenantId) === pending && cache.delete(tenantId));
    return pending;
  };

  const provider = async (): Promise<AwsCredentialIdentity> => {
    const scope = currentDataScope();
    if (options.roleArn && scope?.kind === 'tenant') return forTenant(scope.tenantId);
    return options.functionCredentials();
  };
  return Object.assign(provider, { memoized: true });
}

/** A tenant-scoped call touched a key outside its tenant (in AWS, IAM would refuse it). */
export class TenantKeyViolation extends Error {
  override readonly name = 'TenantKeyViolation';
}

type Value = string | { S?: string } | undefined;
type Keyed = { pk?: Value } | undefined;

const text = (value: Value): string | undefined => (typeof value === 'string' ? value : value?.S);
const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'TransactGetItemsCommand']);

/** The partition keys a command reads or writes, table or index; undefined when it cannot tell (a Scan). */
export function partitionKeysOf(command: string, input: Record<string, any>): string[] | undefined {
  const pk = (item: Keyed) => text(item?.pk);
  const keys: (string | undefined)[] = [];
  switch (command) {
    case 'GetItemCommand':
    case 'DeleteItemCommand':
    case 'UpdateItemCommand':
      keys.push(pk(input.Key));
      break;
    case 'PutItemCommand':
      keys.push(pk(input.Item));
      break;
    case 'QueryCommand': {
      // ElectroDB writes `#pk = :pk` (the table's or the index's partition key) first.
      const names: Record<string, string> = input.ExpressionAttributeNames ?? {};
      for (const [, name, value] of String(input.KeyConditionExpression ?? '').matchAll(/(#\w+)\s*=\s*(:\w+)/g)) {
        if (/pk$/.test(names[name!] ?? '')) keys.push(text(input.ExpressionAttributeValues?.[value!]));
      }
      if (keys.length === 0) return undefined;
      break;
    }
    case 'BatchGetItemCommand':
      for (const request of Object.values<any>(input.RequestItems ?? {})) keys.push(...request.Keys.map(pk));
      break;
    case 'BatchWriteItemCommand':
      for (const requests of Object.values<any[]>(input.RequestItems ?? {})) {
        for (const r of requests) keys.push(pk(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
      }
      break;
    case 'TransactWriteItemsCommand':
      for (const t of input.TransactItems ?? []) {
        keys.push(pk(t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key ?? t.ConditionCheck?.Key));
      }
      break;
    case 'TransactGetItemsCommand':
      for (const t of input.TransactItems ?? []) keys.push(pk(t.Get?.Key));
      break;
    default:
      return undefined;
  }
  return keys.every((k) => typeof k === 'string') ? (keys as string[]) : undefined;
}

/**
 * Refuses, before it is sent, a call that IAM would refuse in AWS: a tenant scope touching keys
 * outside its tenant, or a platform read touching anything but platform keys (or writing). The
 * local cloud has no IAM, so this is what enforces the same rule there.
 */
export function checkScope(scope: DataScope | undefined, command: string, input: Record<string, any>): void {
  if (!scope || scope.kind === 'function') return;
  const keys = partitionKeysOf(command, input);
  const [prefixes, who] =
    scope.kind === 'tenant'
      ? [tenantKeyPrefixes(scope.tenantId), `tenant ${scope.tenantId}`]
      : [platformKeyPrefixes(), 'a platform read'];
  if (scope.kind === 'platform-read' && !READS.has(command)) {
    throw new TenantKeyViolation(`${command} in ${who}: platform items are read-only from tenant routes`);
  }
  if (!keys) throw new TenantKeyViolation(`${command} in ${who}: the partition keys it touches cannot be checked`);
  const outside = keys.find((key) => !keyIsUnder(prefixes, key));
  if (outside !== undefined) throw new TenantKeyViolation(`${command} in ${who} touches ${outside}`);
}

const assertTenantKeys: BuildMiddleware<any, any> = (next, context) => async (args) => {
  checkScope(currentDataScope(), context.commandName ?? '', args.input as Record<string, any>);
  return next(args);
};

export interface ScopedClientOptions extends Partial<ScopedCredentialsOptions> {
  /** Check every key of a scoped call against its scope before sending (default on). */
  assertKeys?: boolean;
  /** Extra client config (tests pass a request handler). */
  client?: DynamoDBClientConfig;
}

/** The DynamoDB client behind every entity: credentials and key checks follow the current scope. */
export function scopedDynamoDBClient(options: ScopedClientOptions = {}): DynamoDBClient {
  const roleArn = options.roleArn;
  // The default chain, resolved and cached by the SDK: the Lambda's own role.
  const functionCredentials = options.functionCredentials ?? new DynamoDBClient({}).config.credentials;
  const client = new DynamoDBClient({
    ...options.client,
    credentials: scopedCredentials({ ...options, roleArn, functionCredentials }),
  });
  if (options.assertKeys !== false) {
    client.middlewareStack.add(assertTenantKeys, { step: 'build', name: 'assertTenantKeys' });
  }
  return client;
}
