import { table } from '../../lib/manifest-runtime.js';
import { ValidationError } from './errors.js';

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/** An ElectroDB query before `.go()`: its `.params()` are the DynamoDB Query it will send. */
export interface ContinuedQuery {
  params(): unknown;
}

interface QueryParams {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** DynamoDB's key size limits: a longer key in ExclusiveStartKey is a ValidationException. */
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

/** What the query's key condition says about its sort key, as (cursor sk) => inside the range. */
function sortKeyTest(params: QueryParams): (sk: string) => boolean {
  const values = params.ExpressionAttributeValues;
  const condition = params.KeyConditionExpression.split(/ and /i).slice(1).join(' and ').trim();
  if (!condition) return () => true;
  const bytes = (ref: string) => Buffer.from(String(values[ref]), 'utf8');
  // DynamoDB compares string keys as UTF-8 bytes.
  const cmp = (sk: string, ref: string) => Buffer.compare(Buffer.from(sk, 'utf8'), bytes(ref));
  let m: RegExpExecArray | null;
  if ((m = /^begins_with\(#sk1, (:\w+)\)$/.exec(condition))) {
    const prefix = bytes(m[1]!);
    return (sk) => Buffer.from(sk, 'utf8').subarray(0, prefix.length).equals(prefix);
  }
  if ((m = /^#sk1 between (:\w+) and (:\w+)$/i.exec(condition))) {
    const [low, high] = [m[1]!, m[2]!];
    return (sk) => cmp(sk, low) >= 0 && cmp(sk, high) <= 0;
  }
  if ((m = /^#sk1 (<=|<|>=|>|=) (:\w+)$/.exec(condition))) {
    const [op, ref] = [m[1]!, m[2]!];
    const ok: Record<string, (c: number) => boolean> = {
      '<': (c) => c < 0,
      '<=': (c) => c <= 0,
      '>': (c) => c > 0,
      '>=': (c) => c >= 0,
      '=': (c) => c === 0,
    };
    return (sk) => ok[op]!(cmp(sk, ref));
  }
  throw new Error(`checkCursor does not understand the key condition "${params.KeyConditionExpression}"`);
}

/**
 * Refuses (400, `field: cursor`) any cursor that is not a position inside exactly the query it
 * continues. ElectroDB cursors are base64url JSON of DynamoDB's LastEvaluatedKey, sent back as
 * ExclusiveStartKey: one naming other attributes, another partition (another tenant's, another
 * company's) or a sort key outside the query's range would otherwise fail in DynamoDB as a 5xx.
 * Checking against the query, not a tenant marker, also admits the platform lists whose keys
 * carry no tenant at all.
 */
export function checkCursor(cursor: string | undefined, query: ContinuedQuery): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
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

  const params = query.params() as QueryParams;
  const pkName = params.ExpressionAttributeNames['#pk']!;
  const skName = params.ExpressionAttributeNames['#sk1'];
  const index = params.IndexName ? table.indexes.find((i) => i.name === params.IndexName) : undefined;
  if (params.IndexName && !index) throw new Error(`checkCursor: unknown index ${params.IndexName}`);
  const names = new Set<string>([table.partitionKey, table.sortKey, pkName]);
  if (index) names.add(index.sortKey);
  if (skName) names.add(skName);

  const limits: Record<string, number> = {
    [table.partitionKey]: MAX_PARTITION_KEY_BYTES,
    [table.sortKey]: MAX_SORT_KEY_BYTES,
    ...(index ? { [index.partitionKey]: MAX_PARTITION_KEY_BYTES, [index.sortKey]: MAX_SORT_KEY_BYTES } : {}),
  };
  const wellFormed =
    entries.length === names.size &&
    entries.every(
      ([name, value]) =>
        names.has(name) &&
        typeof value === 'string' &&
        value !== '' &&
        Buffer.byteLength(value, 'utf8') <= (limits[name] ?? 0),
    );
  if (!wellFormed) throw invalid;
  const values = key as Record<string, string>;
  if (values[pkName] !== params.ExpressionAttributeValues[':pk']) throw invalid;
  if (skName && !sortKeyTest(params)(values[skName]!)) throw invalid;
  return cursor;
}

/** Maps a page of stored items to their API form. */
export const mapPage = <T, U>(page: { data: T[]; cursor: string | null }, map: (item: T) => U): Page<U> => ({
  items: page.data.map(map),
  cursor: page.cursor ?? null,
});
