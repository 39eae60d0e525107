/** Words starting with a vowel letter that sound like a consonant ("a user"), and the reverse ("an hour"). */
const CONSONANT_SOUND = /^(uni|use|usu|uti|eu|one|once)/i;
const VOWEL_SOUND = /^(hour|honest|honou?r|heir)/i;

/** The word with "a" or "an" before it, by how it sounds: "an opportunity", "a lead", "an email copy". */
export function withArticle(word: string): string {
  const an = VOWEL_SOUND.test(word) || (/^[aeiou]/i.test(word) && !CONSONANT_SOUND.test(word));
  return `${an ? 'an' : 'a'} ${word}`;
}
