import { BatchWriteCommand, DynamoDBDocumentClient, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPANY_CHILDREN, deleteChildren } from '../../functions/data/company-children.js';
import { db } from '../../functions/data/service.js';

// DynamoDB Local never leaves batch items unprocessed, so this failure path uses a client mock.
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const timeline = COMPANY_CHILDREN.find((c) => c.entity === 'timelineEntry')!;
const keys = Array.from({ length: 30 }, (_, i) => ({ tenantId: 't1', companyId: 'c1', entryId: `e${i}` }));
const requests = () =>
  ddb
    .commandCalls(BatchWriteCommand)
    .map((call) => Object.values((call.args[0].input as BatchWriteCommandInput).RequestItems!)[0]!);

describe('deleting many children', () => {
  it('retries exactly the keys DynamoDB left unprocessed until none are left', async () => {
    let call = 0;
    ddb.on(BatchWriteCommand).callsFake((input: BatchWriteCommandInput) => {
      call++;
      const [table, writes] = Object.entries(input.RequestItems!)[0]!;
      // The first batch of 25 comes back with two deletes unprocessed, once.
      return { UnprocessedItems: call === 1 ? { [table]: writes.slice(3, 5) } : {} };
    });

    await deleteChildren(db, timeline, keys, { backoffMs: 1 });

    const sent = requests();
    expect(sent.map((r) => r.length)).toEqual([25, 5, 2]);
    const keyOf = (r: (typeof sent)[number][number]) => r.DeleteRequest!.Key;
    expect(sent[2]!.map(keyOf)).toEqual(sent[0]!.slice(3, 5).map(keyOf));
    // Every key was asked for, each once before the retry.
    expect(new Set([...sent[0]!, ...sent[1]!].map((r) => JSON.stringify(keyOf(r)))).size).toBe(30);
  });

  it('gives up with an error naming how many are left when DynamoDB keeps refusing', async () => {
    ddb.on(BatchWriteCommand).callsFake((input: BatchWriteCommandInput) => ({ UnprocessedItems: input.RequestItems }));
    await expect(deleteChildren(db, timeline, keys.slice(0, 3), { attempts: 3, backoffMs: 1 })).rejects.toThrow(
      '3 timelineEntry item(s) were still unprocessed after 3 tries',
    );
    expect(requests()).toHaveLength(3);
  });
});
