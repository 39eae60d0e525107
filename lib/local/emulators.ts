import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './bootstrap.js';
import { cognitoAccounts, MailboxSender } from './cognito-accounts.js';
import { cognitoChallenges } from './cognito-challenges.js';
import { requireValidPresignedUrls } from './s3-signatures.js';

const require = createRequire(import.meta.url);

export interface Running {
  name: string;
  stop(): Promise<void>;
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });

async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null)
      throw new Error(`${url} exited with code ${child.exitCode} before it was ready`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not come up within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const LOOPBACK_SOURCE = join(import.meta.dirname, 'DynamoDbLoopback.java');

/**
 * The loopback launcher (DynamoDbLoopback.java) compiled against this jar, once per source and
 * jar, in the temp dir; undefined when there is no `javac` (a JRE only), and the jar runs as shipped.
 */
function loopbackLauncher(emulatorDir: string): string | undefined {
  const classpath = `${join(emulatorDir, 'DynamoDBLocal.jar')}:${join(emulatorDir, 'DynamoDBLocal_lib', '*')}`;
  const source = readFileSync(LOOPBACK_SOURCE);
  const version = statSync(join(emulatorDir, 'DynamoDBLocal.jar')).size;
  const hash = createHash('sha256').update(source).update(String(version)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `quoteflow-dynamodb-loopback-${hash}`);
  if (existsSync(join(dir, 'DynamoDbLoopback.class'))) return dir;
  // Several stacks may start at once: compile aside, then rename into place (the first one wins).
  const staging = mkdtempSync(join(tmpdir(), 'quoteflow-dynamodb-loopback-'));
  const compiled = spawnSync('javac', ['-nowarn', '-cp', classpath, '-d', staging, LOOPBACK_SOURCE], {
    encoding: 'utf8',
  });
  if (compiled.error || compiled.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return undefined;
  }
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return existsSync(join(dir, 'DynamoDbLoopback.class')) ? dir : undefined;
}

/**
 * DynamoDB Local (the jar shipped in amplify-dynamodb-simulator): data on disk, or in memory
 * for throwaway stacks (tests, benchmarks), where it answers several times faster. Bound to
 * 127.0.0.1 through the loopback launcher; only without a JDK does it listen on every interface.
 */
export async function startDynamoDb(port: number, dataDir: string, persist = true): Promise<Running> {
  const emulatorDir = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const dbPath = join(dataDir, 'dynamodb');
  mkdirSync(dbPath, { recursive: true });
  const launcher = loopbackLauncher(emulatorDir);
  if (!launcher) {
    process.emitWarning(
      'No javac found: DynamoDB Local listens on every interface, not only 127.0.0.1. Install a JDK to bind it to loopback.',
    );
  }
  const main = launcher
    ? ['-cp', `${join(emulatorDir, 'DynamoDBLocal.jar')}:${launcher}`, 'DynamoDbLoopback']
    : ['-jar', join(emulatorDir, 'DynamoDBLocal.jar')];
  const child = spawn(
    'java',
    [
      '-Xmx512m',
      // Serial GC: on 2 cores, parallel GC threads compete with the requests they serve. The JIT
      // keeps C2: DynamoDB Local applies writes one at a time, and C2-compiled code spends about a
      // third less CPU per item than C1-only (a 4,000-row import: 76 vs 55 rows/s on the same loaded VM).
      '-XX:+UseSerialGC',
      `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`,
      ...main,
      '-sharedDb',
      ...(persist ? ['-dbPath', dbPath] : ['-inMemory']),
      '-port',
      String(port),
    ],
    { cwd: emulatorDir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  try {
    await waitForHttp(`http://127.0.0.1:${port}`, 30_000, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`DynamoDB Local failed to start: ${(error as Error).message}\n${stderr.slice(-2000)}`, {
      cause: error,
    });
  }
  return {
    name: 'DynamoDB Local',
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** Presigned PUTs from the SPA (a CSV to import) and GETs of its links, as the cloud bucket's CORS rule allows. */
const BROWSER_UPLOADS_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/** s3rver, objects on disk. */
export async function startS3(port: number, dataDir: string, buckets: string[]): Promise<Running> {
  const S3rver = require('s3rver');
  const directory = join(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const s3 = new S3rver({
    port,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [BROWSER_UPLOADS_CORS] })),
  });
  // s3rver checks a presigned URL's expiry but not its signature; real S3 checks both.
  s3.middleware.unshift(requireValidPresignedUrls(LOCAL_CREDENTIALS));
  await s3.run();
  return { name: 'S3 (s3rver)', stop: () => s3.close() };
}

/** fauxqs: SQS in memory (queued work is re-derived from the table on start). */
export async function startSqs(port: number): Promise<Running> {
  const { buildApp } = await import('fauxqs');
  const app = buildApp({ logger: false, host: `127.0.0.1:${port}`, defaultRegion: 'eu-west-2' });
  await app.listen({ host: '127.0.0.1', port });
  return { name: 'SQS (fauxqs)', stop: () => app.close() };
}

/** aws-ses-v2-local: accepts SES v2 sends and shows them in a web mailbox. */
export async function startSes(port: number): Promise<Running> {
  const { default: server } = await import('aws-ses-v2-local');
  const http = await server({ host: '127.0.0.1', port });
  return { name: 'SES (aws-ses-v2-local)', stop: () => closeServer(http) };
}

/** Sends Cognito's code emails through the local SES, from the address Cognito's own emails come from. */
function mailTo(mailboxUrl: string) {
  const ses = new SESv2Client({ endpoint: mailboxUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  return async (to: string, subject: string, text: string) => {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@verificationemail.com',
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: text } } } },
      }),
    );
  };
}

