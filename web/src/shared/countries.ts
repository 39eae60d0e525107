import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import type { Option } from './ui';

// English only: the browser build registers no locale itself, and one is all the app shows.
countries.registerLocale(en);

/** ISO 3166-1 alpha-2 codes with their English names, A→Z by name, for a country picker. */
export const COUNTRY_OPTIONS: Option[] = Object.entries(countries.getNames('en', { select: 'official' }))
  .map(([code, name]) => ({ value: code, label: name }))
  .sort((a, b) => a.label.localeCompare(b.label, 'en'));

/** A country's English name from its code; the code itself when unknown. */
export const countryName = (code: string): string => countries.getName(code, 'en') ?? code;
