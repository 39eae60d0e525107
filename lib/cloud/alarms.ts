import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { pascal } from './cloud-manifest';

/** What the alarms watch. */
export interface AlarmsProps {
  readonly functions: Record<string, IFunction>;
  /** Each queue by manifest id; its dead-letter queue is the one watched. */
  readonly queues: Record<string, Queue>;
  readonly machines: Record<string, StateMachine>;
  readonly httpApi: HttpApi;
  /** Subscribed to the topic when given (context `alarmEmail`); otherwise the operator subscribes. */
  readonly email?: string;
}

/** Above this share of requests answering 5xx (over 5 minutes) the API is failing people, not having a blip. */
export const API_5XX_PERCENT = 1;
/** Below this many requests in 5 minutes the 5xx rate is not judged: one error in three requests is not an outage. */
export const API_5XX_MIN_REQUESTS = 20;

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Operator alarms, every one notifying one SNS topic (the `AlarmTopicArn` output): a message in any
 * dead-letter queue (work given up on), any Lambda error or throttle, any failed workflow execution,
 * and the API's 5xx rate. Each fires on the first occurrence: none of these is normal.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    // Notifications carry alarm names, metrics and thresholds only, no customer data.
    this.topic = new Topic(this, 'Topic', { displayName: 'Quoteflow alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const action = new SnsAction(this.topic);

    const alarm = (cid: string, description: string, metric: IMetric, threshold = 0) => {
      const created = new Alarm(this, cid, {
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // No data is no traffic: nothing failed.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const [queueId, queue] of Object.entries(props.queues)) {
      const dlq = queue.deadLetterQueue?.queue;
      if (!dlq) continue;
      alarm(
        `${pascal(queueId)}DlqDepth`,
        `Messages of queue ${queueId} reached its dead-letter queue after every retry: read them, fix the cause, redrive.`,
        dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      );
    }

    // One alarm a function over its errors and throttles together: the stack stays under
    // CloudFormation's 500 resources, and either is a first-occurrence page all the same.
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${pascal(name)}ErrorsOrThrottles`,
        `Lambda ${name} threw (an API function answers 5xx without throwing: see the API 5xx alarm), or was throttled (the account's concurrency is spent or a reserved limit is too low).`,
        new MathExpression({
          expression: 'errors + throttles',
          usingMetrics: {
            errors: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
            throttles: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
          },
          period: FIVE_MINUTES,
          label: `${name} errors + throttles`,
        }),
      );
    }

    for (const [workflowId, machine] of Object.entries(props.machines)) {
      alarm(
        `${pascal(workflowId)}ExecutionsFailed`,
        `Executions of workflow ${workflowId} failed; the run records say why (a user-facing reason or an internal error).`,
        machine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }),
      );
      alarm(
        `${pascal(workflowId)}ExecutionsTimedOut`,
        `Executions of workflow ${workflowId} ran past their timeout: a step is hanging or its retries outlast the workflow.`,
        machine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' }),
      );
      alarm(
        `${pascal(workflowId)}ExecutionsAborted`,
        `Executions of workflow ${workflowId} were stopped from outside (StopExecution): their runs may be left unsettled.`,
        machine.metricAborted({ period: FIVE_MINUTES, statistic: 'Sum' }),
      );
    }

    alarm(
      'Api5xxRate',
      `More than ${API_5XX_PERCENT}% of API requests answered 5xx over 5 minutes (judged from ${API_5XX_MIN_REQUESTS} requests).`,
      new MathExpression({
        expression: `IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          requests: props.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        period: FIVE_MINUTES,
        label: 'API 5xx %',
      }),
      API_5XX_PERCENT,
    );
  }
}
