import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  functions,
  OUTPUT_KEYS,
  optionalEnv,
  pools,
  queues,
  queueUrlEnv,
  table,
  workflowArnEnv,
} from '../../lib/manifest';
import { MANIFEST_TAGS, productManifest } from '../../lib/cloud/cloud-manifest';
import { CLOUD_ONLY_OUTPUTS } from '../../lib/cloud/stack';
import {
  functionIdOf,
  product,
  refOf,
  resourcesOf,
  statementsOf,
  synthQuoteflow,
  tagOf,
  targetsOf,
  type Json,
  type Synth,
} from './harness';

let synth: Synth;
beforeAll(() => {
  synth = synthQuoteflow();
}, 60_000);
afterAll(() => synth?.dispose());

const retained = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };

/** A Fn::Join as one string, with `<Ref X>` and `<GetAtt X.Y>` where the references go. */
const joined = (value: unknown): string => {
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return String(value);
  return join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const p = part as { Ref?: string; 'Fn::GetAtt'?: string[] };
      return p.Ref ? `<Ref ${p.Ref}>` : `<GetAtt ${p['Fn::GetAtt']!.join('.')}>`;
    })
    .join(join[0]);
};

describe('data', () => {
  it('is one on-demand table with pk/sk, both GSIs, TTL, PITR and deletion protection, retained', () => {
    synth.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    synth.template.hasResource('AWS::DynamoDB::Table', {
      ...retained,
      Properties: {
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith(
          [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])].map(
            (name) => ({
              AttributeName: name,
              AttributeType: 'S',
            }),
          ),
        ),
        GlobalSecondaryIndexes: table.indexes.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });

  it('keeps documents versioned, encrypted and retained', () => {
    const documents = Object.values(resourcesOf(synth.template, 'AWS::S3::Bucket')).filter(
      (b) => tagOf(b, MANIFEST_TAGS.bucket) === 'Documents',
    );
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ ...retained, Properties: { VersioningConfiguration: { Status: 'Enabled' } } });
  });

  it('makes every bucket private, S3-encrypted, access-logged and TLS-only', () => {
    const buckets = resourcesOf(synth.template, 'AWS::S3::Bucket');
    const policies = Object.values(resourcesOf(synth.template, 'AWS::S3::BucketPolicy'));
    expect(Object.keys(buckets)).toHaveLength(4);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption, id).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      const policy = policies.find((p) => refOf(p.Properties.Bucket) === id);
      expect(policy?.Properties.PolicyDocument.Statement, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      const logged = bucket.Properties.LoggingConfiguration !== undefined;
      expect(logged || id.startsWith('DataAccessLogs'), `${id} has access logs`).toBe(true);
    }
  });
});

