import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { optionalEnv } from '../../lib/manifest-runtime.js';
import { lazy } from './lazy.js';
import { traced } from './observability.js';

/**
 * Encrypts small secrets (provider API keys) for storage in the table. The context (scope and
 * name) is bound into the ciphertext, so a value copied to another tenant's row will not open.
 */
export interface SecretBox {
  seal(plaintext: string, context: Record<string, string>): Promise<string>;
  open(sealed: string, context: Record<string, string>): Promise<string>;
}

const aad = (context: Record<string, string>) =>
  Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b))));

/** AES-256-GCM with a key file: the local twin of KMS (the file lives under `.local/`). */
export function fileSecretBox(keyFile: string): SecretBox {
  const key = lazy(async () => {
    const raw = readFileSync(keyFile);
    const bytes = raw.length === 32 ? raw : Buffer.from(raw.toString('utf8').trim(), 'base64');
    if (bytes.length !== 32) throw new Error(`${keyFile} must hold a 32-byte key`);
    return bytes;
  });
  return {
    async seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await key(), iv).setAAD(aad(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `local:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    async open(sealed, context) {
      const raw = Buffer.from(sealed.replace(/^local:/, ''), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', await key(), raw.subarray(0, 12)).setAAD(aad(context));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** KMS Encrypt/Decrypt with an encryption context; the SDK loads on first use. */
export function kmsSecretBox(keyId: string): SecretBox {
  const kms = lazy(async () => {
    const { KMSClient, EncryptCommand, DecryptCommand } = await import('@aws-sdk/client-kms');
    return { client: traced(new KMSClient({})), EncryptCommand, DecryptCommand };
  });
  return {
    async seal(plaintext, context) {
      const { client, EncryptCommand } = await kms();
      const out = await client.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: context }),
      );
      return `kms:${Buffer.from(out.CiphertextBlob!).toString('base64')}`;
    },
    async open(sealed, context) {
      const { client, DecryptCommand } = await kms();
      const out = await client.send(
        new DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(sealed.replace(/^kms:/, ''), 'base64'),
          EncryptionContext: context,
        }),
      );
      return Buffer.from(out.Plaintext!).toString('utf8');
    },
  };
}

/** The box this deployment uses: KMS in the cloud, the key file locally; fails loudly when neither is configured. */
export function secretBoxFromEnv(): SecretBox {
  const keyId = process.env[optionalEnv.secretsKeyId];
  if (keyId) return kmsSecretBox(keyId);
  const keyFile = process.env[optionalEnv.secretsKeyFile];
  if (keyFile) return fileSecretBox(keyFile);
  throw new Error(`Set ${optionalEnv.secretsKeyId} (KMS) or ${optionalEnv.secretsKeyFile} (local) to store API keys`);
}
