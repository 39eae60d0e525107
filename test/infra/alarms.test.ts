import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_5XX_MIN_REQUESTS, API_5XX_PERCENT } from '../../lib/cloud/alarms';
import { MANIFEST_TAGS } from '../../lib/cloud/cloud-manifest';
import { extended, refOf, resourcesOf, synthQuoteflow, tagOf, type Json, type Synth } from './harness';

let synth: Synth;
let withEmail: Synth;
beforeAll(() => {
  synth = synthQuoteflow();
  withEmail = synthQuoteflow({ ...extended, props: { alarmEmail: 'ops@example.com' } });
}, 120_000);
afterAll(() => {
  synth?.dispose();
  withEmail?.dispose();
});

const alarmsOf = (s: Synth) =>
  Object.values(resourcesOf(s.template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const topicId = (s: Synth) => {
  const topics = Object.keys(resourcesOf(s.template, 'AWS::SNS::Topic'));
  expect(topics).toHaveLength(1);
  return topics[0]!;
};
/** Logical ids of the resources of `type` tagged as a manifest entry, by manifest name. */
const tagged = (s: Synth, type: string, tag: string) =>
  Object.fromEntries(
    Object.entries(resourcesOf(s.template, type)).flatMap(([id, r]) => {
      const name = tagOf(r, tag);
      return name ? [[name, id]] : [];
    }),
  );
const dimension = (alarm: Json, name: string) =>
  (alarm.Dimensions as { Name: string; Value: Json }[] | undefined)?.find((d) => d.Name === name)?.Value;
/** The single-metric alarms on `namespace`/`metric` whose dimension `name` points at `logicalId`. */
const alarmsOn = (s: Synth, namespace: string, metric: string, name: string, logicalId: string) =>
  alarmsOf(s).filter(
    (a) => a.Namespace === namespace && a.MetricName === metric && refOf(dimension(a, name)) === logicalId,
  );
const firesOnFirst = { Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 };

describe.each([
  ['product', () => synth],
  ['extended (more queues, functions, workflows)', () => withEmail],
])('alarms, %s manifest', (_, get) => {
  it('notify one SNS topic, exported as AlarmTopicArn', () => {
    const s = get();
    const topic = topicId(s);
    expect(refOf(s.template.toJSON().Outputs.AlarmTopicArn.Value)).toBe(topic);
    const alarms = alarmsOf(s);
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.AlarmActions.map(refOf), alarm.AlarmDescription).toEqual([topic]);
  });

  it('watch every dead-letter queue for a message', () => {
    const s = get();
    const queues = resourcesOf(s.template, 'AWS::SQS::Queue');
    const consumed = tagged(s, 'AWS::SQS::Queue', MANIFEST_TAGS.queue);
    expect(Object.keys(consumed).sort()).toEqual(s.manifest.queues.map((q) => q.id).sort());
    for (const [queueId, logicalId] of Object.entries(consumed)) {
      const dlq = refOf(queues[logicalId]!.Properties.RedrivePolicy.deadLetterTargetArn)!;
      const watching = alarmsOn(s, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', dlq);
      expect(watching, queueId).toHaveLength(1);
      expect(watching[0]).toMatchObject({ ...firesOnFirst, Statistic: 'Maximum', TreatMissingData: 'notBreaching' });
      // The consumed queue itself is not alarmed on: a backlog there is normal.
      expect(alarmsOn(s, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', logicalId)).toEqual([]);
    }
  });

  it('watch every function for errors and throttles', () => {
    const s = get();
    const fns = tagged(s, 'AWS::Lambda::Function', MANIFEST_TAGS.function);
    expect(Object.keys(fns).sort()).toEqual(Object.keys(s.manifest.functions).sort());
    /** The metric-math alarms summing exactly these Lambda metrics of the function `logicalId`. */
    const summing = (logicalId: string) =>
      alarmsOf(s).filter((a) => {
        const stats = ((a.Metrics as Json[] | undefined) ?? []).flatMap((m) =>
          m.MetricStat ? [m.MetricStat as Json] : [],
        );
        const on = stats.filter(
          (st) =>
            (st.Metric as Json).Namespace === 'AWS/Lambda' &&
            refOf(dimension(st.Metric as Json, 'FunctionName')) === logicalId,
        );
        return on.length === 2 && on.every((st) => st.Stat === 'Sum' && st.Period === 300);
      });
    for (const [name, logicalId] of Object.entries(fns)) {
      const watching = summing(logicalId);
      expect(watching, name).toHaveLength(1);
      const alarm = watching[0]!;
      expect(alarm).toMatchObject(firesOnFirst);
      const metrics = (alarm.Metrics as Json[]).flatMap((m) =>
        m.MetricStat ? [((m.MetricStat as Json).Metric as Json).MetricName] : [],
      );
      expect(metrics.sort(), name).toEqual(['Errors', 'Throttles']);
      expect((alarm.Metrics as Json[]).find((m) => m.Expression)?.Expression).toBe('errors + throttles');
    }
  });

  it('watch every workflow for failed, timed-out and aborted executions', () => {
    const s = get();
    const machines = tagged(s, 'AWS::StepFunctions::StateMachine', MANIFEST_TAGS.workflow);
    expect(Object.keys(machines).sort()).toEqual(s.manifest.workflows.map((w) => w.id).sort());
    for (const [workflowId, logicalId] of Object.entries(machines)) {
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
        const watching = alarmsOn(s, 'AWS/States', metric, 'StateMachineArn', logicalId);
        expect(watching, `${workflowId} ${metric}`).toHaveLength(1);
        expect(watching[0]).toMatchObject({ ...firesOnFirst, Statistic: 'Sum' });
      }
    }
  });

  it("watch the API's 5xx rate, judged only once there is traffic", () => {
    const s = get();
    const api = Object.keys(resourcesOf(s.template, 'AWS::ApiGatewayV2::Api'))[0]!;
    const rate = alarmsOf(s).filter((a) =>
      ((a.Metrics as Json[] | undefined) ?? []).some((m) => String(m.Expression ?? '').includes('requests')),
    );
    expect(rate).toHaveLength(1);
    const { Metrics: metrics, ...alarm } = rate[0]!;
    expect(alarm).toMatchObject({
      Threshold: API_5XX_PERCENT,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    const byId = Object.fromEntries((metrics as Json[]).map((m) => [m.Id, m]));
    const returned = (metrics as Json[]).filter((m) => m.ReturnData !== false);
    expect(returned).toHaveLength(1);
    expect(returned[0].Expression).toBe(`IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`);
    for (const [id, name] of [
      ['errors', '5xx'],
      ['requests', 'Count'],
    ] as const) {
      const stat = byId[id].MetricStat;
      expect(stat).toMatchObject({
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: name },
        Stat: 'Sum',
        Period: 300,
      });
      expect(refOf(stat.Metric.Dimensions.find((d: Json) => d.Name === 'ApiId').Value)).toBe(api);
    }
  });
});

describe('the alarm topic', () => {
  it('accepts only TLS publishes', () => {
    const policies = Object.values(resourcesOf(synth.template, 'AWS::SNS::TopicPolicy'));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Json[]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('has no subscription unless alarmEmail is given, then an email one', () => {
    expect(resourcesOf(synth.template, 'AWS::SNS::Subscription')).toEqual({});
    const subs = Object.values(resourcesOf(withEmail.template, 'AWS::SNS::Subscription')).map((r) => r.Properties);
    expect(subs).toEqual([
      expect.objectContaining({
        Protocol: 'email',
        Endpoint: 'ops@example.com',
        TopicArn: { Ref: topicId(withEmail) },
      }),
    ]);
  });
});