describe('auth', () => {
  const userPools = () => Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPool'));

  it('has a tenant pool with mutable tenantId/role and an admin pool, both admin-created, email sign-in, strong passwords', () => {
    expect(
      userPools()
        .map((p) => p.Properties.UserPoolName)
        .sort(),
    ).toEqual([pools.admin.name, pools.tenant.name].sort());
    for (const pool of userPools()) {
      expect(pool).toMatchObject({
        ...retained,
        Properties: {
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          UsernameAttributes: ['email'],
          Policies: {
            PasswordPolicy: {
              MinimumLength: 12,
              RequireLowercase: true,
              RequireUppercase: true,
              RequireNumbers: true,
              RequireSymbols: true,
            },
          },
          UserPoolTier: 'PLUS',
          UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
          DeletionProtection: 'ACTIVE',
        },
      });
    }
    const tenant = userPools().find((p) => p.Properties.UserPoolName === pools.tenant.name)!;
    for (const name of pools.tenant.customAttributes) {
      expect(tenant.Properties.Schema).toContainEqual(
        expect.objectContaining({ Name: name, AttributeDataType: 'String', Mutable: true }),
      );
    }
  });

  it('requires TOTP (software token only, no SMS) of platform admins and offers it to tenant users', () => {
    const byName = (name: string) => userPools().find((p) => p.Properties.UserPoolName === name)!.Properties;
    expect(byName(pools.admin.name)).toMatchObject({ MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    expect(byName(pools.tenant.name)).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('lets each client revoke its refresh tokens (sign-out calls RevokeToken)', () => {
    for (const client of Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'))) {
      expect(client.Properties.EnableTokenRevocation).toBe(true);
    }
  });

  it('gives each pool a public client: password + SRP auth, no secret, 1 h id token, 30 d refresh, no user-existence leaks', () => {
    const clients = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'));
    expect(clients.map((c) => c.Properties.ClientName).sort()).toEqual(
      [pools.admin.clientName, pools.tenant.clientName].sort(),
    );
    for (const client of clients) {
      expect(client.Properties).toMatchObject({
        GenerateSecret: false,
        ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
        IdTokenValidity: 60,
        RefreshTokenValidity: 30 * 24 * 60,
        TokenValidityUnits: { IdToken: 'minutes', RefreshToken: 'minutes' },
        PreventUserExistenceErrors: 'ENABLED',
      });
      expect(
        client.Properties.WriteAttributes.filter((a: string) => a.startsWith('custom:')),
        'clients cannot rewrite custom attributes',
      ).toEqual([]);
    }
  });
});

describe('api', () => {
  it('has one JWT authorizer per pool, trusting that pool as issuer and its client as audience', () => {
    const authorizers = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizers.map((a) => a.Properties.Name).sort()).toEqual(['admin', 'tenant']);
    for (const a of authorizers) {
      expect(a.Properties).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: expect.stringMatching(/WebClient/) }],
          Issuer: {
            'Fn::Join': [
              '',
              ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: expect.any(String) }],
            ],
          },
        },
      });
    }
  });

  it("refuses access tokens at the authorizer: each audience is exactly its own pool's client id", () => {
    // API Gateway's JWT authorizer cannot test token_use, but it checks `aud` (else `client_id`) against
    // the audience. An ID token's aud is the client id; an access token has no aud, only client_id — so an
    // access token passes only if its client_id is listed. Listing the client id therefore admits ID
    // tokens of that client, and access tokens of it too: the adapter (functions/shared/http.ts) is
    // what refuses those, by token_use, since both carry the same client id.
    const clients = resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient');
    const authorizers = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Authorizer'));
    for (const a of authorizers) {
      const audience = a.Properties.JwtConfiguration.Audience as unknown[];
      expect(audience).toHaveLength(1);
      const client = clients[refOf(audience[0])!]!;
      expect(refOf(client.Properties.UserPoolId)).toBe(refOf(a.Properties.JwtConfiguration.Issuer['Fn::Join'][1][3]));
    }
  });

  it('runs every manifest function on Node 22 ARM64 with its own log group', () => {
    const fns = Object.values(resourcesOf(synth.template, 'AWS::Lambda::Function')).filter((f) =>
      tagOf(f, MANIFEST_TAGS.function),
    );
    expect(fns.length).toBeGreaterThan(0);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        Environment: {
          Variables: expect.objectContaining({
            POWERTOOLS_SERVICE_NAME: tagOf(fn, MANIFEST_TAGS.function),
            NODE_OPTIONS: '--enable-source-maps',
          }),
        },
      });
      const logGroup = synth.template.toJSON().Resources[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('allows CORS from both sites only, with the headers the SPAs send, exposing ETag', () => {
    // Set by a custom resource after the sites exist: the sites' CSP names the API (see lib/cloud/api-cors.ts).
    const apis = resourcesOf(synth.template, 'AWS::ApiGatewayV2::Api');
    const [apiId] = Object.keys(apis);
    expect(apis[apiId!]!.Properties.CorsConfiguration).toBeUndefined();
    const customs = Object.values(resourcesOf(synth.template, 'Custom::AWS'));
    expect(customs).toHaveLength(1);
    const create = joined(customs[0]!.Properties.Create);
    expect(create).toContain(`"service":"ApiGatewayV2","action":"UpdateApi","parameters":{"ApiId":"<Ref ${apiId}>"`);
    expect(create).toMatch(
      /"AllowOrigins":\["https:\/\/<GetAtt WebAppDistribution\w+\.DomainName>","https:\/\/<GetAtt WebAdminDistribution\w+\.DomainName>"\]/,
    );
    expect(create).toContain('"AllowHeaders":["Authorization","Content-Type","If-Match","Idempotency-Key"]');
    expect(create).toMatch(/"ExposeHeaders":\[[^\]]*"ETag"/);
  });

  it('logs access as JSON and throttles the default stage', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });
});

describe('messaging', () => {
  it('sends through the `quoteflow` SES configuration set', () => {
    synth.template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'quoteflow' });
  });
});

