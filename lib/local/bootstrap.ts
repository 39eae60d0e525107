import {
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  UpdateUserPoolCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { pools, queues, table, type PoolName } from '../manifest.js';

export interface Endpoints {
  dynamodb: string;
  s3: string;
  sqs: string;
  ses: string;
  cognito: string;
}

export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const clientConfig = (endpoint: string) => ({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/**
 * The single table as the manifest describes it; created once, kept across restarts. Returns the
 * indexes it added to a kept table (their items need writing again to appear in them).
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<string[]> {
  const ddb = new DynamoDBClient(clientConfig(endpoint));
  try {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: tableName }));
    return await addMissingIndexes(ddb, tableName, Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName!) ?? []);
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const keys = [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  await ddb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keys.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await ddb.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
    }),
  );
  return [];
}

/**
 * A table kept from an older checkout (npm start persists it) gets the indexes the manifest has
 * added since, one per UpdateTable as DynamoDB allows. Items written before carry no keys for a
 * new index until they are written again.
 */
async function addMissingIndexes(ddb: DynamoDBClient, tableName: string, existing: string[]): Promise<string[]> {
  const missing = table.indexes.filter((i) => !existing.includes(i.name));
  for (const index of missing) {
    await ddb.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [index.partitionKey, index.sortKey].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
  }
  return missing.map((i) => i.name);
}

/**
 * Local visibility timeout: a message a consumer failed comes back within seconds, not the
 * cloud's six times the function timeout. The local SQS poller keeps a batch invisible while its
 * handler runs, so a short timeout does not hand a slow batch out twice.
 */
export const LOCAL_VISIBILITY_TIMEOUT_SECONDS = 2;

export interface QueueDef {
  id: string;
  maxReceiveCount: number;
}

/**
 * Every manifest queue (or the given ones, in tests) and its dead-letter queue `<id>-dlq`, with
 * the redrive policy; returns queue URLs by id (`<id>` and `<id>-dlq`).
 */
export async function ensureQueues(
  endpoint: string,
  options: { queues?: readonly QueueDef[]; visibilityTimeoutSeconds?: number } = {},
): Promise<Record<string, string>> {
  const sqs = new SQSClient(clientConfig(endpoint));
  const urls: Record<string, string> = {};
  for (const queue of options.queues ?? queues) {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${queue.id}-dlq` }));
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    const main = await sqs.send(
      new CreateQueueCommand({
        QueueName: queue.id,
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: queue.maxReceiveCount }),
          VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? LOCAL_VISIBILITY_TIMEOUT_SECONDS),
        },
      }),
    );
    urls[queue.id] = main.QueueUrl!;
    urls[`${queue.id}-dlq`] = dlq.QueueUrl!;
  }
  return urls;
}

export interface PoolIds {
  poolId: string;
  clientId: string;
}

/** A manifest user pool and its public client, found by name or created (cognito-local keeps them on disk). */
export async function ensurePool(endpoint: string, name: PoolName): Promise<PoolIds> {
  const def = pools[name];
  const mfaConfiguration = def.mfa === 'required' ? 'ON' : 'OPTIONAL';
  const cognito = new CognitoIdentityProviderClient(clientConfig(endpoint));
  const existing = (await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.find(
    (p) => p.Name === def.name,
  );
  const poolId =
    existing?.Id ??
    (
      await cognito.send(
        new CreateUserPoolCommand({
          PoolName: def.name,
          UsernameAttributes: ['email'],
          Schema: def.customAttributes.map((attr) => ({ Name: attr, AttributeDataType: 'String', Mutable: true })),
          MfaConfiguration: mfaConfiguration,
        }),
      )
    ).UserPool!.Id!;
  // A pool kept in .local/ from before its MFA setting changed is brought up to date.
  if (
    existing &&
    (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.MfaConfiguration !==
      mfaConfiguration
  ) {
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: poolId, MfaConfiguration: mfaConfiguration }));
  }
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }));
  const clientId =
    clients.UserPoolClients?.find((c) => c.ClientName === def.clientName)?.ClientId ??
    (
      await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: def.clientName,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;
  return { poolId, clientId };
}
