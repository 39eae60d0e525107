import { describe, expect, it } from 'vitest';
import { slugify } from '../../web/src/admin/new-tenant-page.js';

describe('tenant slug suggested from the name', () => {
  it('transliterates letters such as Ł instead of dropping them', () => {
    expect(slugify('Café Łódź Systems')).toBe('cafe-lodz-systems');
  });
  it('keeps the readable shape of an ordinary name', () => {
    expect(slugify('Acme Dental Group Ltd.')).toBe('acme-dental-group-ltd');
  });
});