/**
 * cognito-local, assembled like its `createDefaultServer` but with our data directory and an
 * issuer on our port (the stock one is fixed to `.cognito` in the working directory).
 */
export async function startCognito(port: number, dataDir: string, mailboxUrl: string): Promise<Running> {
  const root = join(dataDir, 'cognito');
  const dbDir = join(root, 'db');
  mkdirSync(dbDir, { recursive: true });
  writeFileSync(
    join(root, 'config.json'),
    JSON.stringify({
      TokenConfig: { IssuerDomain: `http://127.0.0.1:${port}` },
      ServerConfig: { port, hostname: '127.0.0.1' },
    }),
  );
  const lib = (path: string) => require(`cognito-local/lib/${path}`);
  const base = dirname(require.resolve('cognito-local/package.json'));
  const pino = createRequire(join(base, 'package.json'))('pino');
  const logger = pino({ level: 'silent' });
  const services = lib('services');
  const { loadConfig } = lib('server/config');
  const { StormDBDataStoreFactory } = lib('services/dataStore/stormDb');
  const { CognitoServiceFactoryImpl } = lib('services/cognitoService');
  const { UserPoolServiceFactoryImpl } = lib('services/userPoolService');
  const { CryptoService } = lib('services/crypto');
  const { MessageDeliveryService } = lib('services/messageDelivery/messageDelivery');
  const { JwtTokenGenerator } = lib('services/tokenGenerator');
  const { otp } = lib('services/otp');
  const { Router } = lib('server/Router');
  const { createServer } = lib('server/server');

  const ctx = { logger };
  const config = await loadConfig(ctx, new StormDBDataStoreFactory(root));
  const clock = new services.DateClock();
  const dataStores = new StormDBDataStoreFactory(dbDir);
  const cognito = await new CognitoServiceFactoryImpl(
    dbDir,
    dataStores,
    new UserPoolServiceFactoryImpl(clock, dataStores),
  ).create(ctx, config.UserPoolDefaults);
  const AWS = createRequire(join(base, 'package.json'))('aws-sdk');
  const triggers = new services.TriggersService(
    clock,
    cognito,
    new services.LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)),
    new CryptoService(config.KMSConfig),
  );
  const all = {
    clock,
    cognito,
    config,
    messages: new services.MessagesService(triggers, new MessageDeliveryService(new MailboxSender(mailTo(mailboxUrl)))),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const errors = lib('errors');
  const router = cognitoAccounts(cognitoChallenges(Router(all), all, errors, lib('services/totp')), all, errors);
  const http: Server = await createServer(router, logger, config.ServerConfig, all).start();
  return { name: 'Cognito (cognito-local)', stop: () => closeServer(http) };
}
