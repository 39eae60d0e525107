import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Activity } from '../data/activity.js';
import { documentClient } from '../data/client.js';
import { isConditionFailure } from '../data/transaction.js';
import { config } from '../shared/config.js';
import type { Deps } from '../shared/deps.js';

/**
 * Writes again, at version 1, every activity stored before activities could be edited: those
 * have no version and no keys in the `byId` index that `PATCH|DELETE /v1/activities/{id}` reads
 * (ElectroDB computes every index's keys on a put). A maintenance job, never a request path: it
 * scans the table for them, so run it once after deploying over older data (the local cloud runs
 * it at start-up, when it finds none in a new table at once). Each put is conditioned on the
 * activity still having no version, so one edited meanwhile is left alone. Returns how many.
 */
export async function indexLegacyActivities(deps: Pick<Deps, 'db'>): Promise<number> {
  let rewritten = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: config.tableName,
        FilterExpression: '#e = :activity AND attribute_not_exists(#version)',
        ExpressionAttributeNames: { '#e': '__edb_e__', '#version': 'version' },
        ExpressionAttributeValues: { ':activity': 'activity' },
        ExclusiveStartKey: start,
        // Pages of 1,000 items read: DynamoDB Local failed (InternalFailure) on whole 1 MB pages
        // of a 380,000-item table.
        Limit: 1000,
      }),
    );
    for (const raw of page.Items ?? []) {
      const { data: activity } = deps.db.entities.activity.parse({ Item: raw });
      if (!activity) continue;
      try {
        await deps.db.entities.activity
          .put({ ...(activity as Activity), version: 1 })
          .where(({ version }, { notExists }) => notExists(version))
          .go();
        rewritten++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return rewritten;
}
