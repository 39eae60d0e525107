import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The encryption context every stored secret carries (functions/settings/keys.ts keyContext):
 * `tenantId` is a tenant id or `platform`. KMS refuses a call whose context lacks it or adds keys.
 */
export const SECRETS_CONTEXT_CONDITIONS = {
  Null: { 'kms:EncryptionContext:tenantId': 'false', 'kms:EncryptionContext:provider': 'false' },
  'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenantId', 'provider'] },
};

/**
 * Keys stored before the context named the tenant were sealed with `{scope, provider}`: decrypt
 * only, and only in that exact shape. Remove once every stored key has been saved again.
 */
export const LEGACY_CONTEXT_CONDITIONS = {
  Null: { 'kms:EncryptionContext:scope': 'false', 'kms:EncryptionContext:provider': 'false' },
  'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['scope', 'provider'] },
};

/**
 * The customer-managed key that seals stored provider API keys. Storing and using are separate
 * grants (`secrets:encrypt` for the functions that save keys, `secrets:decrypt` for those that call
 * providers with them), both conditioned on the encryption context. Retained: deleting it would
 * make every stored key unreadable.
 */
export class Secrets extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { named: (base: string) => string }) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: `alias/${props.named('quoteflow-secrets')}`,
      description: 'Quoteflow: encrypts stored AI and data-provider API keys (app-level, with an encryption context)',
      keySpec: KeySpec.SYMMETRIC_DEFAULT,
      keyUsage: KeyUsage.ENCRYPT_DECRYPT,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Lets `grantee` seal secrets with this key (kms:Encrypt), with a tenant and provider in the context. */
  grantEncrypt(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Encrypt'],
        resources: [this.key.keyArn],
        conditions: SECRETS_CONTEXT_CONDITIONS,
      }),
    );
  }

  /** Lets `grantee` open secrets (kms:Decrypt): the tenant context, or the legacy one for keys stored before it. */
  grantDecrypt(grantee: IGrantable): void {
    for (const conditions of [SECRETS_CONTEXT_CONDITIONS, LEGACY_CONTEXT_CONDITIONS]) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['kms:Decrypt'], resources: [this.key.keyArn], conditions }),
      );
    }
  }
}
