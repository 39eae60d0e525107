import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { optionalEnv } from '../../lib/manifest-runtime.js';
import { config } from '../shared/config.js';
import { traced } from '../shared/observability.js';
import { withLocalKeyConditions } from './local-key-conditions.js';
import { scopedDynamoDBClient } from './tenant-scope.js';

/**
 * Module-scope client, reused across invocations. Each call signs with the credentials of the
 * current data scope (tenant-scope.ts): a tenant request's calls with its tenant's session.
 */
export const documentClient = DynamoDBDocumentClient.from(
  traced(
    withLocalKeyConditions(scopedDynamoDBClient({ roleArn: process.env[optionalEnv.tenantDataRoleArn] || undefined })),
  ),
  {
    marshallOptions: { removeUndefinedValues: true },
  },
);

/** A Money attribute (integer minor units and an ISO currency, functions/shared/money.ts); spread `required: true` in where it must be set. */
export const moneyAttribute = {
  type: 'map',
  properties: { amount: { type: 'number', required: true }, currency: { type: 'string', required: true } },
} as const;

/** Options every ElectroDB entity is built with. */
export const entityConfig = { table: config.tableName, client: documentClient };

export { PLATFORM_SCOPE, SERVICE } from './tenant-keys.js';