describe('web', () => {
  const distributions = () => Object.values(resourcesOf(synth.template, 'AWS::CloudFront::Distribution'));

  it('serves two SPAs, each from a private bucket through Origin Access Control', () => {
    expect(distributions()).toHaveLength(2);
    synth.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    for (const d of distributions()) {
      const [origin, ...others] = d.Properties.DistributionConfig.Origins;
      expect(others).toEqual([]);
      expect(origin).toMatchObject({
        OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      });
    }
  });

  it('falls back to index.html for client-side routes, redirects to HTTPS and sends security headers', () => {
    for (const d of distributions()) {
      const config = d.Properties.DistributionConfig;
      expect(config.DefaultRootObject).toBe('index.html');
      expect(config.CustomErrorResponses).toEqual(
        [403, 404].map((code) =>
          expect.objectContaining({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html' }),
        ),
      );
      expect(config.DefaultCacheBehavior).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        ResponseHeadersPolicyId: { Ref: expect.any(String) },
      });
      expect(config.Logging).toBeDefined();
    }
    synth.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: Match.objectLike({ Override: true }),
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
        },
      },
    });
  });

  it("names this stack's own API in the CSP's connect-src, not any API in the region", () => {
    const [policy] = Object.values(resourcesOf(synth.template, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = joined(
      policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
    );
    const [apiId] = Object.keys(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Api'));
    const connect = /connect-src ([^;]*);/.exec(csp)?.[1];
    expect(connect).toBe(`'self' <GetAtt ${apiId}.ApiEndpoint> https://cognito-idp.<Ref AWS::Region>.amazonaws.com`);
    expect(csp).not.toContain('*');
  });

  it('deploys config.json with the tenant pool to the app and the admin pool to the console', () => {
    const deployments = Object.values(resourcesOf(synth.template, 'Custom::CDKBucketDeployment'));
    const markersFor = (site: 'App' | 'Admin') => {
      const shell = deployments.find((d) =>
        refOf(d.Properties.DestinationBucket ?? d.Properties.DestinationBucketName)?.startsWith(`Web${site}Bucket`),
      );
      return JSON.stringify(shell?.Properties.SourceMarkers);
    };
    expect(markersFor('App')).toMatch(/AuthTenantPool[0-9A-F]+"/);
    expect(markersFor('App')).toMatch(/AuthTenantPoolWebClient/);
    expect(markersFor('App')).not.toMatch(/AuthAdminPool/);
    expect(markersFor('Admin')).toMatch(/AuthAdminPoolWebClient/);
    expect(markersFor('Admin')).not.toMatch(/AuthTenantPool/);
  });
});

describe('outputs', () => {
  it('exports exactly manifest.OUTPUT_KEYS and the cloud-only outputs', () => {
    expect(Object.keys(synth.template.toJSON().Outputs).sort()).toEqual([...OUTPUT_KEYS, ...CLOUD_ONLY_OUTPUTS].sort());
  });
});

describe('secrets', () => {
  const keys = () => resourcesOf(synth.template, 'AWS::KMS::Key');

  it('is one retained, customer-managed symmetric key with yearly rotation, aliased quoteflow-secrets', () => {
    expect(Object.keys(keys())).toHaveLength(1);
    const [keyId, key] = Object.entries(keys())[0]!;
    expect(key).toMatchObject({
      ...retained,
      Properties: {
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        EnableKeyRotation: true,
        RotationPeriodInDays: 365,
      },
    });
    synth.template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/quoteflow-secrets',
      TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
  });

  it('lets the functions that store keys Encrypt and those that use them Decrypt, each with the context conditions', () => {
    const [keyId] = Object.keys(keys());
    const withNeed = (need: string) =>
      Object.entries(functions)
        .filter(([, def]) => (def.needs as readonly string[]).includes(need))
        .map(([name]) => name)
        .sort();
    expect(withNeed('secrets:encrypt')).toEqual(['settings']);
    expect(withNeed('secrets:decrypt')).toEqual(['analysisBulk', 'analysisSteps', 'enrichment', 'prompts', 'quotes']);
    const key = { 'Fn::GetAtt': [keyId, 'Arn'] };
    const tenantContext = {
      Null: { 'kms:EncryptionContext:tenantId': 'false', 'kms:EncryptionContext:provider': 'false' },
      'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenantId', 'provider'] },
    };
    const legacyContext = {
      Null: { 'kms:EncryptionContext:scope': 'false', 'kms:EncryptionContext:provider': 'false' },
      'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['scope', 'provider'] },
    };
    for (const name of Object.keys(functions)) {
      const fn = resourcesOf(synth.template, 'AWS::Lambda::Function')[functionIdOf(synth.template, name)]!.Properties;
      const statements = statementsOf(synth.template, refOf(fn.Role)!);
      const kms = statements.filter((st: Json) => [st.Action].flat().some((a: string) => a.startsWith('kms:')));
      const expected = [
        ...(withNeed('secrets:encrypt').includes(name)
          ? [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: key, Condition: tenantContext }]
          : []),
        ...(withNeed('secrets:decrypt').includes(name)
          ? [
              { Effect: 'Allow', Action: 'kms:Decrypt', Resource: key, Condition: tenantContext },
              { Effect: 'Allow', Action: 'kms:Decrypt', Resource: key, Condition: legacyContext },
            ]
          : []),
      ];
      expect(kms, name).toEqual(expected);
      expect(fn.Environment.Variables[optionalEnv.secretsKeyId], name).toEqual(expected.length ? key : undefined);
    }
    // The key policy is the account default (it delegates to IAM); it names no function role itself.
    expect(JSON.stringify(keys()[keyId!]!.Properties.KeyPolicy)).not.toMatch(/Functions/);
  });
});

