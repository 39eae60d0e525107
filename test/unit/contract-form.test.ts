import type { ResolverOptions } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { createCompanySchema } from '../../functions/companies/schema.js';
import { contractResolver, fieldByPrefix, fieldMessage } from '../../web/src/shared/form.js';

/** The company form's own representation: tags typed as one line, as the SPA holds them. */
interface Values {
  name: string;
  tags: string;
  country: string;
}
const toBody = (v: Values) => ({
  name: v.name,
  tags: v.tags.split(',').map((t) => t.trim()),
  addresses: v.country ? [{ country: v.country }] : [],
});
const fieldFor = (path: string) =>
  path.startsWith('addresses.') ? ('country' as const) : fieldByPrefix<Values>(['name', 'tags'])(path);
const resolve = contractResolver<Values, typeof createCompanySchema>(createCompanySchema, toBody, fieldFor);
const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<Values>;

describe('forms validate with the contract schema', () => {
  it('accepts what the API accepts', async () => {
    const values = { name: 'Acme', tags: 'dental, leeds', country: 'GB' };
    expect(await resolve(values, undefined, options)).toEqual({ values, errors: {} });
  });

  it("puts the API's own rules on the form's fields, through the form's representation", async () => {
    const { errors } = await resolve(
      { name: ' ', tags: 'x'.repeat(41), country: 'United Kingdom' },
      undefined,
      options,
    );
    expect(errors.name?.message).toBe('Required');
    expect(errors.tags?.message).toBe('At most 40 characters');
    expect(errors.country?.message).toBe('At most 2 characters');
  });

  it('stops the submit with a general message when no field shows a problem', async () => {
    const onlyName = contractResolver<Values, typeof createCompanySchema>(createCompanySchema, toBody, (p) =>
      p === 'name' ? 'name' : undefined,
    );
    const { errors } = await onlyName({ name: 'Acme', tags: '', country: '' }, undefined, options);
    expect(errors.root?.message).toBe('tags.0: Required');
  });

  it("keeps a schema's written message and replaces zod's generic wording with the form's own", () => {
    expect(fieldMessage({ message: 'At most 200 characters' }, 'Enter the company name')).toBe(
      'At most 200 characters',
    );
    expect(fieldMessage({ message: 'Required' }, 'Enter the company name')).toBe('Enter the company name');
    expect(fieldMessage(undefined, 'Enter the company name')).toBeUndefined();
  });
});
