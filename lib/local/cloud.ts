import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  WORKFLOW_IDS,
  buckets,
  env,
  functions,
  optionalEnv,
  queueUrlEnv,
  queues,
  workflowArnEnv,
  type FunctionName,
  type OUTPUT_KEYS,
} from '../manifest.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, ensurePool, ensureQueues, ensureTable } from './bootstrap.js';
import { DEMO_LOGINS } from './demo-data.js';
import { startCognito, startDynamoDb, startS3, startSes, startSqs, type Running } from './emulators.js';
import { startGateway, type Handler } from './gateway.js';
import { portsFrom, type Ports } from './ports.js';
import { checkJava, checkPorts } from './preflight.js';
import { seed } from './seed.js';
import { startSchedules } from './schedules.js';
import { startLocalScheduler } from './scheduler.js';
import { startSqsPollers } from './sqs-poller.js';
import { localStateMachineArn, startStepFunctions } from './step-functions.js';
import { serveSpa, type WebMode } from './web.js';

export interface LocalCloudOptions {
  portBase: number;
  /** Persistent state: DynamoDB files, S3 objects, Cognito pools, outputs.json. */
  dataDir: string;
  web: WebMode | 'none';
  /** Keep DynamoDB data on disk across restarts (npm start) or in memory (tests, benchmarks). */
  persist?: boolean;
  /** Name of the variable that moves the ports, for the busy-port hint. */
  portBaseVariable?: string;
  /** Point the AI and Companies House clients elsewhere (fake servers in tests); unset = the real services. */
  providerUrls?: ProviderUrls;
  log?: (line: string) => void;
}

export interface ProviderUrls {
  openai?: string;
  companiesHouse?: string;
}

export type Outputs = Record<(typeof OUTPUT_KEYS)[number], string> & {
  DemoLogins: {
    owner: { email: string; password: string };
    sales: { email: string; password: string };
    platformAdmin: { email: string; password: string };
  };
};

export interface LocalCloud {
  outputs: Outputs;
  ports: Ports;
  tableName: string;
  timings: Record<string, number>;
  /** The Step Functions twin; `idle()` resolves when no execution is running. */
  sfn: { url: string; stateMachineArns: Record<string, string>; idle(): Promise<void> };
  /** Queue URLs by id (`<id>` and `<id>-dlq`); `idle()` resolves when every consumed queue is empty and no batch is in flight. */
  queues: { urls: Record<string, string>; idle(): Promise<void> };
  stop(): Promise<void>;
}

const TABLE_NAME = 'quoteflow';
const DOCUMENTS_BUCKET = 'quoteflow-documents';
const root = resolve(import.meta.dirname, '../..');

