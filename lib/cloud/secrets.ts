import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Exactly the calls functions/shared/secrets.ts (kmsSecretBox) makes: direct Encrypt/Decrypt of small secrets, no data keys. */
export const SECRETS_KEY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt'] as const;

/**
 * The customer-managed key that seals stored provider API keys (the `secrets:use` need). The
 * functions encrypt with an encryption context binding each value to its scope and provider, so
 * a ciphertext copied to another row does not decrypt. Retained: deleting it would make every
 * stored key unreadable.
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

  /** Lets `grantee` encrypt and decrypt with this key only. */
  grantUse(grantee: IGrantable): void {
    this.key.grant(grantee, ...SECRETS_KEY_ACTIONS);
  }
}
