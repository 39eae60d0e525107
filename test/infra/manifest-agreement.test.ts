import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueUrlEnv, routeKey, workflowArnEnv, type QueueId, type WorkflowId } from '../../lib/manifest';
import {
  bucketOfNeed,
  isQueueNeed,
  isWorkflowNeed,
  MANIFEST_TAGS,
  sizing,
  targetOfNeed,
} from '../../lib/cloud/cloud-manifest';
import { placeholdersOf } from '../../lib/cloud/workflows';
import * as manifest from '../../lib/manifest';

import {
  API_DEADLINE_MARGIN_MS,
  API_TIMEOUT_SECONDS,
  CALL_LIMITS,
  COMPANIES_HOUSE_LIMITS,
  PROMPT_TEST_BUDGET_MS,
} from '../../functions/shared/budgets';
import {
  dependencyCycle,
  extended,
  product,
  refOf,
  refsIn,
  resourcesOf,
  statementsOf,
  synthQuoteflow,
  tagOf,
  targetsOf,
  type Json,
  type Resource,
  type Synth,
} from './harness';

/** Logical id of the resource carrying `tag` = `value`, exactly one of them. */
const byTag = (resources: Record<string, Resource>, tag: string, value: string): string => {
  const ids = Object.entries(resources)
    .filter(([, r]) => tagOf(r, tag) === value)
    .map(([id]) => id);
  expect(ids, `one resource tagged ${tag}=${value}`).toHaveLength(1);
  return ids[0]!;
};

/** Every action a role's inline policies allow. */
const actionsOf = (synth: Synth, roleId: string): string[] =>
  statementsOf(synth.template, roleId).flatMap((s: Json) => [s.Action].flat());