/**
 * Brings the whole product up on local emulators: the same manifest as the cloud stack, the
 * real handlers behind a local API gateway, a seeded demo tenant. Also the tests' global setup.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log = options.log ?? (() => undefined);
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const mark = (name: string) => (timings[name] = Math.round(performance.now() - t0));
  const ports = portsFrom(options.portBase);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });

  checkJava();
  await checkPorts(ports, options.portBaseVariable ?? 'QUOTEFLOW_PORT_BASE');

  const running: Running[] = [];
  const stop = async () => {
    for (const r of running.reverse()) await r.stop().catch(() => undefined);
  };
  const track = async (p: Promise<Running>) => {
    const r = await p;
    running.push(r);
    return r;
  };

  try {
    const host = '127.0.0.1';
    const url = (port: number) => `http://${host}:${port}`;
    await Promise.all([
      track(startDynamoDb(ports.dynamodb, dataDir, options.persist ?? true)),
      track(startS3(ports.s3, dataDir, [DOCUMENTS_BUCKET])),
      track(startSqs(ports.sqs)),
      track(startSes(ports.ses)),
      track(startCognito(ports.cognito, dataDir, url(ports.ses))),
    ]);
    mark('emulators');

    const [addedIndexes, tenantPool, adminPool, queueUrls] = await Promise.all([
      ensureTable(url(ports.dynamodb), TABLE_NAME),
      ensurePool(url(ports.cognito), 'tenant'),
      ensurePool(url(ports.cognito), 'admin'),
      ensureQueues(url(ports.sqs)),
    ]);
    ensureSecretsKey(dataDir);
    mark('bootstrap');

    const webUrl = `http://localhost:${ports.web}`;
    const adminUrl = `http://localhost:${ports.admin}`;
    Object.assign(
      process.env,
      handlerEnvironment(ports, tenantPool.poolId, { queueUrls, dataDir, providerUrls: options.providerUrls }),
    );

    const handlers = new Map<FunctionName, Promise<Handler>>();
    const loadHandler = (fn: FunctionName) => {
      if (!handlers.has(fn)) {
        const entry = pathToFileURL(join(root, functions[fn].entry)).href;
        handlers.set(
          fn,
          import(entry).then((m) => m.handler),
        );
      }
      return handlers.get(fn)!;
    };
    const cognitoIssuer = (poolId: string) => `${url(ports.cognito)}/${poolId}`;
    const gateway = await startGateway({
      port: ports.api,
      authorizers: {
        tenant: { issuer: cognitoIssuer(tenantPool.poolId), audience: tenantPool.clientId },
        admin: { issuer: cognitoIssuer(adminPool.poolId), audience: adminPool.clientId },
      },
      corsOrigins: [webUrl, adminUrl, url(ports.web), url(ports.admin)],
      loadHandler,
    });
    running.push({ name: 'API gateway', stop: gateway.stop });
    mark('gateway');

    // The Lambda triggers: Step Functions executions and SQS event sources, calling the same
    // in-process handlers. Both live in memory, so work in flight when the last run stopped is
    // gone: bulk messages are queued again from the table's outbox below, and a single analysis
    // that was running is reported as interrupted. Background failures are logged, not lost.
    const backgroundLog = options.log ?? ((line: string) => console.warn(line));
    const sfn = await startStepFunctions({ port: ports.sfn, region: LOCAL_REGION, loadHandler, log: backgroundLog });
    running.push({ name: 'Step Functions', stop: sfn.stop });
    const pollers = await startSqsPollers({
      endpoint: url(ports.sqs),
      region: LOCAL_REGION,
      queueUrls,
      loadHandler,
      log: backgroundLog,
    });
    running.push({ name: 'SQS pollers', stop: pollers.stop });
    const timers = startSchedules({ region: LOCAL_REGION, loadHandler, log: backgroundLog });
    running.push({ name: 'Schedules', stop: timers.stop });
    const scheduler = startLocalScheduler({ region: LOCAL_REGION, loadHandler, log: backgroundLog });
    running.push({ name: 'Local scheduler', stop: scheduler.stop });
    const resumed = await resumeQueuedWork(addedIndexes, dataDir);
    if (resumed.reindexed > 0) log(`Wrote ${resumed.reindexed} owned company(ies) again for the new owner index`);
    if (resumed.activities > 0)
      log(`Wrote ${resumed.activities} activity(ies) from before editing again, so they can be edited`);
    if (resumed.searchReindexed > 0) log(`Indexed ${resumed.searchReindexed} record(s) stored before search existed`);
    if (resumed.bulk > 0) log(`Resumed ${resumed.bulk} queued bulk analysis message(s)`);
    if (resumed.purges > 0) log(`Resumed ${resumed.purges} company purge(s)`);
    if (resumed.removals > 0) log(`Finished ${resumed.removals} user removal(s)`);
    mark('triggers');

    const seeded = await seed({
      cognitoEndpoint: url(ports.cognito),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      adminPoolId: adminPool.poolId,
      tenantPoolId: tenantPool.poolId,
    });
    log(`Demo data: ${seeded}`);
    mark('seed');

    const outputs: Outputs = {
      ApiUrl: gateway.url.replace('127.0.0.1', 'localhost'),
      WebUrl: webUrl,
      AdminUrl: adminUrl,
      UserPoolId: tenantPool.poolId,
      UserPoolClientId: tenantPool.clientId,
      AdminUserPoolId: adminPool.poolId,
      AdminUserPoolClientId: adminPool.clientId,
      CognitoEndpoint: url(ports.cognito),
      MailboxUrl: url(ports.ses),
      Region: LOCAL_REGION,
      DemoLogins: {
        owner: { email: DEMO_LOGINS.owner.email, password: DEMO_LOGINS.owner.password },
        sales: { email: DEMO_LOGINS.sales.email, password: DEMO_LOGINS.sales.password },
        platformAdmin: { email: DEMO_LOGINS.platformAdmin.email, password: DEMO_LOGINS.platformAdmin.password },
      },
    };
    if (options.web !== 'none') {
      running.push(...(await serveWeb(options.web, outputs, ports)));
      mark('web');
    }
    writeFileSync(join(dataDir, 'outputs.json'), `${JSON.stringify(outputs, null, 2)}\n`);
    mark('ready');
    return {
      outputs,
      ports,
      tableName: TABLE_NAME,
      timings,
      sfn: { url: sfn.url, stateMachineArns: sfn.stateMachineArns, idle: sfn.idle },
      queues: { urls: queueUrls, idle: pollers.idle },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Queues again what the table says was queued but never settled (the handlers' own code, as at cold start). */
