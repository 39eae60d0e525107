import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../shared/config.js';
import { traced } from '../shared/observability.js';

/** Module-scope client, reused across invocations. */
export const documentClient = DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});

/** Options every ElectroDB entity is built with. */
export const entityConfig = { table: config.tableName, client: documentClient };

export const SERVICE = 'quoteflow';

/** The scope of platform-wide items (system prompts, platform keys), beside tenant ids. */
export const PLATFORM_SCOPE = 'platform';
