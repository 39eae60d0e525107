import { Duration, Stack, Tags, Validations, type CfnElement } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { join } from 'node:path';
import {
  queueUrlEnv,
  routeKey,
  workflowArnEnv,
  type Need,
  type PoolName,
  type QueueId,
  type WorkflowId,
} from '../manifest';
import { ApiCors } from './api-cors';
import { issuerOf, type PoolWithClient } from './auth';
import { bundlingFor, lambdaArchitecture, lambdaRuntime } from './bundling';
import {
  bucketOfNeed,
  isQueueNeed,
  isWorkflowNeed,
  MANIFEST_TAGS,
  pascal,
  poolNames,
  sizing,
  targetOfNeed,
  type CloudManifest,
  type QueueNeed,
  type WorkflowNeed,
} from './cloud-manifest';
import type { Mail } from './messaging';
import type { Secrets } from './secrets';
import { ReminderSchedules } from './reminders';
import { grantPlatformRead, TenantDataRole } from './tenant-data-role';

/** Request headers the SPAs send: the bearer token, If-Match for optimistic concurrency, Idempotency-Key for safe retries. */
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'];

/** Response headers the SPAs read: ETag for If-Match, Location after creates, Retry-After on 429. */
export const CORS_EXPOSE_HEADERS = ['ETag', 'Location', 'Retry-After'];

// No Scan: every list is a cursor-paginated query, so the functions are not allowed to scan at all.
const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
const DOCUMENT_READ = ['s3:GetObject'];
const DOCUMENT_WRITE = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];
/** Exactly the calls functions/users/identity.ts makes. */
const TENANT_POOL_MANAGE = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminSetUserPassword',
  // Reads whether the user has TOTP enabled (POST /v1/me/mfa/refresh).
  'cognito-idp:AdminGetUser',
  // Sign out of all devices (POST /v1/me/sign-out-everywhere) revokes the user's refresh tokens.
  'cognito-idp:AdminUserGlobalSignOut',
];
/** Starting a run only: progress is read from the run record in the table, never from the execution. */
const WORKFLOW_START = ['states:StartExecution'];

/** What the functions are wired to. */
export interface FunctionsProps {
  readonly manifest: CloudManifest;
  /** Directory holding package-lock.json and the manifest's `functions/…` entries. */
  readonly root: string;
  readonly table: Table;
  readonly buckets: Record<string, Bucket>;
  readonly tenantPool: UserPool;
  readonly mail: Mail;
  readonly webUrl: string;
  readonly adminUrl: string;
  /** The key behind the `secrets:encrypt` and `secrets:decrypt` needs. */
  readonly secrets: Secrets;
  /** manifest.optionalEnv values this deployment sets; unset ones are not passed at all. */
  readonly optional?: Partial<Record<'openaiBaseUrl' | 'companiesHouseBaseUrl', string>>;
  /** CloudWatch namespace of the functions' metrics (POWERTOOLS_METRICS_NAMESPACE); one per stack copy. */
  readonly metricsNamespace?: string;
}

/** What `queue:send:*` and `workflow:start:*` needs point at; built after the functions, since they consume/run them. */
export interface FunctionTargets {
  readonly queues: Record<string, Queue>;
  readonly machines: Record<string, StateMachine>;
  /** Per workflow id, the functions its definition runs as tasks. */
  readonly tasksOf: Record<string, readonly string[]>;
}

interface PendingNeed {
  readonly name: string;
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly need: QueueNeed | WorkflowNeed;
}