describe.each([product, extended])('template agrees with the $name', (scenario) => {
  let synth: Synth;
  beforeAll(() => {
    synth = synthQuoteflow(scenario);
  }, 60_000);
  afterAll(() => synth?.dispose());

  const lambdas = () => resourcesOf(synth.template, 'AWS::Lambda::Function');
  const functionId = (name: string) => byTag(lambdas(), MANIFEST_TAGS.function, name);
  const queueId = (id: string) => byTag(resourcesOf(synth.template, 'AWS::SQS::Queue'), MANIFEST_TAGS.queue, id);
  const machineId = (id: string) =>
    byTag(resourcesOf(synth.template, 'AWS::StepFunctions::StateMachine'), MANIFEST_TAGS.workflow, id);

  it('has no dependency cycle CloudFormation would reject', () => {
    expect(dependencyCycle(synth.template.toJSON().Resources)).toBeUndefined();
  });

  it('has exactly one route per manifest route, and no other', () => {
    const keys = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(keys.sort()).toEqual(scenario.manifest.routes.map(routeKey).sort());
  });

  it("authorises each route with its pool's authorizer (public: none) and targets its function", () => {
    const routes = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route'));
    const authorizers = resourcesOf(synth.template, 'AWS::ApiGatewayV2::Authorizer');
    const integrations = resourcesOf(synth.template, 'AWS::ApiGatewayV2::Integration');
    const clients = resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient');
    const userPools = resourcesOf(synth.template, 'AWS::Cognito::UserPool');

    for (const route of scenario.manifest.routes) {
      const key = routeKey(route);
      const props = routes.find((r) => r.Properties.RouteKey === key)!.Properties;
      if (route.auth === 'public') {
        expect(props.AuthorizationType, key).toBe('NONE');
        expect(props.AuthorizerId, key).toBeUndefined();
      } else {
        const pool = scenario.manifest.pools[route.auth];
        expect(props.AuthorizationType, key).toBe('JWT');
        const authorizer = authorizers[refOf(props.AuthorizerId)!]!.Properties;
        expect(authorizer.Name, key).toBe(route.auth);
        expect(clients[refOf(authorizer.JwtConfiguration.Audience[0])!]!.Properties.ClientName, key).toBe(
          pool.clientName,
        );
        const issuerPool = authorizer.JwtConfiguration.Issuer['Fn::Join'][1]
          .map(refOf)
          .find((id: string) => id && userPools[id]);
        expect(userPools[issuerPool]!.Properties.UserPoolName, key).toBe(pool.name);
      }
      const [prefix, integrationRef] = props.Target['Fn::Join'][1];
      expect(prefix).toBe('integrations/');
      const integration = integrations[refOf(integrationRef)!]!.Properties;
      expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      expect(refOf(integration.IntegrationUri), key).toBe(functionId(route.fn));
    }
  });

  it('builds every manifest function, and no other, with its config and only the access its needs grant', () => {
    const tagged = Object.values(lambdas())
      .map((f) => tagOf(f, MANIFEST_TAGS.function))
      .filter(Boolean);
    expect(tagged.sort()).toEqual(Object.keys(scenario.manifest.functions).sort());

    for (const [name, def] of Object.entries(scenario.manifest.functions)) {
      const fn = lambdas()[functionId(name)]!.Properties;
      expect(fn.Description).toBe(def.description);
      if (def.memoryMb) expect(fn.MemorySize).toBe(def.memoryMb);
      expect(fn.Timeout).toBe(def.timeoutSeconds);

      const vars = Object.keys(fn.Environment.Variables);
      expect(vars).toEqual(expect.arrayContaining(Object.values(scenario.manifest.env)));
      for (const bucket of scenario.manifest.buckets) {
        const needsIt = def.needs.some((n) => bucketOfNeed(scenario.manifest, n) === bucket);
        expect(vars.includes(bucket.env), `${name} ${bucket.env}`).toBe(needsIt);
      }

      const variables = fn.Environment.Variables;
      const { secretsKeyId, secretsKeyFile } = scenario.manifest.optionalEnv;
      expect(vars, `${name}: the key file is for the local cloud only`).not.toContain(secretsKeyFile);
      const encrypts = def.needs.includes('secrets:encrypt');
      const decrypts = def.needs.includes('secrets:decrypt');
      const usesSecrets = encrypts || decrypts;
      expect(vars.includes(secretsKeyId), `${name} ${secretsKeyId}`).toBe(usesSecrets);
      const keys = Object.keys(resourcesOf(synth.template, 'AWS::KMS::Key'));
      if (usesSecrets) expect(refsIn(variables[secretsKeyId]), `${name} ${secretsKeyId}`).toEqual(keys);
      const sendsTo = def.needs.filter(isQueueNeed).map((n) => targetOfNeed(n).id);
      for (const q of scenario.manifest.queues) {
        const variable = queueUrlEnv(q.id as QueueId);
        expect(vars.includes(variable), `${name} ${variable}`).toBe(sendsTo.includes(q.id));
        if (sendsTo.includes(q.id)) expect(refOf(variables[variable]), `${name} ${variable}`).toBe(queueId(q.id));
      }
      const starts = def.needs.filter(isWorkflowNeed).map((n) => targetOfNeed(n).id);
      for (const wf of scenario.manifest.workflows) {
        const variable = workflowArnEnv(wf.id as WorkflowId);
        expect(vars.includes(variable), `${name} ${variable}`).toBe(starts.includes(wf.id));
        if (starts.includes(wf.id)) expect(refOf(variables[variable]), `${name} ${variable}`).toBe(machineId(wf.id));
      }

      const statements = statementsOf(synth.template, refOf(fn.Role)!);
      const actions = actionsOf(synth, refOf(fn.Role)!);
      const has = (prefix: string) => actions.some((a) => a.startsWith(prefix));
      expect(actions, name).not.toContain('dynamodb:Scan');
      expect(
        actions.filter((a) => a.includes('*')),
        `${name} wildcard actions`,
      ).toEqual([]);
      expect(actions.includes('dynamodb:Query'), `${name} table:read`).toBe(
        def.needs.includes('table:read') || def.needs.includes('table:read:platform'),
      );
      // table:tenant: may assume the tenant data role (its own policy is checked in tenant-data-role.test.ts).
      expect(actions.includes('sts:AssumeRole'), `${name} table:tenant`).toBe(def.needs.includes('table:tenant'));
      expect(actions.includes('dynamodb:PutItem'), `${name} table:write`).toBe(def.needs.includes('table:write'));
      expect(actions.includes('s3:GetObject'), `${name} documents:read`).toBe(def.needs.includes('documents:read'));
      expect(actions.includes('s3:PutObject'), `${name} documents:write`).toBe(def.needs.includes('documents:write'));
      expect(has('ses:'), `${name} ses:send`).toBe(def.needs.includes('ses:send'));
      // secrets:encrypt / secrets:decrypt: that one action on the secrets key, nothing else of KMS (no data keys, no other key).
      expect([...new Set(actions.filter((a) => a.startsWith('kms:')))].sort(), `${name} secrets`).toEqual([
        ...(decrypts ? ['kms:Decrypt'] : []),
        ...(encrypts ? ['kms:Encrypt'] : []),
      ]);
      expect(targetsOf(statements, 'kms:Encrypt'), `${name} kms:Encrypt`).toEqual(encrypts ? keys : []);
      expect(targetsOf(statements, 'kms:Decrypt'), `${name} kms:Decrypt`).toEqual(decrypts ? keys : []);
      // queue:send:<id>: SendMessage on exactly those queues.
      expect(targetsOf(statements, 'sqs:SendMessage'), `${name} queue:send`).toEqual(sendsTo.map(queueId).sort());
      // workflow:start:<id>: start that machine, nothing else of Step Functions.
      expect(actions.filter((a) => a.startsWith('states:')).sort(), `${name} workflow:start`).toEqual(
        starts.length ? ['states:StartExecution'] : [],
      );
      expect(targetsOf(statements, 'states:StartExecution'), `${name} workflow:start`).toEqual(
        starts.map(machineId).sort(),
      );
      const cognito = actions.filter((a) => a.startsWith('cognito-idp:')).sort();
      expect(cognito, `${name} tenantPool:manage`).toEqual(
        def.needs.includes('tenantPool:manage')
          ? [
              'cognito-idp:AdminCreateUser',
              'cognito-idp:AdminDeleteUser',
              'cognito-idp:AdminGetUser',
              'cognito-idp:AdminSetUserPassword',
              'cognito-idp:AdminUpdateUserAttributes',
              'cognito-idp:AdminUserGlobalSignOut',
            ]
          : [],
      );
    }
  });

  it('has every manifest bucket', () => {
    const buckets = resourcesOf(synth.template, 'AWS::S3::Bucket');
    const tagged = Object.values(buckets)
      .map((b) => tagOf(b, MANIFEST_TAGS.bucket))
      .filter(Boolean);
    expect(tagged.sort()).toEqual(scenario.manifest.buckets.map((b) => b.id).sort());
  });

  it('has every manifest queue with a DLQ, feeding its consumer with partial-batch failures', () => {
    const queues = resourcesOf(synth.template, 'AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(2 * scenario.manifest.queues.length);
    const mappings = Object.values(resourcesOf(synth.template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(scenario.manifest.queues.length);
    for (const q of scenario.manifest.queues) {
      const queueId = byTag(queues, MANIFEST_TAGS.queue, q.id);
      const queue = queues[queueId]!.Properties;
      expect(queue.RedrivePolicy.maxReceiveCount).toBe(q.maxReceiveCount);
      expect(queue.VisibilityTimeout, 'six times the consumer timeout').toBe(
        6 * sizing(scenario.manifest.functions[q.fn]!).timeoutSeconds,
      );
      const dlq = queues[refOf(queue.RedrivePolicy.deadLetterTargetArn)!]!.Properties;
      for (const props of [queue, dlq]) expect(props.SqsManagedSseEnabled).toBe(true);
      const mapping = mappings.find((m) => refOf(m.Properties.EventSourceArn) === queueId)!.Properties;
      expect(mapping).toMatchObject({ BatchSize: q.batchSize, FunctionResponseTypes: ['ReportBatchItemFailures'] });
      expect(refOf(mapping.FunctionName)).toBe(functionId(q.fn));
    }
  });

  it('gives every function a timeout covering its written budget; API functions stop before API Gateway does', () => {
    const apiFunctions = new Set(scenario.manifest.routes.map((r) => r.fn));
    const consumers = new Set(scenario.manifest.queues.map((q) => q.fn));
    for (const [name, def] of Object.entries(scenario.manifest.functions)) {
      const fn = lambdas()[functionId(name)]!.Properties;
      expect(fn.Timeout, `${name} timeout`).toBe(def.timeoutSeconds);
      expect(def.budgetSeconds, `${name} budget`).toBeGreaterThan(0);
      expect(def.timeoutSeconds, `${name} covers its budget`).toBeGreaterThanOrEqual(def.budgetSeconds);
      if (apiFunctions.has(name)) expect(def.timeoutSeconds, `${name} is an API function`).toBeLessThanOrEqual(29);
      // SQS caps a visibility timeout at 12 h; the queue's is six times its consumer's timeout.
      if (consumers.has(name)) expect(6 * def.timeoutSeconds, `${name} consumer`).toBeLessThanOrEqual(43_200);
    }
  });

  it('has every manifest schedule: an EventBridge rule at its rate invoking its function, and no other', () => {
    const rules = resourcesOf(synth.template, 'AWS::Events::Rule');
    expect(Object.keys(rules)).toHaveLength(scenario.manifest.schedules.length);
    expect(scenario.manifest.schedules.length).toBeGreaterThan(0);
    const permissions = Object.values(resourcesOf(synth.template, 'AWS::Lambda::Permission'));
    for (const schedule of scenario.manifest.schedules) {
      const ruleId = byTag(rules, MANIFEST_TAGS.schedule, schedule.id);
      const rule = rules[ruleId]!.Properties;
      expect(rule.State).toBe('ENABLED');
      expect(rule.ScheduleExpression).toBe(`rate(${schedule.everyMinutes} minutes)`);
      expect(rule.Targets.map((t: Json) => t.Arn['Fn::GetAtt'][0])).toEqual([functionId(schedule.fn)]);
      // EventBridge may invoke the function, and only from this rule.
      expect(
        permissions.some(
          (p) =>
            p.Properties.Principal === 'events.amazonaws.com' &&
            p.Properties.Action === 'lambda:InvokeFunction' &&
            p.Properties.FunctionName['Fn::GetAtt']?.[0] === functionId(schedule.fn) &&
            p.Properties.SourceArn['Fn::GetAtt']?.[0] === ruleId,
        ),
        `${schedule.id} invoke permission`,
      ).toBe(true);
    }
  });

  it('has every manifest workflow, with its functions substituted', () => {
    const machines = resourcesOf(synth.template, 'AWS::StepFunctions::StateMachine');
    expect(Object.keys(machines)).toHaveLength(scenario.manifest.workflows.length);
    for (const wf of scenario.manifest.workflows) {
      const machine = machines[byTag(machines, MANIFEST_TAGS.workflow, wf.id)]!.Properties;
      expect(machine.StateMachineType).toBe('STANDARD');
      const asl = synth.files[wf.definition]!;
      // The definition ships as a file asset; what cdk.out stages is exactly the manifest's ASL file.
      const staged = readFileSync(join(synth.app.outdir, `asset.${machine.DefinitionS3Location.Key}`), 'utf8');
      expect(JSON.parse(staged), wf.definition).toEqual(JSON.parse(asl));
      const substitutions = machine.DefinitionSubstitutions ?? {};
      const placeholders = placeholdersOf(asl);
      expect(placeholders.length, `${wf.definition} runs functions`).toBeGreaterThan(0);
      expect(Object.keys(substitutions).sort()).toEqual(placeholders.sort());
      for (const [name, arn] of Object.entries(substitutions)) {
        expect(arn, name).toEqual({ 'Fn::GetAtt': [functionId(name), 'Arn'] });
      }
    }
  });
});

describe('function budgets agree with the limits the code sets itself', () => {
  const { functions } = manifest;

  it('gives the prompt test run its 26 s budget and the adapter its margin, under 29 s', () => {
    expect(PROMPT_TEST_BUDGET_MS / 1000).toBeLessThan(functions.prompts.budgetSeconds);
    expect(functions.prompts.timeoutSeconds * 1000 - API_DEADLINE_MARGIN_MS).toBeGreaterThan(PROMPT_TEST_BUDGET_MS);
    expect(functions.prompts.timeoutSeconds).toBeLessThanOrEqual(API_TIMEOUT_SECONDS);
  });

  it('fits six interactive Companies House requests (directors: five officer pages and a profile) in the enrichment budget', () => {
    const { timeoutMs, maxWaitMs } = COMPANIES_HOUSE_LIMITS.interactive;
    expect((6 * (timeoutMs + maxWaitMs)) / 1000).toBeLessThanOrEqual(functions.enrichment.budgetSeconds);
    expect(functions.enrichment.timeoutSeconds).toBeLessThanOrEqual(API_TIMEOUT_SECONDS);
  });

  it('fits background Companies House (two tries) and two OpenAI prompts in the bulk consumer', () => {
    const { timeoutMs, maxWaitMs } = COMPANIES_HOUSE_LIMITS.background;
    const companiesHouse = 2 * (timeoutMs + maxWaitMs);
    const prompt = CALL_LIMITS.step.maxAttempts * CALL_LIMITS.step.timeoutMs + 2 * 20_000;
    expect((companiesHouse + 2 * prompt) / 1000).toBeLessThanOrEqual(functions.analysisBulk.budgetSeconds);
    expect(Math.max(companiesHouse, prompt) / 1000).toBeLessThanOrEqual(functions.analysisSteps.budgetSeconds);
  });
});