/**
 * Runs a one-off upgrade of a kept table once per data dir, recorded in `<dataDir>/upgrades.json`:
 * a full-table scan at every start made `npm start` take minutes once a tenant held 50,000 companies.
 */
async function onceForDataDir(dataDir: string, name: string, upgrade: () => Promise<number>): Promise<number> {
  const file = join(dataDir, 'upgrades.json');
  const done: string[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  if (done.includes(name)) return 0;
  const changed = await upgrade();
  writeFileSync(file, JSON.stringify([...done, name]));
  return changed;
}

async function resumeQueuedWork(
  addedIndexes: string[],
  dataDir: string,
): Promise<{
  bulk: number;
  purges: number;
  removals: number;
  reindexed: number;
  activities: number;
  searchReindexed: number;
}> {
  const [analysis, tombstone, users, identity, { awsPorts }, { defaultDeps }, reindex, activities, search] =
    await Promise.all([
      import('../../functions/analysis/outbox.js'),
      import('../../functions/companies/tombstone.js'),
      import('../../functions/users/service.js'),
      import('../../functions/users/identity.js'),
      import('../../functions/analysis/ports.js'),
      import('../../functions/shared/deps.js'),
      import('../../functions/companies/reindex.js'),
      import('../../functions/activities/reindex.js'),
      import('../../functions/search/reindex.js'),
    ]);
  const deps = { ...defaultDeps, ...awsPorts };
  return {
    // A kept table that just gained the owner index: its owned companies have no keys there yet.
    reindexed: addedIndexes.includes('gsi3') ? await reindex.rewriteOwnedCompanies(deps) : 0,
    // A kept table may hold activities from before they could be edited (no version, no id index keys).
    activities: await onceForDataDir(dataDir, 'activities-versioned', () => activities.indexLegacyActivities(deps)),
    // A kept table from before the search index: its tenants' records have no tokens yet.
    searchReindexed: (await search.reindexSearch(deps, { tenantIds: await search.tenantsWithoutTokens(deps) })).records,
    // The in-memory queues start empty: nothing recorded is still in flight, however recent.
    bulk: await analysis.drainOutbox(deps, { minAgeMs: 0 }),
    // Every purge message was lost with the in-memory queues, however recently it was sent.
    purges: await tombstone.resumeCompanyPurges(deps, { olderThanMs: 0 }),
    removals: await users.resumeUserRemovals({ ...defaultDeps, identity: identity.cognitoIdentity }),
  };
}

/** Serves both SPAs, each with its pool in `/config.json`. */
export async function serveWeb(mode: WebMode, outputs: Outputs, ports: Ports): Promise<Running[]> {
  const runtime = { apiUrl: outputs.ApiUrl, region: outputs.Region, cognitoEndpoint: outputs.CognitoEndpoint };
  return Promise.all([
    serveSpa(mode, 'app', ports.web, {
      ...runtime,
      userPoolId: outputs.UserPoolId,
      userPoolClientId: outputs.UserPoolClientId,
    }),
    serveSpa(mode, 'admin', ports.admin, {
      ...runtime,
      userPoolId: outputs.AdminUserPoolId,
      userPoolClientId: outputs.AdminUserPoolClientId,
    }),
  ]);
}

/**
 * The local key file standing in for KMS: 32 random bytes, base64 on one line (the secrets
 * module reads raw 32-byte or base64 files), mode 0600, created once and kept with the data.
 */
export function ensureSecretsKey(dataDir: string): string {
  const file = join(dataDir, 'secrets.key');
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return file;
}

export interface HandlerEnvironmentExtras {
  /** Queue URLs by id, as ensureQueues returns them; each becomes its `queueUrlEnv(id)`. */
  queueUrls?: Record<string, string>;
  /** Where the secrets key lives (`<dataDir>/secrets.key`). */
  dataDir?: string;
  providerUrls?: ProviderUrls;
}

/** The environment the handlers read, exactly as their Lambda environment in AWS, pointed at the emulators. */
export function handlerEnvironment(
  ports: Ports,
  tenantPoolId: string,
  extras: HandlerEnvironmentExtras = {},
): Record<string, string> {
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const optional: Record<string, string> = {};
  for (const q of queues) {
    const queueUrl = extras.queueUrls?.[q.id];
    if (queueUrl) optional[queueUrlEnv(q.id)] = queueUrl;
  }
  if (extras.dataDir) optional[optionalEnv.secretsKeyFile] = join(resolve(extras.dataDir), 'secrets.key');
  // No CloudWatch to read EMF from stdout: metric lines go to a file (functions/shared/observability.ts).
  if (extras.dataDir) optional.QUOTEFLOW_METRICS_FILE = join(resolve(extras.dataDir), 'metrics.log');
  if (extras.providerUrls?.openai) optional[optionalEnv.openaiBaseUrl] = extras.providerUrls.openai;
  if (extras.providerUrls?.companiesHouse)
    optional[optionalEnv.companiesHouseBaseUrl] = extras.providerUrls.companiesHouse;
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: url(ports.dynamodb),
    AWS_ENDPOINT_URL_S3: url(ports.s3),
    AWS_ENDPOINT_URL_SQS: url(ports.sqs),
    AWS_ENDPOINT_URL_SESV2: url(ports.ses),
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: url(ports.cognito),
    AWS_ENDPOINT_URL_SFN: url(ports.sfn),
    ...Object.fromEntries(WORKFLOW_IDS.map((id) => [workflowArnEnv(id), localStateMachineArn(LOCAL_REGION, id)])),
    ...optional,
    [env.table]: TABLE_NAME,
    [env.tenantPoolId]: tenantPoolId,
    [env.mailFrom]: 'Quoteflow <no-reply@quoteflow.local>',
    [env.webUrl]: `http://localhost:${ports.web}`,
    [env.adminUrl]: `http://localhost:${ports.admin}`,
    [buckets[0].env]: DOCUMENTS_BUCKET,
    POWERTOOLS_SERVICE_NAME: 'quoteflow',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_NAMESPACE: 'Quoteflow',
    // No X-Ray daemon here: the X-Ray SDK is not loaded at all (functions/shared/observability.ts).
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
}
