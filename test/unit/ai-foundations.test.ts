import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costMicros } from '../../functions/ai/pricing.js';
import { isKnownModel } from '../../functions/shared/enums.js';
import { secondsUntilNextMonth } from '../../functions/ai/usage.js';
import { reasonFor } from '../../functions/analysis/run-state.js';
import { checkVariables } from '../../functions/prompts/service.js';
import { renderTemplate, variablesIn } from '../../functions/prompts/render.js';
import { fileSecretBox } from '../../functions/shared/secrets.js';

describe('prompt templates', () => {
  it('finds variables, tolerating spaces, and renders unknown values as "(not known)"', () => {
    expect(variablesIn('Hi {{ company_name }}, {{today}} and {{company_name}}')).toEqual(['company_name', 'today']);
    expect(renderTemplate('{{company_name}} / {{industry}}', { company_name: 'Acme' })).toBe('Acme / (not known)');
  });

  it('refuses undeclared variables per template, naming them and the ones available', () => {
    expect(() =>
      checkVariables('company_analysis', { systemTemplate: 'ok', userTemplate: '{{company_name}}' }),
    ).not.toThrow();
    try {
      checkVariables('company_analysis', { systemTemplate: '{{requirements}}', userTemplate: '{{nope}} {{nada}}' });
      expect.unreachable();
    } catch (error) {
      const errors = (error as { errors: { path: string; message: string }[] }).errors;
      expect(errors.map((e) => e.path)).toEqual(['systemTemplate', 'userTemplate']);
      expect(errors[1]!.message).toMatch(/\{\{nope\}\}, \{\{nada\}\}; available: company_name/);
    }
    // quote_draft declares requirements, company_analysis does not
    expect(() =>
      checkVariables('quote_draft', { systemTemplate: '{{requirements}}', userTemplate: 'x' }),
    ).not.toThrow();
  });
});

describe('cost and budget arithmetic', () => {
  it('prices tokens per model in micro-dollars, dated snapshots like their model, unknown ones at the dearest rate', () => {
    expect(costMicros('gpt-4.1-mini', { inputTokens: 1000, outputTokens: 500 })).toBe(400 + 800);
    expect(costMicros('gpt-4.1-mini-2025-04-14', { inputTokens: 1000, outputTokens: 0 })).toBe(400);
    expect(costMicros('gpt-5-pro', { inputTokens: 1000, outputTokens: 1000 })).toBe(2500 + 10_000); // gpt-4o's rates, the dearest known
    expect(isKnownModel('gpt-5-pro')).toBe(false);
    expect(isKnownModel('gpt-4.1-2025-04-14')).toBe(true);
  });

  it('counts the seconds to the next UTC month for Retry-After', () => {
    expect(secondsUntilNextMonth('2026-11-30T23:59:00.000Z')).toBe(60);
    expect(secondsUntilNextMonth('2026-12-31T23:00:00.000Z')).toBe(3600);
  });
});

describe('failure reasons', () => {
  it('turns error names into sentences a user can act on, never internals', () => {
    expect(reasonFor('AiUnavailableError', 'HTTP 503').reason).toMatch(/Try again in a few minutes/);
    expect(reasonFor('AiRejectedError', 'Incorrect API key').reason).toMatch(/Check the API key/);
    const unknown = reasonFor('TypeError', "Cannot read properties of undefined (reading 'x')");
    expect(unknown.code).toBe('internal');
    expect(unknown.reason).not.toMatch(/undefined|TypeError/);
  });
});

describe('file secret box (the local twin of KMS)', () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'qf-secrets-')), 'secrets.key');
  writeFileSync(keyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`);
  const box = fileSecretBox(keyFile);

  it('round-trips a secret and never stores it in the clear', async () => {
    const sealed = await box.seal('sk-live-1234567890abcd', { scope: 'tenant-a', provider: 'openai' });
    expect(sealed).not.toContain('1234567890');
    expect(await box.open(sealed, { scope: 'tenant-a', provider: 'openai' })).toBe('sk-live-1234567890abcd');
  });

  it("refuses to open a secret under another tenant's context", async () => {
    const sealed = await box.seal('sk-live-abc', { scope: 'tenant-a', provider: 'openai' });
    await expect(box.open(sealed, { scope: 'tenant-b', provider: 'openai' })).rejects.toThrow();
  });
});
