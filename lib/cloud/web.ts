import { DefaultStackSynthesizer, Duration, Lazy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cognitoEndpointOf } from './auth';
import { privateBucketProps } from './data';

/** `config.json` each SPA fetches at start-up, so one build serves every stage. */
export interface WebConfig {
  readonly apiUrl: string;
  readonly region: string;
  readonly cognitoEndpoint: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
}

/** Shown when `vite build` has not produced the SPA yet, so synth never depends on a web build. */
const PLACEHOLDER_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quoteflow</title></head>' +
  '<body><p>Quoteflow is deploying. Run <code>npm run build:web</code> and deploy again to publish the app.</p></body></html>';

/** Content-hashed build output may be cached for a year; index.html and config.json must be revalidated. */
const IMMUTABLE = [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()];
const REVALIDATE = [CacheControl.noCache()];
const SHELL = ['index.html', 'config.json'];
/** Further pages a build may have (the app's public quote page): published with the shell, revalidated. */
const PAGES = ['quote.html'];
/**
 * Source maps stay with the build (web/vite.config.ts makes them hidden: no sourceMappingURL) for
 * decoding a reported stack trace; publishing them would hand anyone the readable source.
 */
const NOT_PUBLISHED = ['*.map', '**/*.map'];

/** A private bucket behind its own CloudFront distribution (Origin Access Control, SPA fallback). */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<id>.cloudfront.net` — the origin CORS allows and the URL the stack outputs. */
  readonly url: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: {
      logBucket: Bucket;
      logPrefix: string;
      headers: ResponseHeadersPolicy;
      deployer: Deployer;
    },
  ) {
    super(scope, id);
    this.bucket = new Bucket(
      this,
      'Bucket',
      privateBucketProps({ bucket: props.logBucket, prefix: `s3/${props.logPrefix}` }),
    );
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Quoteflow ${props.logPrefix}`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: props.headers,
        compress: true,
      },
      // Client-side routes (/companies/123) are not objects: S3 answers 403 through OAC, 404 if listable.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: `cloudfront/${props.logPrefix}/`,
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    const acknowledge = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-CFR1',
      'Tenants and their customers are not confined to a region list; there is no geography to restrict to.',
    );
    acknowledge(
      'AwsSolutions-CFR2',
      'Static SPA files from a private bucket (OAC, GET/HEAD only); the API behind it authenticates and throttles every call. A WAF web ACL (us-east-1, per-request cost) is added when abuse warrants it.',
    );
    acknowledge(
      'AwsSolutions-CFR4',
      'No custom domain yet, so the distribution uses the *.cloudfront.net certificate whose policy CloudFront fixes at TLSv1; a custom domain with an ACM certificate (TLSv1.2_2021) lifts this.',
    );
  }

  /** Publishes the `vite build` output in `dir` (or a placeholder page) plus `config.json`. */
  deploy(dir: string, config: WebConfig): void {
    const built = existsSync(join(dir, 'index.html'));
    const target = { destinationBucket: this.bucket, ...this.props.deployer.options };
    const shell: ISource[] = [
      Source.data('index.html', built ? readFileSync(join(dir, 'index.html'), 'utf8') : PLACEHOLDER_HTML),
      Source.jsonData('config.json', config),
      ...PAGES.filter((page) => built && existsSync(join(dir, page))).map((page) =>
        Source.data(page, readFileSync(join(dir, page), 'utf8')),
      ),
    ];
    const assets =
      built &&
      new BucketDeployment(this, 'Assets', {
        ...target,
        sources: [Source.asset(dir, { exclude: [...SHELL, ...PAGES, ...NOT_PUBLISHED] })],
        // Pruning skips excluded keys, so the shell deployed below survives; maps a past deploy
        // published are not excluded here, so they are pruned.
        exclude: [...SHELL, ...PAGES],
        cacheControl: IMMUTABLE,
      });
    const shellDeployment = new BucketDeployment(this, 'Shell', {
      ...target,
      sources: shell,
      prune: false,
      cacheControl: REVALIDATE,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    // index.html must not point at assets that are not uploaded yet.
    if (assets) shellDeployment.node.addDependency(assets);
    this.props.deployer.deploysTo(this.bucket);
  }
}

/** The role and log group CDK's singleton BucketDeployment handler runs with, and the findings its grants raise. */
class Deployer extends Construct {
  readonly options: { role: Role; logGroup: LogGroup; memoryLimit: number };
  private readonly acknowledged = new Set<IConstruct>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'CDK BucketDeployment handler: copies the SPA builds into the web buckets',
    });
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    logGroup.grantWrite(role);
    this.options = { role, logGroup, memoryLimit: 512 };

    const grantedBy =
      'CDK BucketDeployment grants these itself (grantRead on its source assets, grantReadWrite on the destination bucket)';
    for (const action of ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*']) {
      this.acknowledge(
        `Action::${action}`,
        `${grantedBy}; every such statement is confined to the asset bucket or a web bucket.`,
      );
    }
    this.acknowledge(
      `Resource::arn:<AWS::Partition>:s3:::${bootstrapAssetsBucket(this)}/*`,
      `${grantedBy}: read access to the CDK bootstrap asset bucket, where the SPA build and config.json are staged.`,
    );
    this.acknowledge(
      'Resource::*',
      'CDK BucketDeployment grants cloudfront:CreateInvalidation/GetInvalidation on * (not configurable); the handler only invalidates the distribution each deployment names.',
    );
  }

  /** Records the grants deploying into `bucket` raises: object access to that one web bucket. */
  deploysTo(bucket: Bucket): void {
    const logicalId = Stack.of(this).getLogicalId(bucket.node.defaultChild as CfnElement);
    this.acknowledge(
      `Resource::<${logicalId}.Arn>/*`,
      'The deployment writes and prunes the SPA build in this web bucket.',
    );
    const handlers = Stack.of(this).node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const handler of handlers.filter((h) => !this.acknowledged.has(h))) {
      this.acknowledged.add(handler);
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason: "CDK's own BucketDeployment handler; aws-cdk-lib chooses its runtime and moves it forward on upgrade.",
      });
    }
  }

  private acknowledge(finding: string, reason: string): void {
    Validations.of(this.options.role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

/** The bootstrap file-asset bucket as cdk-nag prints it for an environment-agnostic stack. */
const bootstrapAssetsBucket = (scope: Construct): string => {
  const synthesizer = Stack.of(scope).synthesizer;
  const qualifier =
    (synthesizer instanceof DefaultStackSynthesizer && synthesizer.bootstrapQualifier) ||
    DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace('${Qualifier}', qualifier).replace(
    /\$\{([^}]+)\}/g,
    '<$1>',
  );
};

/** Security headers for both SPAs; `connect-src` admits only this stack's API and Cognito. */
export const contentSecurityPolicy = (scope: Construct, apiUrl: string): string => {
  const connect = ["'self'", apiUrl, cognitoEndpointOf(scope).replace(/\/$/, '')];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
};

/** The tenant SPA (`app`) and the admin console (`admin`), each on its own distribution. */
export class Web extends Construct {
  readonly app: Site;
  readonly admin: Site;
  private apiUrl?: string;

  /** The API the SPAs call: the only API `connect-src` admits. */
  connectTo(apiUrl: string): void {
    this.apiUrl = apiUrl;
  }

  constructor(scope: Construct, id: string, props: { logBucket: Bucket }) {
    super(scope, id);
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Quoteflow SPA security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: false, override: true },
        contentSecurityPolicy: {
          // The API is built after the sites (its functions need their URLs); `connectTo` names it.
          contentSecurityPolicy: Lazy.string({
            produce: () => {
              if (!this.apiUrl) throw new Error('Web.connectTo(apiUrl) was not called: the CSP needs the API URL');
              return contentSecurityPolicy(this, this.apiUrl);
            },
          }),
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=()',
            override: true,
          },
        ],
      },
    });
    const deployer = new Deployer(this, 'Deployer');
    this.app = new Site(this, 'App', { logBucket: props.logBucket, logPrefix: 'app', headers, deployer });
    this.admin = new Site(this, 'Admin', { logBucket: props.logBucket, logPrefix: 'admin', headers, deployer });
  }
}
