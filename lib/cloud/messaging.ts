import { Duration, Stack, Tags } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ConfigurationSet, ConfigurationSetTlsPolicy, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MANIFEST_TAGS, pascal, sizing, type CloudManifest } from './cloud-manifest';

/** SES sending: the configuration set every message goes through and the sender address. */
export class Mail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly from: string;

  constructor(scope: Construct, id: string, props: { from: string; named: (base: string) => string }) {
    super(scope, id);
    if (!/^[^@\s]+@[^@\s]+$/.test(props.from))
      throw new Error(`mailFrom must be an email address, got "${props.from}"`);
    this.from = props.from;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.named('quoteflow'),
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
  }

  /** Lets `role` call ses:SendEmail from the sender (verified as address or domain) through the configuration set. */
  grantSend(role: IRole): void {
    const stack = Stack.of(this);
    const domain = this.from.split('@')[1]!;
    const identity = (name: string) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          identity(this.from),
          identity(domain),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
  }
}

/** manifest.queues: each queue with its dead-letter queue, feeding its consumer function. */
export class Queues extends Construct {
  readonly queues: Record<string, Queue>;

  constructor(scope: Construct, id: string, props: { manifest: CloudManifest; functions: Record<string, IFunction> }) {
    super(scope, id);
    const shared = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true };
    this.queues = Object.fromEntries(
      props.manifest.queues.map((q) => {
        const consumer = props.functions[q.fn];
        if (!consumer) throw new Error(`Queue "${q.id}" names consumer "${q.fn}", which is not in manifest.functions`);
        const { timeoutSeconds } = sizing(props.manifest.functions[q.fn]!);
        const dlq = new Queue(this, `${pascal(q.id)}Dlq`, { ...shared, retentionPeriod: Duration.days(14) });
        const queue = new Queue(this, pascal(q.id), {
          ...shared,
          // AWS guidance: at least six times the consumer timeout, so retries do not overlap.
          visibilityTimeout: Duration.seconds(timeoutSeconds * 6),
          deadLetterQueue: { queue: dlq, maxReceiveCount: q.maxReceiveCount },
        });
        Tags.of(queue).add(MANIFEST_TAGS.queue, q.id);
        // Capped so a 5,000-company stage cannot fan out into more concurrent AI calls than a key's rate limit allows.
        consumer.addEventSource(
          new SqsEventSource(queue, { batchSize: q.batchSize, reportBatchItemFailures: true, maxConcurrency: 10 }),
        );
        return [q.id, queue];
      }),
    );
  }
}

/** manifest.schedules: an EventBridge rule per entry, invoking its function at its rate. */
export class Schedules extends Construct {
  readonly rules: Record<string, Rule>;

  constructor(scope: Construct, id: string, props: { manifest: CloudManifest; functions: Record<string, IFunction> }) {
    super(scope, id);
    this.rules = Object.fromEntries(
      props.manifest.schedules.map((s) => {
        const fn = props.functions[s.fn];
        if (!fn) throw new Error(`Schedule "${s.id}" names function "${s.fn}", which is not in manifest.functions`);
        const rule = new Rule(this, pascal(s.id), {
          description: `Runs ${s.fn} every ${s.everyMinutes} minutes`,
          schedule: Schedule.rate(Duration.minutes(s.everyMinutes)),
          // A missed run is made up by the next one: no retries piling up behind a slow drain.
          targets: [new LambdaFunction(fn, { retryAttempts: 0 })],
        });
        Tags.of(rule).add(MANIFEST_TAGS.schedule, s.id);
        return [s.id, rule];
      }),
    );
  }
}
