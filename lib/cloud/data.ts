import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  type BucketProps,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { MANIFEST_TAGS, type CloudManifest } from './cloud-manifest';

/** Settings every bucket in the stack shares: private, TLS 1.2+ only, encrypted, access-logged under `logs.prefix`. */
export const privateBucketProps = (logs?: { bucket: Bucket; prefix: string }): BucketProps => ({
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  encryption: BucketEncryption.S3_MANAGED,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  serverAccessLogsBucket: logs?.bucket,
  serverAccessLogsPrefix: logs && `${logs.prefix}/`,
});

/** The single table, the documents bucket(s) and the bucket all access logs go to. */
export class Data extends Construct {
  readonly table: Table;
  readonly buckets: Record<string, Bucket>;
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string, props: { manifest: CloudManifest }) {
    super(scope, id);
    const { table, buckets } = props.manifest;

    this.table = new Table(this, table.id, {
      partitionKey: { name: table.partitionKey, type: AttributeType.STRING },
      sortKey: { name: table.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: table.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of table.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // CloudFront standard logging writes with ACLs, so this bucket (only) keeps them enabled.
    this.logBucket = new Bucket(this, 'AccessLogs', {
      ...privateBucketProps(),
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.buckets = Object.fromEntries(
      buckets.map((b) => {
        const bucket = new Bucket(this, b.id, {
          ...privateBucketProps({ bucket: this.logBucket, prefix: `s3/${b.id.toLowerCase()}` }),
          versioned: true,
          // The SPA PUTs a CSV to import straight to a presigned URL; the signature is the
          // authorisation, so any origin may send it (CloudFront's domain is not known here).
          cors: [
            {
              allowedMethods: [HttpMethods.PUT],
              allowedOrigins: ['*'],
              allowedHeaders: ['content-type'],
              maxAge: 3000,
            },
          ],
          lifecycleRules: [
            { noncurrentVersionExpiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(7) },
          ],
          removalPolicy: RemovalPolicy.RETAIN,
        });
        Tags.of(bucket).add(MANIFEST_TAGS.bucket, b.id);
        return [b.id, bucket];
      }),
    );
  }
}
