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
  it('indexes domains whole and by the words of their name, without the public suffix', () => {
    expect(domainTokens('https://www.brightwater-logistics.co.uk/about')).toEqual([
      'brightwater-logistics.co.uk',
      'brightwater',
      'logistics',
    ]);
    expect(domainTokens('acme.com')).toEqual(['acme.com', 'acme']);
    expect(domainTokens('meble.com.pl')).toEqual(['meble.com.pl', 'meble']);
    expect(domainTokens('shop.example.de')).toEqual(['shop.example.de', 'shop', 'example']);
    expect(domainTokens('localhost')).toEqual(['localhost']);
  });
  it('indexes emails whole, by local words and by domain', () => {
    expect(emailTokens('Jan.Kowalski@x.pl')).toEqual(['jan.kowalski@x.pl', 'jan', 'kowalski', 'x.pl', 'x']);
  });
  it('indexes phones by digits, with and without the country prefix', () => {
    expect(phoneTokens('+44 20 7946 0958')).toContain('442079460958');
    expect(phoneTokens('+44 20 7946 0958')).toContain('2079460958');
    expect(phoneTokens('020 7946 0958')).toEqual(['02079460958', '2079460958']);
  });
  it('keeps a typed domain, email or URL whole, and splits a legal form', () => {
    expect(queryWords('firma.pl')).toEqual(['firma.pl']);
    expect(queryWords('Jan.Kowalski@Firma.p')).toEqual(['jan.kowalski@firma.p']);
    expect(queryWords('https://www.brightwater-logistics.co.uk/about?x=1')).toEqual(['brightwater-logistics.co.uk']);
    expect(queryWords('Meble Sp. z o.o.')).toEqual(['meble', 'sp', 'z', 'o']);
    expect(queryWords('Acme Ltd.')).toEqual(['acme', 'ltd']);
  });
  it('makes distinct query words', () => {
    expect(queryWords('  ZAKŁAD zaklad  Meblowy ')).toEqual(['zaklad', 'meblowy']);
  });
});