/** One Lambda per manifest.functions entry, with its own role granting exactly its `needs`. */
export class Functions extends Construct {
  readonly byName: Record<string, NodejsFunction>;
  /** Needs on queues and workflows, granted by connect() once those exist. */
  private readonly pending: PendingNeed[] = [];
  private connected = false;
  /** The functions serving tenant routes, which assume the TenantDataRole. */
  private readonly tenantData: { fn: NodejsFunction; role: Role }[] = [];
  readonly tenantDataRole?: TenantDataRole;
  /** The functions that schedule task reminders (`reminders:schedule`). */
  private readonly reminderSchedulers: { fn: NodejsFunction; role: Role }[] = [];
  readonly reminderSchedules?: ReminderSchedules;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: FunctionsProps,
  ) {
    super(scope, id);
    const { manifest, table, tenantPool, mail } = props;
    const env: Record<keyof CloudManifest['env'], string> = {
      table: table.tableName,
      tenantPoolId: tenantPool.userPoolId,
      mailFrom: mail.from,
      configurationSet: mail.configurationSet.configurationSetName,
      webUrl: props.webUrl,
      adminUrl: props.adminUrl,
    };
    const optional = Object.entries(props.optional ?? {}).flatMap(([key, value]) =>
      value ? [[manifest.optionalEnv[key as keyof NonNullable<FunctionsProps['optional']>], value]] : [],
    );
    const common = {
      POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace ?? 'Quoteflow',
      NODE_OPTIONS: '--enable-source-maps',
      ...Object.fromEntries(Object.entries(manifest.env).map(([key, name]) => [name, env[key as keyof typeof env]])),
      ...Object.fromEntries(optional),
    };

    this.byName = Object.fromEntries(
      Object.entries(manifest.functions).map(([name, def]) => {
        const cid = pascal(name);
        const role = new Role(this, `${cid}Role`, {
          assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
          description: `Lambda ${name}: ${def.description}`,
        });
        // An explicit group (not AWSLambdaBasicExecutionRole) bounds retention and scopes log writes to it.
        const logGroup = new LogGroup(this, `${cid}Logs`, { retention: RetentionDays.ONE_MONTH });
        logGroup.grantWrite(role);
        const bucketEnv = Object.fromEntries(
          def.needs.flatMap((n) => {
            const b = bucketOfNeed(manifest, n);
            return b ? [[b.env, props.buckets[b.id]!.bucketName]] : [];
          }),
        );
        const { memoryMb, timeoutSeconds } = sizing(def);
        const fn = new NodejsFunction(this, cid, {
          entry: join(props.root, def.entry),
          projectRoot: props.root,
          depsLockFilePath: join(props.root, 'package-lock.json'),
          handler: 'handler',
          runtime: lambdaRuntime,
          architecture: lambdaArchitecture,
          memorySize: memoryMb,
          timeout: Duration.seconds(timeoutSeconds),
          description: def.description,
          role,
          logGroup,
          // The service names a function's logs, traces and request metrics.
          environment: { ...common, POWERTOOLS_SERVICE_NAME: name, ...bucketEnv },
          // X-Ray for every invocation; the CDK grants the role xray:PutTraceSegments/PutTelemetryRecords.
          tracing: Tracing.ACTIVE,
          bundling: bundlingFor(def),
        });
        Tags.of(fn).add(MANIFEST_TAGS.function, name);
        Validations.of(role).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (the statement the CDK adds for Tracing.ACTIVE).',
        });
        Validations.of(fn).acknowledge({
          id: 'AwsSolutions-L1',
          reason: `lib/cloud/bundling.ts pins the cloud runtime to ${lambdaRuntime.name} (ARM64), the runtime the bundles and tests target; it is a supported Lambda runtime, and moving to a newer one is a deliberate, tested change.`,
        });
        for (const need of new Set(def.needs)) {
          if (isQueueNeed(need) || isWorkflowNeed(need)) this.pending.push({ name, fn, role, need });
          else this.grant(fn, role, need);
        }
        return [name, fn];
      }),
    );
    if (this.tenantData.length > 0) {
      const tenantData = new TenantDataRole(this, 'TenantData', {
        table,
        assumers: this.tenantData.map((t) => t.role),
      });
      for (const { fn } of this.tenantData)
        fn.addEnvironment(manifest.optionalEnv.tenantDataRoleArn, tenantData.role.roleArn);
      this.tenantDataRole = tenantData;
    }
    if (this.reminderSchedulers.length > 0) {
      const targetName = manifest.reminders?.fn;
      const target = targetName ? this.byName[targetName] : undefined;
      if (!target) throw new Error('A function needs "reminders:schedule", but manifest.reminders names no function');
      const schedules = new ReminderSchedules(this, 'ReminderSchedules', { target });
      for (const { fn, role } of this.reminderSchedulers) {
        const settings = schedules.grantManage(role);
        fn.addEnvironment(manifest.optionalEnv.reminderScheduleGroup, settings.group);
        fn.addEnvironment(manifest.optionalEnv.reminderScheduleRoleArn, settings.roleArn);
        fn.addEnvironment(manifest.optionalEnv.reminderTargetArn, settings.targetArn);
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/<${Stack.of(this).getLogicalId(schedules.group)}>/*]`,
          reason: 'One schedule per task and due time, named at run time; the grant is this one schedule group.',
        });
      }
      this.reminderSchedules = schedules;
    }
    this.node.addValidation({
      validate: () =>
        this.connected || this.pending.length === 0
          ? []
          : [
              `Functions.connect() was never called: ${this.pending.map((p) => `${p.name} ${p.need}`).join(', ')} not granted`,
            ],
    });
  }

  /**
   * Grants the queue and workflow needs and passes each target to its function (queue URL,
   * state machine ARN). A function its own workflow runs as a task cannot also start it: the state
   * machine would reference the function and the function the state machine, a CloudFormation cycle.
   */
  connect(targets: FunctionTargets): void {
    if (this.connected) throw new Error('Functions.connect() may be called once');
    this.connected = true;
    for (const { name, fn, role, need } of this.pending) {
      const { id } = targetOfNeed(need);
      if (isQueueNeed(need)) {
        const queue = targets.queues[id];
        if (!queue) throw new Error(`Function "${name}" needs "${need}", but manifest.queues has no "${id}"`);
        queue.grantSendMessages(role);
        fn.addEnvironment(queueUrlEnv(id as QueueId), queue.queueUrl);
        continue;
      }
      const machine = targets.machines[id];
      if (!machine) throw new Error(`Function "${name}" needs "${need}", but manifest.workflows has no "${id}"`);
      if (targets.tasksOf[id]?.includes(name)) {
        throw new Error(
          `Function "${name}" needs "${need}" but is also a task of workflow "${id}": the state machine and the function would reference each other (a CloudFormation cycle). Start the workflow from another function.`,
        );
      }
      // Start only: progress is read from the run record in the table, never from the execution.
      role.addToPrincipalPolicy(new PolicyStatement({ actions: WORKFLOW_START, resources: [machine.stateMachineArn] }));
      fn.addEnvironment(workflowArnEnv(id as WorkflowId), machine.stateMachineArn);
    }
  }

  private grant(fn: NodejsFunction, role: Role, need: Exclude<Need, QueueNeed | WorkflowNeed>): void {
    const { table, tenantPool, mail, manifest, buckets, secrets } = this.props;
    const allow = (actions: string[], resources: string[]) =>
      role.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
    const wildcard = (element: CfnElement, suffix: string, reason: string) =>
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(element)}.Arn>${suffix}]`,
        reason,
      });
    switch (need) {
      case 'table:read':
        allow(TABLE_READ, [table.tableArn, `${table.tableArn}/index/*`]);
        wildcard(
          table.node.defaultChild as CfnElement,
          '/index/*',
          'Queries must reach every GSI of the single table; the wildcard covers index names of this one table only.',
        );
        return;
      case 'table:write':
        allow(TABLE_WRITE, [table.tableArn]);
        return;
      case 'table:tenant':
        this.tenantData.push({ fn, role });
        return;
      case 'table:read:platform':
        grantPlatformRead(role, table);
        wildcard(
          table.node.defaultChild as CfnElement,
          '/index/*',
          'Platform reads may query any GSI of the single table; dynamodb:LeadingKeys limits them to platform keys.',
        );
        return;
      case 'documents:read':
      case 'documents:write': {
        const def = bucketOfNeed(manifest, need);
        const bucket = def && buckets[def.id];
        if (!bucket) throw new Error(`Need "${need}" names no bucket in manifest.buckets`);
        allow(need.endsWith(':read') ? DOCUMENT_READ : DOCUMENT_WRITE, [bucket.arnForObjects('*')]);
        wildcard(
          bucket.node.defaultChild as CfnElement,
          '/*',
          `Object keys in ${def.id} are tenant-prefixed and chosen by the service at run time; the grant is object-level actions on this one bucket.`,
        );
        return;
      }
      case 'tenantPool:manage':
        allow(TENANT_POOL_MANAGE, [tenantPool.userPoolArn]);
        return;
      case 'ses:send':
        mail.grantSend(role);
        return;
      case 'reminders:schedule':
        this.reminderSchedulers.push({ fn, role });
        return;
      case 'secrets:encrypt':
      case 'secrets:decrypt':
        if (need === 'secrets:encrypt') secrets.grantEncrypt(role);
        else secrets.grantDecrypt(role);
        fn.addEnvironment(manifest.optionalEnv.secretsKeyId, secrets.key.keyArn);
        return;
      default: {
        const unknown: never = need;
        throw new Error(`No grant for need "${String(unknown)}"`);
      }
    }
  }
}

/** What the HTTP API routes to and who may call it. */
export interface ApiProps {
  readonly manifest: CloudManifest;
  readonly functions: Record<string, NodejsFunction>;
  readonly pools: Record<PoolName, PoolWithClient>;
  readonly named: (base: string) => string;
}

/** The HTTP API: one route per manifest route, JWT-authorised by the route's pool. */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  /** Base URL without a trailing slash (the `ApiUrl` output). */
  readonly url: string;
  readonly authorizers: Record<PoolName, HttpJwtAuthorizer>;
  private readonly methods: string[];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { manifest } = props;
    const methods = [...new Set(manifest.routes.map((r) => r.method))];
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: props.named('quoteflow'),
      description: 'Quoteflow HTTP API (described at /v1/openapi.json)',
      createDefaultStage: false,
      // CORS is set by `allowBrowsersFrom` once the sites exist (see ./api-cors.ts).
    });
    this.methods = methods.map((m) => CorsHttpMethod[m]);

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
    // The $default stage serves the bare endpoint; no trailing slash, so clients can append `/v1/...`.
    this.url = this.httpApi.apiEndpoint;

    this.authorizers = Object.fromEntries(
      poolNames(manifest).map((name) => {
        const { pool, client } = props.pools[name];
        return [
          name,
          new HttpJwtAuthorizer(`${pascal(name)}Authorizer`, issuerOf(pool), {
            authorizerName: name,
            jwtAudience: [client.userPoolClientId],
          }),
        ];
      }),
    ) as Record<PoolName, HttpJwtAuthorizer>;

    // One integration and one API-scoped invoke permission per function, however many routes it serves.
    const integrations = Object.fromEntries(
      Object.entries(props.functions).map(([name, fn]) => [
        name,
        new HttpLambdaIntegration(`${pascal(name)}Integration`, fn, { scopePermissionToRoute: false }),
      ]),
    );
    for (const route of manifest.routes) {
      const integration = integrations[route.fn];
      if (!integration)
        throw new Error(`Route ${route.method} ${route.path} names "${route.fn}", not in manifest.functions`);
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: route.auth === 'public' ? undefined : this.authorizers[route.auth],
      });
      if (route.auth === 'public') acknowledgePublicRoute(httpRoute!, route);
    }
  }

  /** CORS for these browser origins (the two CloudFront sites), with the headers the SPAs send. */
  allowBrowsersFrom(origins: string[]): void {
    new ApiCors(this, 'Cors', {
      httpApi: this.httpApi,
      allowOrigins: origins,
      allowMethods: this.methods,
      allowHeaders: CORS_ALLOW_HEADERS,
      exposeHeaders: CORS_EXPOSE_HEADERS,
      maxAge: Duration.hours(1),
    });
  }
}

/**
 * A route without an authorizer, acknowledged with its own protection statement (the contract's
 * `publicBecause`): a public route that has none fails synthesis instead of inheriting a blanket reason.
 */
function acknowledgePublicRoute(route: HttpRoute, def: { method: string; path: string; publicBecause?: string }): void {
  if (!def.publicBecause) {
    throw new Error(
      `${routeKey(def)} is public (contract auth: public) but states no protection (publicBecause in its contract)`,
    );
  }
  Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: def.publicBecause });
}
