import { describe, expect, it } from 'vitest';
import { ERASED_MENTION as X, mentionScrubber, scrubDeep } from '../../functions/contacts/scrub.js';

const scrub = mentionScrubber({
  fullName: 'Zofia Łuk',
  emails: ['zofia@łuk.example'],
  phones: ['+48 12 345 67 89'],
});

describe('scrubbing a contact out of free text', () => {
  it('replaces the full name in any case, as whole words only', () => {
    expect(scrub('Met ZOFIA  łuk and zofia Łuk.')).toBe(`Met ${X} and ${X}.`);
    expect(scrub('Zofia Łukasz and Zofia alone stay')).toBe('Zofia Łukasz and Zofia alone stay');
  });

  it('replaces each email address, not a longer one', () => {
    expect(scrub('Mail Zofia@Łuk.example.')).toBe(`Mail ${X}.`);
    expect(scrub('x.zofia@łuk.example and zofia@łuk.example.org')).toBe(
      'x.zofia@łuk.example and zofia@łuk.example.org',
    );
  });

  it('replaces the phone number however it is written, and leaves other numbers', () => {
    expect(scrub('Rang +48 12 345 67 89, then 0048-12-345-6789 and 012 345 67 89')).toBe(
      `Rang ${X}, then ${X} and ${X}`,
    );
    expect(scrub('Room 4 12 345 67 89 today')).toBe(`Room 4 ${X} today`);
    expect(scrub('Order 345 67 89 and invoice 99 12 345 67 88')).toBe('Order 345 67 89 and invoice 99 12 345 67 88');
  });

  it('is idempotent, and keeps unchanged JSON values as they were', () => {
    const once = scrub('Zofia Łuk, +48 12 345 67 89');
    expect(scrub(once)).toBe(once);
    const value = { a: ['nothing here', { n: 1 }], b: null };
    expect(scrubDeep(value, scrub)).toBe(value);
    expect(scrubDeep({ a: ['Zofia Łuk'], b: 2 }, scrub)).toEqual({ a: [X], b: 2 });
  });
});
