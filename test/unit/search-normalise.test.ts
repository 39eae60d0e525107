import { describe, expect, it } from 'vitest';
import { domainTokens, emailTokens, fold, phoneTokens, queryWords, words } from '../../functions/search/normalise.js';

describe('search normaliser', () => {
  it('folds accents and letters NFKD leaves whole', () => {
    expect(fold('Zakład Łódź')).toBe('zaklad lodz');
    expect(fold('Straße Øresund Æther Đorđe Crème')).toBe('strasse oresund aether dorde creme');
  });
  it('splits words on anything but letters and digits', () => {
    expect(words('Brightwater Logistics (UK) Ltd.')).toEqual(['brightwater', 'logistics', 'uk', 'ltd']);
  });
  it('indexes domains whole and by part', () => {
    expect(domainTokens('https://www.brightwater-logistics.co.uk/about')).toEqual([
      'brightwater-logistics.co.uk',
      'brightwater',
      'logistics',
      'co',
      'uk',
    ]);
  });
  it('indexes emails whole, by local words and by domain', () => {
    expect(emailTokens('Jan.Kowalski@x.pl')).toEqual(['jan.kowalski@x.pl', 'jan', 'kowalski', 'x.pl', 'x', 'pl']);
  });
  it('indexes phones by digits, with and without the country prefix', () => {
    expect(phoneTokens('+44 20 7946 0958')).toContain('442079460958');
    expect(phoneTokens('+44 20 7946 0958')).toContain('2079460958');
    expect(phoneTokens('020 7946 0958')).toEqual(['02079460958', '2079460958']);
  });
  it('makes distinct query words', () => {
    expect(queryWords('  ZAKŁAD zaklad  Meblowy ')).toEqual(['zaklad', 'meblowy']);
  });
});
