import { ValidationError } from './errors.js';

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/**
 * Rejects a cursor that is not one we issued for this tenant. ElectroDB cursors are base64url
 * JSON of DynamoDB's LastEvaluatedKey; a forged one naming another tenant's partition would
 * otherwise reach DynamoDB and fail as a 5xx (or worse).
 */
export function checkCursor(cursor: string | undefined, scope: string): string | undefined {
  if (!cursor) return undefined;
  const invalid = new ValidationError('The cursor is not valid for this list', [
    { path: 'cursor', message: 'Invalid cursor' },
  ]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid;
  const entries = Object.entries(key as Record<string, unknown>);
  const scopeLower = scope.toLowerCase();
  const partitionKeys = entries.filter(([name]) => name.endsWith('pk'));
  if (
    entries.some(([, value]) => typeof value !== 'string') ||
    partitionKeys.length === 0 ||
    partitionKeys.some(([, value]) => !(value as string).includes(scopeLower))
  ) {
    throw invalid;
  }
  return cursor;
}

/** Maps a page of stored items to their API form. */
export const mapPage = <T, U>(page: { data: T[]; cursor: string | null }, map: (item: T) => U): Page<U> => ({
  items: page.data.map(map),
  cursor: page.cursor ?? null,
});
