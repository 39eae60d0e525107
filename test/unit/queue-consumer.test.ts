import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { currentDataScope, type DataScope } from '../../functions/data/tenant-scope.js';
import { queueConsumer } from '../../functions/shared/queue-consumer.js';

const event = (...bodies: string[]): SQSEvent =>
  ({
    Records: bodies.map((body, i) => ({ messageId: `m${i}`, body, attributes: { ApproximateReceiveCount: '1' } })),
  }) as unknown as SQSEvent;
const context = { functionName: 'consumer', awsRequestId: 'r' } as Context;

describe('queueConsumer', () => {
  it('reports only the messages that failed, were unreadable or threw, and runs with the function role', async () => {
    const scopes: (DataScope | undefined)[] = [];
    const handler = queueConsumer({
      queue: 'test',
      message: z.object({ outcome: z.enum(['done', 'again', 'throw']) }),
      handle: async ({ outcome }) => {
        scopes.push(currentDataScope());
        if (outcome === 'throw') throw new Error('boom');
        return outcome === 'done';
      },
    });
    const result = await handler(
      event(
        JSON.stringify({ outcome: 'done' }),
        JSON.stringify({ outcome: 'again' }),
        JSON.stringify({ outcome: 'throw' }),
        'not json',
        JSON.stringify({ outcome: 'unknown' }),
      ),
      context,
    );
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(scopes).toHaveLength(3);
    for (const scope of scopes) expect(scope).toEqual({ kind: 'function', reason: 'the test queue' });
  });
});
