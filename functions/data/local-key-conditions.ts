import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { InitializeMiddleware } from '@smithy/types';

/**
 * The highest code point: every string starting with `prefix` sorts at or below `prefix + TOP`
 * unless the next character is U+10FFFF itself, a noncharacter no Quoteflow text input accepts.
 */
const TOP = '\u{10FFFF}';

/**
 * DynamoDB Local answers `begins_with(sk, :p)` by reading the whole partition (measured: 17
 * queries/s on a 60,000-item partition against 287/s for the same range as BETWEEN), and every
 * tenant's items share a partition, so each prefix Query slowed as the tenant grew. In the local
 * cloud only, a key condition `begins_with(#sk, :v)` is sent as `#sk BETWEEN :v AND :v_top`: the
 * same items (test/integration/local-key-conditions.test.ts compares them), read by the index.
 */
const beginsAsBetween: InitializeMiddleware<any, any> = (next, context) => async (args) => {
  const input = args.input as {
    KeyConditionExpression?: string;
    ExpressionAttributeValues?: Record<string, unknown>;
  };
  if (
    process.env.AWS_ENDPOINT_URL_DYNAMODB &&
    context.commandName === 'QueryCommand' &&
    input.KeyConditionExpression?.includes('begins_with')
  ) {
    const values = { ...input.ExpressionAttributeValues };
    const expression = input.KeyConditionExpression.replace(
      /begins_with\(\s*(#\w+)\s*,\s*(:\w+)\s*\)/g,
      (whole, name: string, value: string) => {
        // A document client's values are still plain here; a low-level client's are marshalled.
        const raw = values[value];
        const prefix = typeof raw === 'string' ? raw : (raw as { S?: unknown } | undefined)?.S;
        if (typeof prefix !== 'string') return whole;
        values[`${value}_top`] = typeof raw === 'string' ? prefix + TOP : { S: prefix + TOP };
        return `${name} BETWEEN ${value} AND ${value}_top`;
      },
    );
    args = { ...args, input: { ...input, KeyConditionExpression: expression, ExpressionAttributeValues: values } };
  }
  return next(args);
};

/**
 * Adds the rewrite, which acts only while the table is DynamoDB Local: the local cloud sets its
 * endpoint (possibly after this module loaded); Lambda never does.
 */
export function withLocalKeyConditions<T extends DynamoDBClient>(client: T): T {
  client.middlewareStack.add(beginsAsBetween, { step: 'initialize', name: 'localBeginsAsBetween' });
  return client;
}