describe('analysis', () => {
  const lambda = (name: string) =>
    resourcesOf(synth.template, 'AWS::Lambda::Function')[functionIdOf(synth.template, name)]!.Properties;
  const statementsFor = (name: string) => statementsOf(synth.template, refOf(lambda(name).Role)!);
  const granted = (action: string) =>
    Object.keys(functions)
      .filter((name) => targetsOf(statementsFor(name), action).length > 0)
      .sort();
  const machineId = () => Object.keys(resourcesOf(synth.template, 'AWS::StepFunctions::StateMachine'))[0]!;
  const queueId = (id = 'analysis-bulk') =>
    Object.entries(resourcesOf(synth.template, 'AWS::SQS::Queue')).find(
      ([, q]) => tagOf(q, MANIFEST_TAGS.queue) === id,
    )![0];

  it('sizes the workflow steps, the bulk consumer and prompt test runs from the manifest', () => {
    expect(lambda('analysisSteps')).toMatchObject({ MemorySize: 512, Timeout: 150 });
    expect(lambda('analysisBulk')).toMatchObject({ MemorySize: 512, Timeout: 360 });
    // Under API Gateway's 30 s: a test run holds itself to 26 s.
    expect(lambda('prompts')).toMatchObject({ MemorySize: 1024, Timeout: 29 });
  });

  it('lets only the analysis function start the workflow (and nothing more of Step Functions), given its ARN', () => {
    expect(granted('states:StartExecution')).toEqual(['analysis']);
    expect(granted('states:DescribeExecution')).toEqual([]);
    const statements = statementsFor('analysis');
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'states:StartExecution',
      Resource: { Ref: machineId() },
    });
    for (const name of Object.keys(functions)) {
      expect(lambda(name).Environment.Variables[workflowArnEnv('analysis')], name).toEqual(
        name === 'analysis' ? { Ref: machineId() } : undefined,
      );
    }
  });

  it('lets the analysis function send only to the fan-out queue, the fan-out, drain and bulk consumer (deferring a message past a tenant limit) to the analysis queues, and the company functions to the purge queue', () => {
    expect(granted('sqs:SendMessage')).toEqual([
      'analysis',
      'analysisBulk',
      'analysisFanout',
      'companies',
      'companyBulk',
      'companyPurge',
      'exports',
      'imports',
      'outboxDrain',
      'purgeSweep',
      'quotePublic',
      'quotes',
    ]);
    expect(targetsOf(statementsFor('analysis'), 'sqs:SendMessage')).toEqual([queueId('batch-fanout')]);
    expect(targetsOf(statementsFor('analysisBulk'), 'sqs:SendMessage')).toEqual([queueId()]);
    const both = [queueId(), queueId('batch-fanout')].sort();
    for (const fn of ['analysisFanout', 'outboxDrain'])
      expect(targetsOf(statementsFor(fn), 'sqs:SendMessage'), fn).toEqual(both);
    for (const name of ['companies', 'companyPurge', 'purgeSweep']) {
      expect(targetsOf(statementsFor(name), 'sqs:SendMessage'), name).toEqual([queueId('company-purge')]);
    }
    for (const name of Object.keys(functions)) {
      expect(lambda(name).Environment.Variables[queueUrlEnv('analysis-bulk')], name).toEqual(
        ['analysisBulk', 'analysisFanout', 'outboxDrain'].includes(name) ? { Ref: queueId() } : undefined,
      );
      expect(lambda(name).Environment.Variables[queueUrlEnv('company-purge')], name).toEqual(
        ['companies', 'companyBulk', 'companyPurge', 'purgeSweep'].includes(name)
          ? { Ref: queueId('company-purge') }
          : undefined,
      );
    }
  });

  it('feeds the bulk queue to analysisBulk with partial-batch failures, redriving to a DLQ after maxReceiveCount', () => {
    const [def] = queues;
    const all = resourcesOf(synth.template, 'AWS::SQS::Queue');
    const queue = all[queueId()]!.Properties;
    expect(queue.RedrivePolicy.maxReceiveCount).toBe(def.maxReceiveCount);
    expect(queue.VisibilityTimeout).toBe(6 * functions.analysisBulk.timeoutSeconds);
    const dlq = all[refOf(queue.RedrivePolicy.deadLetterTargetArn)!]!;
    expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
      FunctionName: { Ref: functionIdOf(synth.template, 'analysisBulk') },
      BatchSize: def.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('runs the workflow with the analysisSteps function substituted into every task, and may invoke only it', () => {
    const machines = resourcesOf(synth.template, 'AWS::StepFunctions::StateMachine');
    expect(Object.keys(machines)).toHaveLength(1);
    const machine = machines[machineId()]!.Properties;
    const steps = functionIdOf(synth.template, 'analysisSteps');
    expect(machine.DefinitionSubstitutions).toEqual({ analysisSteps: { 'Fn::GetAtt': [steps, 'Arn'] } });
    const asl = JSON.parse(synth.files[productManifest.workflows[0]!.definition]!) as {
      States: Record<string, { Type: string; Resource?: string }>;
    };
    const tasks = Object.values(asl.States).filter((st) => st.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) expect(task.Resource).toBe('${analysisSteps}');
    const invoked = targetsOf(statementsOf(synth.template, refOf(machine.RoleArn)!), 'lambda:InvokeFunction');
    expect(invoked).toEqual([steps]);
  });
});

