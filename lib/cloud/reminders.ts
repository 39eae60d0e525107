import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';

/** Exactly the calls functions/shared/scheduler.ts makes. */
const SCHEDULE_MANAGE = ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'];

/**
 * Task reminders in EventBridge Scheduler: a schedule group of their own and the role the
 * scheduler assumes to invoke the reminder function, which may invoke nothing else.
 */
export class ReminderSchedules extends Construct {
  readonly group: CfnScheduleGroup;
  readonly invokeRole: Role;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: { target: IFunction },
  ) {
    super(scope, id);
    this.group = new CfnScheduleGroup(this, 'Group', {});
    this.invokeRole = new Role(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invokes the task reminder function, nothing else',
    });
    props.target.grantInvoke(this.invokeRole);
    const target = Stack.of(this).getLogicalId(props.target.node.defaultChild as CfnElement);
    Validations.of(this.invokeRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${target}.Arn>:*]`,
      reason: 'grantInvoke covers the reminder function and its versions (`:*`); one function only.',
    });
  }

  /** Lets `role` create, move and delete schedules in this group only, naming the invoke role. */
  grantManage(role: IRole): Record<'group' | 'roleArn' | 'targetArn', string> {
    const stack = Stack.of(this);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: SCHEDULE_MANAGE,
        resources: [
          stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${this.group.ref}/*` }),
        ],
      }),
    );
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['iam:PassRole'], resources: [this.invokeRole.roleArn] }));
    return { group: this.group.ref, roleArn: this.invokeRole.roleArn, targetArn: this.props.target.functionArn };
  }
}
