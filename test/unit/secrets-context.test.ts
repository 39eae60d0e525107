import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSecretBox, kmsSecretBox } from '../../functions/shared/secrets.js';
import { keyContext, openApiKey, sealApiKey } from '../../functions/settings/keys.js';

const A = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const B = '01JBBBBBBBBBBBBBBBBBBBBBBB';

function localBox() {
  const file = join(mkdtempSync(join(tmpdir(), 'qf-secrets-')), 'key');
  writeFileSync(file, randomBytes(32));
  return fileSecretBox(file);
}

// No KMS emulator runs locally: the client is mocked to check what the box asks KMS for.
const kms = mockClient(KMSClient);
afterEach(() => kms.reset());

describe('stored API keys: the encryption context', () => {
  it('names the tenant and the provider on every KMS Encrypt and Decrypt', async () => {
    kms.on(EncryptCommand).resolves({ CiphertextBlob: Buffer.from('blob') });
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.from('sk-live-1234') });
    const box = kmsSecretBox('arn:aws:kms:eu-west-2:123456789012:key/k');
    const sealed = await sealApiKey(box, A, 'openai', 'sk-live-1234');
    expect(await openApiKey(box, A, 'openai', sealed)).toBe('sk-live-1234');
    const expected = { tenantId: A, provider: 'openai' };
    expect(kms.commandCalls(EncryptCommand)[0]!.args[0].input.EncryptionContext).toEqual(expected);
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input.EncryptionContext).toEqual(expected);
    expect(keyContext('platform', 'companiesHouse')).toEqual({ tenantId: 'platform', provider: 'companiesHouse' });
  });

  it("does not open a value copied to another tenant's row or to another provider", async () => {
    const box = localBox();
    const sealed = await sealApiKey(box, A, 'openai', 'sk-live-1234');
    expect(await openApiKey(box, A, 'openai', sealed)).toBe('sk-live-1234');
    await expect(openApiKey(box, B, 'openai', sealed)).rejects.toThrow();
    await expect(openApiKey(box, A, 'companiesHouse', sealed)).rejects.toThrow();
    await expect(openApiKey(box, 'platform', 'openai', sealed)).rejects.toThrow();
  });

  it('still opens a key stored before the tenant context, only for the row it was stored in', async () => {
    const box = localBox();
    // What storeApiKey wrote before: no version marker, context {scope, provider}.
    const legacy = await box.seal('sk-old-9876', { scope: A, provider: 'openai' });
    expect(await openApiKey(box, A, 'openai', legacy)).toBe('sk-old-9876');
    await expect(openApiKey(box, B, 'openai', legacy)).rejects.toThrow();
  });
});