describe('provider endpoints', () => {
  const names = [optionalEnv.openaiBaseUrl, optionalEnv.companiesHouseBaseUrl];
  const variablesOf = (s: Synth) =>
    Object.values(resourcesOf(s.template, 'AWS::Lambda::Function'))
      .filter((f) => tagOf(f, MANIFEST_TAGS.function))
      .map((f) => f.Properties.Environment.Variables as Record<string, unknown>);

  it('are not passed when unset', () => {
    for (const variables of variablesOf(synth)) for (const name of names) expect(variables[name]).toBeUndefined();
  });

  it('reach every function when set (context openaiBaseUrl / companiesHouseBaseUrl)', () => {
    const configured = synthQuoteflow({
      ...product,
      props: { openaiBaseUrl: 'https://ai-gateway.example.com/v1', companiesHouseBaseUrl: 'https://ch.example.com' },
    });
    try {
      const all = variablesOf(configured);
      expect(all).toHaveLength(Object.keys(functions).length);
      for (const variables of all) {
        expect(variables).toMatchObject({
          [optionalEnv.openaiBaseUrl]: 'https://ai-gateway.example.com/v1',
          [optionalEnv.companiesHouseBaseUrl]: 'https://ch.example.com',
        });
        expect(variables[optionalEnv.secretsKeyFile]).toBeUndefined();
      }
    } finally {
      configured.dispose();
    }
  });
});

describe('per-tenant limits', () => {
  it('are the ones written in functions/shared/limits.ts: no function is given QUOTEFLOW_LIMITS', () => {
    const fns = Object.values(resourcesOf(synth.template, 'AWS::Lambda::Function'));
    expect(fns.length).toBeGreaterThan(0);
    for (const fn of fns) expect(fn.Properties.Environment?.Variables?.QUOTEFLOW_LIMITS).toBeUndefined();
  });
});

describe('wiring guards', () => {
  it('refuses a function that starts the workflow it is a task of (a CloudFormation cycle)', () => {
    const looped = {
      ...productManifest,
      functions: {
        ...productManifest.functions,
        analysisSteps: {
          ...productManifest.functions.analysisSteps!,
          needs: ['table:read', 'workflow:start:analysis'] as const,
        },
      },
    };
    expect(() => synthQuoteflow({ name: 'looped', manifest: looped })).toThrow(
      /analysisSteps.*task of workflow "analysis".*cycle/,
    );
  });

  it('refuses a need on a queue or workflow the manifest does not declare', () => {
    const dangling = { ...productManifest, queues: [] };
    expect(() => synthQuoteflow({ name: 'dangling', manifest: dangling })).toThrow(
      /needs "queue:send:([a-z-]+)".*no "\1"/,
    );
  });
});
