#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { QuoteflowStack } from '../lib/cloud/stack';

const app = new App();
const stage = app.node.tryGetContext('stage') as string | undefined;

/** A context value, or undefined when unset or empty. */
const context = (key: string): string | undefined => (app.node.tryGetContext(key) as string | undefined) || undefined;

// No `env`: the stack is environment-agnostic (it deploys to the CLI's account and region), synthesises
// without credentials, and the cdk-nag finding ids it acknowledges stay the same everywhere.
new QuoteflowStack(app, 'Quoteflow', {
  stackName: stage ? `Quoteflow-${stage}` : undefined,
  description: 'Quoteflow: multi-tenant serverless CRM',
  mailFrom: (app.node.tryGetContext('mailFrom') as string | undefined) ?? 'no-reply@example.com',
  stage,
  // Optional provider endpoints (`cdk synth -c openaiBaseUrl=https://…`); unset, the functions use the providers' own.
  openaiBaseUrl: context('openaiBaseUrl'),
  companiesHouseBaseUrl: context('companiesHouseBaseUrl'),
  // `-c alarmEmail=ops@example.com` subscribes an address to the alarm topic (it must confirm by email).
  alarmEmail: context('alarmEmail'),
});

// cdk-nag 3 runs as a policy-validation plugin: synth fails on any unacknowledged AwsSolutions error.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
