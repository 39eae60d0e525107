/** zod's own wording ("Required", "Invalid input: expected number…", "Too big: expected array…"). */
const GENERIC = /^(?:Required$|Invalid input|Too (?:big|small):)/;

/**
 * What a field shows for a problem: the schema's message where it was written for people
 * ("At most 200 characters"), else the form's own words for the field, as the forms always said it.
 */
export function fieldMessage(error: { message?: string } | undefined, ownWords: string): string | undefined {
  if (!error) return undefined;
  return !error.message || GENERIC.test(error.message) ? ownWords : error.message;
}
