import { RemovalPolicy, Stack, Tags, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_TAGS, pascal, type CloudManifest } from './cloud-manifest';

/** `${name}` placeholders in an ASL definition; each must name a manifest function and becomes its ARN. */
export const placeholdersOf = (asl: string): string[] => [
  ...new Set([...asl.matchAll(/\$\{([A-Za-z0-9_-]+)\}/g)].map((m) => m[1]!)),
];

/**
 * manifest.workflows: one Standard state machine per ASL file. Task states name functions as
 * `"Resource": "${fnName}"` (direct function-ARN tasks, as the local runner executes them).
 */
export class Workflows extends Construct {
  readonly machines: Record<string, StateMachine>;
  /** Per workflow id, the manifest functions its definition runs as tasks. */
  readonly tasksOf: Record<string, string[]> = {};

  constructor(
    scope: Construct,
    id: string,
    props: {
      manifest: CloudManifest;
      root: string;
      functions: Record<string, IFunction>;
      named: (base: string) => string;
    },
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    this.machines = Object.fromEntries(
      props.manifest.workflows.map((wf) => {
        const file = join(props.root, wf.definition);
        const used = placeholdersOf(readFileSync(file, 'utf8')).map((name) => {
          const fn = props.functions[name];
          if (!fn)
            throw new Error(
              `Workflow "${wf.id}" (${wf.definition}) uses \${${name}}, which is not in manifest.functions`,
            );
          return [name, fn] as const;
        });
        this.tasksOf[wf.id] = used.map(([name]) => name);
        const cid = pascal(wf.id);
        const machine = new StateMachine(this, cid, {
          stateMachineType: StateMachineType.STANDARD,
          definitionBody: DefinitionBody.fromFile(file),
          definitionSubstitutions: Object.fromEntries(used.map(([name, fn]) => [name, fn.functionArn])),
          // The vendedlogs prefix keeps CloudWatch's shared resource policy from growing per log group;
          // the name is fixed, so a retained copy would block re-creating the stack.
          logs: {
            destination: new LogGroup(this, `${cid}Logs`, {
              logGroupName: `/aws/vendedlogs/states/${props.named('quoteflow')}-${wf.id}`,
              retention: RetentionDays.ONE_MONTH,
              removalPolicy: RemovalPolicy.DESTROY,
            }),
            level: LogLevel.ALL,
            includeExecutionData: false,
          },
          tracingEnabled: true,
        });
        Tags.of(machine).add(MANIFEST_TAGS.workflow, wf.id);
        for (const [, fn] of used) fn.grantInvoke(machine);
        const acknowledge = (finding: string, reason: string) =>
          Validations.of(machine).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
        acknowledge(
          'Resource::*',
          'CloudWatch Logs delivery and X-Ray trace APIs used by state machine logging/tracing do not support resource-level permissions.',
        );
        for (const [name, fn] of used) {
          acknowledge(
            `Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*`,
            `Invoking any version/alias of the "${name}" function this workflow's definition names; the function itself is fixed.`,
          );
        }
        return [wf.id, machine];
      }),
    );
  }
}
