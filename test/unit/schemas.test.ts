import { describe, expect, it } from 'vitest';
import { createCompanySchema, updateCompanySchema } from '../../functions/companies/schema.js';
import { createContactSchema } from '../../functions/contacts/schema.js';
import { createPromptSchema } from '../../functions/prompts/schema.js';
import { createTenantSchema } from '../../functions/tenants/schema.js';
import { ValidationError } from '../../functions/shared/errors.js';
import { optionalText, parseRequestPart, text } from '../../functions/shared/validation.js';
import { updateMeSchema } from '../../functions/users/schema.js';

const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors ?? [];
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('company input', () => {
  it('defaults the stage to lead and trims names', () => {
    expect(parseRequestPart(createCompanySchema, { name: '  Acme  ' }, 'body')).toMatchObject({
      name: 'Acme',
      stage: 'lead',
      tags: [],
    });
  });

  it('names every bad field, unknown fields one by one', () => {
    expect(
      errorsOf(() => parseRequestPart(createCompanySchema, { name: '', domain: 'not a domain', x: 1, y: 2 }, 'body')),
    ).toEqual([
      { path: 'name', message: 'Required' },
      { path: 'domain', message: 'Enter a domain like example.com' },
      { path: 'x', message: 'Unknown field' },
      { path: 'y', message: 'Unknown field' },
    ]);
  });

  it('checks nested address fields and score ranges', () => {
    const errors = errorsOf(() =>
      parseRequestPart(
        createCompanySchema,
        { name: 'A', addresses: [{ country: 'United Kingdom' }], leadScore: 101 },
        'body',
      ),
    );
    expect(errors.map((e) => e.path)).toEqual(['addresses.0.country', 'leadScore']);
  });

  it('lets a patch clear an optional field with null but not a required one', () => {
    expect(parseRequestPart(updateCompanySchema, { industry: null }, 'body')).toEqual({ industry: null });
    expect(errorsOf(() => parseRequestPart(updateCompanySchema, { name: null }, 'body')).map((e) => e.path)).toEqual([
      'name',
    ]);
  });

  it('reports a missing body as a validation error, not a crash', () => {
    expect(errorsOf(() => parseRequestPart(createCompanySchema, undefined, 'body'))).toEqual([
      { path: '', message: expect.any(String) },
    ]);
  });
});

describe('contact input', () => {
  it('makes the first email and phone primary when none is marked, lower-casing addresses', () => {
    const contact = parseRequestPart(
      createContactSchema,
      {
        firstName: 'A',
        lastName: 'B',
        emails: [{ address: 'A@X.example' }, { address: 'b@x.example', type: 'personal' }],
        phones: [{ number: '+44 20 7946 0000' }],
      },
      'body',
    );
    expect(contact.emails).toEqual([
      { address: 'a@x.example', type: 'work', primary: true },
      { address: 'b@x.example', type: 'personal', primary: false },
    ]);
    expect(contact.phones[0]!.primary).toBe(true);
    expect(contact.role).toBe('other');
  });

  it('refuses two primaries, duplicates and malformed numbers', () => {
    expect(
      errorsOf(() =>
        parseRequestPart(
          createContactSchema,
          {
            firstName: 'A',
            lastName: 'B',
            emails: [{ address: 'not-an-email' }],
            phones: [{ number: 'call me' }, { number: '0113 496 0000' }],
          },
          'body',
        ),
      ).map((e) => e.path),
    ).toEqual(['emails.0.address', 'phones.0.number']);
    expect(
      errorsOf(() =>
        parseRequestPart(
          createContactSchema,
          {
            firstName: 'A',
            lastName: 'B',
            phones: [
              { number: '0113 496 0000', primary: true },
              { number: '0113-496-0000', primary: true },
            ],
          },
          'body',
        ),
      ),
    ).toEqual([
      { path: 'phones', message: 'Only one phone can be primary' },
      { path: 'phones.1', message: 'Duplicate phone' },
    ]);
  });
});

describe('tenant input', () => {
  it('accepts a good slug and rejects bad ones', () => {
    const valid = { name: 'N', slug: 'northwind-it', owner: { email: 'o@n.example', name: 'O' } };
    expect(parseRequestPart(createTenantSchema, valid, 'body').plan).toBe('starter');
    for (const slug of ['-bad', 'a', 'has space', 'x'.repeat(41)]) {
      expect(
        errorsOf(() => parseRequestPart(createTenantSchema, { ...valid, slug }, 'body')).map((e) => e.path),
      ).toEqual(['slug']);
    }
  });
});

describe('prompt input', () => {
  const prompt = { category: 'email_copy', name: 'P', systemTemplate: 'S', userTemplate: 'U', model: 'gpt-4.1-mini' };

  it('refuses a temperature DynamoDB cannot store (found by the fuzz test as a failed write)', () => {
    expect(createPromptSchema.safeParse({ ...prompt, temperature: 5e-324 }).success).toBe(false);
    expect(createPromptSchema.safeParse({ ...prompt, temperature: 0 }).success).toBe(true);
    expect(createPromptSchema.safeParse({ ...prompt, temperature: 0.7 }).success).toBe(true);
  });
});

describe('text input', () => {
  const refused = [
    'Ada\u0000',
    'Ada\u0007',
    'Ada\u007F',
    'Ada\u0085',
    'Ada\uD800',
    'Ada\uDC00x',
    'Ada\uFFFE',
    'Ada\uFFFF',
    'Ada\uFDD0',
    'Ada\u{1FFFF}',
  ];

  it('refuses controls, lone surrogates and noncharacters with a 400 naming the field', () => {
    for (const name of refused) {
      expect(text(100).safeParse(name).success, JSON.stringify(name)).toBe(false);
      expect(optionalText(100).safeParse(name).success, JSON.stringify(name)).toBe(false);
      expect(errorsOf(() => parseRequestPart(createCompanySchema, { name }, 'body'))).toEqual([
        { path: 'name', message: 'Contains characters that are not allowed' },
      ]);
    }
  });

  it('refuses such a name on PATCH /v1/me, naming the field', () => {
    expect(errorsOf(() => parseRequestPart(updateMeSchema, { name: 'Ada\uFFFE' }, 'body'))).toEqual([
      { path: 'name', message: 'Contains characters that are not allowed' },
    ]);
  });

  it('keeps emoji, characters above U+FFFF, accents and line breaks (the fuzzed name that broke the queue is valid text)', () => {
    for (const value of ['ㄢ𑥕㋌𞟸⧧𛀢𓊬ϑ', 'Zoë 🚀', '👩🏽‍💻', '\uE000 private use', 'line one\nline two\r\n\tindented']) {
      expect(text(100).parse(value)).toBe(value.trim());
      expect(optionalText(100).parse(value)).toBe(value.trim());
    }
  });
});
