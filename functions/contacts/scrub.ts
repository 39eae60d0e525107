/** What an erased contact's name, email addresses and phone numbers become inside free text. */
export const ERASED_MENTION = '[erased contact]';

/** The ways free text can name a contact. */
export interface Mentions {
  fullName: string;
  emails: string[];
  phones: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Letters and digits of any script: "Jane Doe" is not inside "Janet Doel", nor "Zofia Łuk" inside "Zofia Łukasz".
const WORD = '[\\p{L}\\p{N}]';
const MIN_PHONE_DIGITS = 6;
// A run of digit groups as people write phone numbers: "+44 (0)113 496-0000", "0113.496.0000".
const PHONE_RUN = /\+?\(?\d[\d ().\-\u00a0]*\d/g;

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * Whether two digit strings are one number, written with or without its country code or trunk
 * zero: "+44 113 496 0000" is "0113 496 0000" is "1134960000". Eight digits at least in common,
 * so a short reference number never matches a phone by chance.
 */
function samePhone(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const significant = short.replace(/^0+/, '');
  return significant.length >= 8 && long.endsWith(significant);
}

/** Replaces each phone number of the contact inside `text`, whatever its spacing and punctuation. */
function scrubPhones(text: string, phones: string[]): string {
  if (phones.length === 0) return text;
  return text.replace(PHONE_RUN, (run) => {
    // A run may hold more than the number ("room 12 0113 496 0000"): try every span of its digit groups.
    const groups = [...run.matchAll(/\d+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: m[0] }));
    let out = '';
    let copied = 0;
    for (let i = 0; i < groups.length; i++) {
      let matchEnd = -1;
      let digits = '';
      for (let j = i; j < groups.length; j++) {
        digits += groups[j]!.digits;
        if (phones.some((p) => samePhone(p, digits))) matchEnd = j;
      }
      if (matchEnd < 0) continue;
      let start = groups[i]!.start;
      while (start > copied && /[+(]/.test(run[start - 1]!)) start--;
      out += run.slice(copied, start) + ERASED_MENTION;
      copied = groups[matchEnd]!.end;
      i = matchEnd;
    }
    return out + run.slice(copied);
  });
}

/** A function that rewrites free text without the contact in it (case-insensitive, whole words). */
export function mentionScrubber(mentions: Mentions): (text: string) => string {
  const words = mentions.fullName.trim().split(/\s+/).filter(Boolean).map(escape);
  const patterns: RegExp[] = [];
  if (words.length > 0) patterns.push(new RegExp(`(?<!${WORD})${words.join('\\s+')}(?!${WORD})`, 'giu'));
  for (const email of mentions.emails.filter(Boolean)) {
    // Not a longer address: "jane@x.example.org" is somebody else; a full stop ending the sentence is fine.
    patterns.push(new RegExp(`(?<![\\p{L}\\p{N}._%+\\-])${escape(email)}(?![\\p{L}\\p{N}\\-]|\\.${WORD})`, 'giu'));
  }
  const phones = mentions.phones.map(digitsOf).filter((d) => d.length >= MIN_PHONE_DIGITS);
  return (text) => {
    let out = text;
    for (const p of patterns) out = out.replace(p, ERASED_MENTION);
    return scrubPhones(out, phones);
  };
}

/** Applies `scrub` to every string inside a JSON-like value; returns the same value when nothing changed. */
export function scrubDeep<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) {
    const next = value.map((v) => scrubDeep(v, scrub));
    return (next.some((v, i) => v !== value[i]) ? next : value) as T;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const next: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      next[k] = scrubDeep(v, scrub);
      if (next[k] !== v) changed = true;
    }
    return (changed ? next : value) as T;
  }
  return value;
}
