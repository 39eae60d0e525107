/**
 * Search normalisation: the same function folds stored text and typed queries, so "zaklad"
 * matches "Zakład" and "STRASSE" matches "Straße". NFKD splits accented letters into base +
 * combining mark (dropped); the table covers letters NFKD leaves whole.
 */
const TRANSLITERATE: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŀ: 'l',
};

/** Lower-cased, accent-free, transliterated text. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łøßæœđðþıħŀ]/g, (c) => TRANSLITERATE[c] ?? c);
}

/** The words of a text: folded, split on anything that is not a letter or digit. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Second-level labels under a country code that name no one: the "co" of co.uk, the "com" of com.pl. */
const GENERIC_SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ltd', 'plc', 'nhs', 'sch']);

/**
 * A domain whole and by the words of its name, without its public suffix:
 * brightwater-logistics.co.uk → itself, brightwater, logistics. A "com" or "uk" token would be
 * shared by most of a tenant's records, finding nothing in particular and costing a write each.
 */
export function domainTokens(domain: string): string[] {
  const whole = fold(domain.trim())
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/.*$/, '');
  if (!whole) return [];
  const labels = whole.split('.');
  if (labels.length > 1) labels.pop();
  if (labels.length > 1 && GENERIC_SECOND_LEVEL.has(labels.at(-1)!)) labels.pop();
  return [...new Set([whole, ...words(labels.join('.'))])];
}

/** An email whole, its local part's words and its domain: jan.kowalski@x.pl → …, jan, kowalski, x.pl. */
export function emailTokens(email: string): string[] {
  const whole = fold(email.trim());
  const at = whole.lastIndexOf('@');
  if (at < 0) return words(whole);
  return [whole, ...words(whole.slice(0, at)), ...domainTokens(whole.slice(at + 1))];
}

/** A company number as one token, spaces and punctuation dropped: "SC 123-456" → sc123456. */
export const companyNumberToken = (n: string): string => fold(n).replace(/[^\p{L}\p{N}]+/gu, '');

/** A phone number by its digits, and without a country prefix (+44 20 7946 → 44207946, 207946). */
export function phoneTokens(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  if (!digits) return [];
  const out = [digits];
  const trimmed = phone.trim();
  if (trimmed.startsWith('+') || trimmed.startsWith('00')) {
    const rest = trimmed.startsWith('00') ? digits.slice(2) : digits;
    // Country codes are 1–3 digits; index the number after each plausible prefix length.
    for (const n of [1, 2, 3]) if (rest.length > n + 4) out.push(rest.slice(n));
  }
  if (digits.startsWith('0')) out.push(digits.slice(1));
  return out;
}

/** A typed domain or email ("firma.pl", "jan@firma.p"): matched whole, as stored, not by its labels. */
const WHOLE_TERM = /^(?:[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]*|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}\p{N}]{2,})$/u;

/**
 * The words of a query: each must prefix a token of a record for the record to match. A domain
 * or email is one word (its public suffix has no token of its own: domainTokens); so is a URL,
 * reduced to its host.
 */
export function queryWords(q: string): string[] {
  const out = fold(q)
    .split(/\s+/)
    .flatMap((term) => {
      const host = term
        .replace(/^https?:\/\//, '')
        .replace(/^www\./, '')
        .replace(/[/?#].*$/, '');
      return WHOLE_TERM.test(host) ? [host] : words(term);
    });
  return [...new Set(out)];
}
