import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import {
  Effect,
  PolicyStatement,
  PrincipalWithConditions,
  Role,
  SessionTagsPrincipal,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  keyPrefixesOf,
  leadingKeyPatterns,
  platformKeyPrefixes,
  TENANT_TAG,
  TENANT_TAG_VARIABLE,
} from '../../functions/data/tenant-keys';

// No Scan: it has no leading key to condition on. Transactions and batches are authorised per item action.
export const TENANT_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
export const PLATFORM_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

/** The session tag AssumeRole must carry, exactly one, and not empty. */
const TAG_CONDITIONS = {
  StringLike: { [`aws:RequestTag/${TENANT_TAG}`]: '?*' },
  'ForAllValues:StringEquals': { 'aws:TagKeys': [TENANT_TAG] },
};

/**
 * `dynamodb:LeadingKeys` limited to the given key prefixes; the Null test refuses a request
 * without leading keys, which ForAllValues alone would let through.
 */
const leadingKeys = (prefixes: string[]) => ({
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeyPatterns(prefixes) },
  Null: { 'dynamodb:LeadingKeys': 'false' },
});

const tableAndIndexes = (table: Table) => [table.tableArn, `${table.tableArn}/index/*`];

/**
 * The role tenant requests assume (functions/data/tenant-scope.ts) with their tenant as the
 * `tenantId` session tag: it may touch only items whose partition key (of the table or the index
 * queried) starts with that tenant's prefix (functions/data/tenant-keys.ts). The functions serving
 * tenant routes may assume it; what else they need from the table goes through their own role.
 */
export class TenantDataRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: { table: Table; assumers: readonly IRole[] }) {
    super(scope, id);
    const [first, ...rest] = props.assumers;
    if (!first) throw new Error('TenantDataRole needs at least one function that assumes it');
    // Each function role may assume it only with the tenant session tag (sts:TagSession with conditions).
    const tagged = (role: IRole) => new PrincipalWithConditions(new SessionTagsPrincipal(role), TAG_CONDITIONS);
    this.role = new Role(this, 'Role', {
      assumedBy: tagged(first),
      description: 'Quoteflow: one tenant table items only, by the tenantId session tag (dynamodb:LeadingKeys)',
    });
    for (const assumer of rest) {
      this.role.assumeRolePolicy!.addStatements(
        new PolicyStatement({
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          principals: [assumer],
          conditions: TAG_CONDITIONS,
        }),
      );
    }
    for (const assumer of props.assumers) {
      assumer.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [this.role.roleArn] }),
      );
    }
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: TENANT_TABLE_ACTIONS,
        resources: tableAndIndexes(props.table),
        conditions: leadingKeys(keyPrefixesOf(TENANT_TAG_VARIABLE)),
      }),
    );
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      reason:
        'Tenant queries reach every GSI of the single table; dynamodb:LeadingKeys limits them to the session tenant keys.',
    });
  }
}

/**
 * Lets a function role read platform items (system prompts, platform API keys) and nothing else of
 * the table: the platform read path of tenant routes (tenant-scope.ts readPlatform).
 */
export function grantPlatformRead(role: IRole, table: Table): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: PLATFORM_READ_ACTIONS,
      resources: tableAndIndexes(table),
      conditions: leadingKeys(platformKeyPrefixes()),
    }),
  );
}
