import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_TAGS } from '../../lib/cloud/cloud-manifest';
import {
  product,
  refOf,
  resourcesOf,
  statementsOf,
  synthQuoteflow,
  tagOf,
  type Json,
  type Resource,
  type Synth,
} from './harness';

const XRAY_WRITE = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/** Every action `statements` allow on `*`. */
const actionsOnAnyResource = (statements: Json[]): string[] =>
  statements.filter((s) => s.Effect === 'Allow' && s.Resource === '*').flatMap((s) => [s.Action].flat());

let synth: Synth;
beforeAll(() => {
  synth = synthQuoteflow();
}, 60_000);
afterAll(() => synth?.dispose());

const manifestFunctions = (s: Synth): [string, Resource][] =>
  Object.values(resourcesOf(s.template, 'AWS::Lambda::Function')).flatMap((f) => {
    const name = tagOf(f, MANIFEST_TAGS.function);
    return name ? [[name, f] as [string, Resource]] : [];
  });

describe('tracing and metrics', () => {
  it('trace every manifest function actively, with a role allowed to send the segments', () => {
    const fns = manifestFunctions(synth);
    expect(fns.map(([name]) => name).sort()).toEqual(Object.keys(synth.manifest.functions).sort());
    for (const [name, fn] of fns) {
      expect(fn.Properties.TracingConfig, name).toEqual({ Mode: 'Active' });
      const statements = statementsOf(synth.template, refOf(fn.Properties.Role)!);
      expect(actionsOnAnyResource(statements), name).toEqual(expect.arrayContaining(XRAY_WRITE));
    }
  });

  it('name each function as its own service in the Quoteflow metrics namespace', () => {
    for (const [name, fn] of manifestFunctions(synth)) {
      expect(fn.Properties.Environment.Variables, name).toMatchObject({
        POWERTOOLS_SERVICE_NAME: name,
        POWERTOOLS_METRICS_NAMESPACE: 'Quoteflow',
      });
      // Locally only: in AWS the tracer decides from the Lambda environment itself.
      expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED, name).toBeUndefined();
    }
  });

  it('trace every state machine, with a role allowed to send the segments', () => {
    const machines = Object.values(resourcesOf(synth.template, 'AWS::StepFunctions::StateMachine'));
    expect(machines.length).toBe(synth.manifest.workflows.length);
    for (const machine of machines) {
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
      const statements = statementsOf(synth.template, refOf(machine.Properties.RoleArn)!);
      expect(actionsOnAnyResource(statements)).toEqual(
        expect.arrayContaining([...XRAY_WRITE, 'xray:GetSamplingRules', 'xray:GetSamplingTargets']),
      );
    }
  });

  it('keep a second stack copy in its own metrics namespace', () => {
    const staging = synthQuoteflow({ ...product, props: { stage: 'staging' } });
    try {
      for (const [name, fn] of manifestFunctions(staging)) {
        expect(fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE, name).toBe('Quoteflow-staging');
      }
    } finally {
      staging.dispose();
    }
  });
});
