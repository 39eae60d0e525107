import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey } from '../../lib/manifest';
import { extended, product, synthQuoteflow, type Synth } from './harness';

/** Rules the stack may acknowledge at all; anything new needs a reviewed change here. */
const ACKNOWLEDGEABLE = ['APIG4', 'CFR1', 'CFR2', 'CFR4', 'COG2', 'IAM5', 'L1'];

const acknowledgementsIn = (root: IConstruct): { path: string; id: string; reason: string }[] =>
  root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

describe.each([product, extended])('cdk-nag AwsSolutions on the $name', (scenario) => {
  let synth: Synth;
  beforeAll(() => {
    // Registered as `cdk synth` registers it (bin/app.ts): synthesis itself throws on unacknowledged errors.
    synth = synthQuoteflow(scenario, (app) => Validations.of(app).addPlugins(new AwsSolutionsChecks(app)));
  }, 60_000);
  afterAll(() => synth?.dispose());

  it('reports zero unacknowledged errors and zero unacknowledged warnings', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(synth.app);
    const findings = violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}: ${v.description}`),
    );
    expect(findings).toEqual([]);
  });

  it('leaves no AwsSolutions annotations and no CDK warnings or errors on the stack', () => {
    const annotations = Annotations.fromStack(synth.stack);
    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('acknowledges only findings that exist', () => {
    // The pack with acknowledgements ignored (a private hook) shows what each one actually suppresses.
    const raw = new AwsSolutionsChecks();
    (raw as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    const findings = raw
      .validateScope(synth.app)
      .violations.flatMap((v) => v.violatingResources.map((r) => ({ id: v.ruleName, path: r.constructPath ?? '' })));
    const stale = acknowledgementsIn(synth.app).filter(
      (ack) => !findings.some((f) => f.id === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`))),
    );
    expect(stale.map((a) => `${a.id} at ${a.path}`)).toEqual([]);
  });

  it('finds nothing to acknowledge on the secrets key, the queues or the state machines themselves', () => {
    // Key rotation (KMS5), DLQs and TLS-only queues (SQS3/SQS4), workflow logging and tracing (SF1/SF2) are met, not waived.
    const raw = new AwsSolutionsChecks();
    (raw as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    const findings = raw.validateScope(synth.app).violations.map((v) => v.ruleName);
    expect(findings.filter((id) => /^AwsSolutions-(KMS|SQS|SF)\d/.test(id))).toEqual([]);
    const acks = acknowledgementsIn(synth.app).map((a) => a.id);
    expect(acks.filter((id) => /^AwsSolutions-(KMS|SQS|SF)\d/.test(id))).toEqual([]);
  });

  it('acknowledges the missing authorizer (APIG4) only on the public routes that exist, each with its own protection', () => {
    const publicRoutes = scenario.manifest.routes.filter((r) => r.auth === 'public');
    expect(publicRoutes.length).toBeGreaterThan(0);
    const apig4 = acknowledgementsIn(synth.app).filter((a) => a.id === 'AwsSolutions-APIG4');
    expect(apig4.map((a) => a.reason).sort()).toEqual(publicRoutes.map((r) => r.publicBecause).sort());
    if (scenario === product) {
      // Today the OpenAPI document and the quote page are public: no blanket statement about routes that do not exist yet.
      expect(publicRoutes.map(routeKey)).toEqual([
        'GET /v1/openapi.json',
        'GET /v1/public/quotes/{token}',
        'POST /v1/public/quotes/{token}/accept',
        'POST /v1/public/quotes/{token}/decline',
      ]);
      for (const ack of apig4) expect(ack.reason).not.toMatch(/tracking|unsubscribe/i);
    }
  });

  it('gives every acknowledgement a rule from the reviewed list and a written reason', () => {
    const acks = acknowledgementsIn(synth.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      const rule = /^AwsSolutions-([A-Z]+\d+)(\[.+\])?$/.exec(ack.id)?.[1];
      expect(ACKNOWLEDGEABLE, `${ack.id} at ${ack.path}`).toContain(rule);
      expect(ack.reason.length, `reason for ${ack.id} at ${ack.path}`).toBeGreaterThan(40);
    }
  });
});
