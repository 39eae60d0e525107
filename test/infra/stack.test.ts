import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_KEYS, pools, table } from '../../lib/manifest';
import { MANIFEST_TAGS } from '../../lib/cloud/cloud-manifest';
import { refOf, resourcesOf, synthQuoteflow, tagOf, type Synth } from './harness';

let synth: Synth;
beforeAll(() => {
  synth = synthQuoteflow();
}, 60_000);
afterAll(() => synth?.dispose());

const retained = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };

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
          [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])].map((name) => ({
            AttributeName: name,
            AttributeType: 'S',
          })),
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
    expect(userPools().map((p) => p.Properties.UserPoolName).sort()).toEqual([pools.admin.name, pools.tenant.name].sort());
    for (const pool of userPools()) {
      expect(pool).toMatchObject({
        ...retained,
        Properties: {
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          UsernameAttributes: ['email'],
          Policies: {
            PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
          },
          UserPoolTier: 'PLUS',
          UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
          DeletionProtection: 'ACTIVE',
        },
      });
    }
    const tenant = userPools().find((p) => p.Properties.UserPoolName === pools.tenant.name)!;
    for (const name of pools.tenant.customAttributes) {
      expect(tenant.Properties.Schema).toContainEqual(expect.objectContaining({ Name: name, AttributeDataType: 'String', Mutable: true }));
    }
  });

  it('gives each pool a public client: password + SRP auth, no secret, 1 h id token, 30 d refresh, no user-existence leaks', () => {
    const clients = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'));
    expect(clients.map((c) => c.Properties.ClientName).sort()).toEqual([pools.admin.clientName, pools.tenant.clientName].sort());
    for (const client of clients) {
      expect(client.Properties).toMatchObject({
        GenerateSecret: false,
        ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
        IdTokenValidity: 60,
        RefreshTokenValidity: 30 * 24 * 60,
        TokenValidityUnits: { IdToken: 'minutes', RefreshToken: 'minutes' },
        PreventUserExistenceErrors: 'ENABLED',
      });
      expect(client.Properties.WriteAttributes.filter((a: string) => a.startsWith('custom:')), 'clients cannot rewrite custom attributes').toEqual([]);
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
          Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: expect.any(String) }]] },
        },
      });
    }
  });

  it('runs every manifest function on Node 22 ARM64 with its own log group', () => {
    const fns = Object.values(resourcesOf(synth.template, 'AWS::Lambda::Function')).filter((f) => tagOf(f, MANIFEST_TAGS.function));
    expect(fns.length).toBeGreaterThan(0);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        Environment: { Variables: expect.objectContaining({ POWERTOOLS_SERVICE_NAME: 'quoteflow', NODE_OPTIONS: '--enable-source-maps' }) },
      });
      const logGroup = synth.template.toJSON().Resources[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('allows CORS from both sites only, with the API.md headers, exposing ETag', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [
          { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebAppDistribution'), 'DomainName'] }]] },
          { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebAdminDistribution'), 'DomainName'] }]] },
        ],
        AllowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'],
        ExposeHeaders: Match.arrayWith(['ETag']),
      },
    });
  });

  it('logs access as JSON and throttles the default stage', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
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
        [403, 404].map((code) => expect.objectContaining({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html' })),
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
          ContentSecurityPolicy: {
            ContentSecurityPolicy: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp("connect-src 'self' https://\\*\\.execute-api\\.")])] },
            Override: true,
          },
        },
      },
    });
  });

  it('deploys config.json with the tenant pool to the app and the admin pool to the console', () => {
    const deployments = Object.values(resourcesOf(synth.template, 'Custom::CDKBucketDeployment'));
    const markersFor = (site: 'App' | 'Admin') => {
      const shell = deployments.find((d) => refOf(d.Properties.DestinationBucket ?? d.Properties.DestinationBucketName)?.startsWith(`Web${site}Bucket`));
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
  it('exports exactly manifest.OUTPUT_KEYS', () => {
    expect(Object.keys(synth.template.toJSON().Outputs).sort()).toEqual([...OUTPUT_KEYS].sort());
  });
});
