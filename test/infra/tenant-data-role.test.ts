import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions, optionalEnv, routes } from '../../lib/manifest';
import { functionIdOf, refOf, resourcesOf, statementsOf, synthQuoteflow, type Json, type Synth } from './harness';

let synth: Synth;
beforeAll(() => {
  synth = synthQuoteflow();
}, 60_000);
afterAll(() => synth?.dispose());

const tag = '${aws:PrincipalTag/tenantId}';
const tenantKeys = [
  `$quoteflow#tenantid_${tag}`,
  `$quoteflow#tenantid_${tag}#*`,
  `$quoteflow#scope_${tag}`,
  `$quoteflow#scope_${tag}#*`,
];
const tableId = () => Object.keys(resourcesOf(synth.template, 'AWS::DynamoDB::Table'))[0]!;
const tableAndIndexes = () => [
  { 'Fn::GetAtt': [tableId(), 'Arn'] },
  { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId(), 'Arn'] }, '/index/*']] },
];
const lambda = (name: string) =>
  resourcesOf(synth.template, 'AWS::Lambda::Function')[functionIdOf(synth.template, name)]!.Properties;
const tenantRoleId = () => {
  const ids = Object.entries(resourcesOf(synth.template, 'AWS::IAM::Role'))
    .filter(([, r]) => /one tenant/.test(r.Properties.Description ?? ''))
    .map(([id]) => id);
  expect(ids).toHaveLength(1);
  return ids[0]!;
};
const dynamo = (statements: Json[]) =>
  statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
/** Functions serving at least one tenant route. */
const tenantRouteFunctions = () => [...new Set(routes.filter((r) => r.auth === 'tenant').map((r) => r.fn))].sort();

describe('tenant data role', () => {
  it('reaches only the session tenant’s keys, on the table and its indexes, and cannot scan', () => {
    const statements = statementsOf(synth.template, tenantRoleId());
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement.Resource).toEqual(tableAndIndexes());
    expect(statement.Action).not.toContain('dynamodb:Scan');
    expect(statement.Action).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']),
    );
    expect(statement.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': tenantKeys },
      Null: { 'dynamodb:LeadingKeys': 'false' },
    });
  });

  it('is assumed by every function serving tenant routes, only with a tenantId session tag', () => {
    expect(tenantRouteFunctions()).toEqual(
      Object.entries(functions)
        .filter(([, def]) => (def.needs as readonly string[]).includes('table:tenant'))
        .map(([name]) => name)
        .sort(),
    );
    const trust = resourcesOf(synth.template, 'AWS::IAM::Role')[tenantRoleId()]!.Properties.AssumeRolePolicyDocument
      .Statement as Json[];
    const trusted = trust.flatMap((s) => [s.Principal.AWS].flat().map(refOf));
    for (const statement of trust) {
      expect([statement.Action].flat().sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
      expect(statement.Condition).toEqual({
        StringLike: { 'aws:RequestTag/tenantId': '?*' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['tenantId'] },
      });
    }
    for (const name of tenantRouteFunctions()) {
      const fn = lambda(name);
      expect(trusted, name).toContain(refOf(fn.Role));
      expect(refOf(fn.Environment.Variables[optionalEnv.tenantDataRoleArn]), name).toBe(tenantRoleId());
      const assume = statementsOf(synth.template, refOf(fn.Role)!).filter((s) =>
        [s.Action].flat().includes('sts:AssumeRole'),
      );
      expect(
        assume.map((s) => refOf(s.Resource)),
        name,
      ).toEqual([tenantRoleId()]);
    }
    expect(trusted).toHaveLength(tenantRouteFunctions().length);
  });

  it('leaves tenant-only functions no table access of their own beyond platform reads', () => {
    const tenantOnly = tenantRouteFunctions().filter((fn) => routes.every((r) => r.fn !== fn || r.auth === 'tenant'));
    expect(tenantOnly).toEqual([
      'activities',
      'analysis',
      'catalog',
      'companies',
      'companyBulk',
      'contacts',
      'dashboard',
      'deals',
      'enrichment',
      'exports',
      'imports',
      'merges',
      'notifications',
      'pipelines',
      'quotes',
      'search',
      'tasks',
      'users',
    ]);
    for (const name of tenantOnly) {
      for (const statement of dynamo(statementsOf(synth.template, refOf(lambda(name).Role)!))) {
        expect([statement.Action].flat().sort(), name).toEqual([
          'dynamodb:BatchGetItem',
          'dynamodb:GetItem',
          'dynamodb:Query',
        ]);
        expect(statement.Condition, name).toEqual({
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': ['$quoteflow#scope_platform', '$quoteflow#scope_platform#*'],
          },
          Null: { 'dynamodb:LeadingKeys': 'false' },
        });
      }
    }
    // Background work and admin routes keep the function role, and never see the tenant role.
    for (const name of ['admin', 'analysisSteps', 'analysisBulk', 'docs']) {
      expect(lambda(name).Environment.Variables[optionalEnv.tenantDataRoleArn], name).toBeUndefined();
    }
  });
});
