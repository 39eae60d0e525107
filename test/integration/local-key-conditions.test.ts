import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { unique } from '../support/api.js';
import { tableDb } from '../support/table.js';

// The local cloud sends begins_with key conditions as BETWEEN (functions/data/local-key-conditions.ts):
// this holds it to returning exactly what DynamoDB Local's own begins_with returns.
const db = await tableDb();
const { config } = await import('../../functions/shared/config.js');
const { documentClient } = await import('../../functions/data/client.js');
const plain = new DynamoDBClient({});

const tenantId = `LK${unique()}`;
const tokens = ['zak', 'zakład', 'zaklad', 'zak😀', 'zak\uffff', 'zak#x', 'zal', 'za', 'zaj\u{10FFFE}', 'zb'];

describe('begins_with on the local cloud', () => {
  it('is what the handlers’ client sends', async () => {
    const sent: string[] = [];
    documentClient.middlewareStack.add(
      (next) => async (args) => {
        sent.push(String((args.input as { KeyConditionExpression?: string }).KeyConditionExpression));
        return next(args);
      },
      { step: 'build', name: 'recordKeyConditions' },
    );
    try {
      await db.entities.searchToken.query.byToken({ tenantId }).begins({ token: 'zak' }).go();
    } finally {
      documentClient.middlewareStack.remove('recordKeyConditions');
    }
    expect(sent).toEqual([expect.stringMatching(/^#pk = :pk and #sk1 BETWEEN :sk1 AND :sk1_top$/)]);
  });

  it('returns the same items as BETWEEN, for accented, astral and edge-of-range sort keys', async () => {
    await db.entities.searchToken
      .put(
        tokens.map((token, i) => ({
          tenantId,
          token,
          kind: 'company' as const,
          recordId: `R${i}`,
          weight: 1,
          title: token,
          updatedAt: '2026-12-03T00:00:00.000Z',
        })),
      )
      .go();
    for (const prefix of ['zak', 'za', 'zaj', 'zakł', 'z', 'zc']) {
      const query = db.entities.searchToken.query.byToken({ tenantId }).begins({ token: prefix });
      const viaRewrite = (await query.go({ pages: 'all' })).data.map((t) => t.token);
      const params = query.params() as Record<string, any>;
      const values = Object.fromEntries(
        Object.entries<any>(params.ExpressionAttributeValues).map(([k, v]) => [k, { S: String(v) }]),
      );
      const direct = await plain.send(
        new QueryCommand({ ...params, TableName: config.tableName, ExpressionAttributeValues: values } as any),
      );
      const viaBegins = (direct.Items ?? []).filter((i) => i.__edb_e__?.S === 'searchToken').map((i) => i.token!.S);
      expect(params.KeyConditionExpression).toContain('begins_with');
      expect(viaRewrite.sort()).toEqual(viaBegins.sort());
      expect(viaRewrite.sort()).toEqual(tokens.filter((t) => t.startsWith(prefix)).sort());
    }
  });
});
