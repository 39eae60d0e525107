import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PoolName } from '../manifest';
import { Alarms } from './alarms';
import { Api, Functions } from './api';
import { Auth, cognitoEndpointOf } from './auth';
import { poolNames, productManifest, type CloudManifest, type OutputKey } from './cloud-manifest';
import { Data } from './data';
import { Mail, Queues, Schedules } from './messaging';
import { Secrets } from './secrets';
import { Web } from './web';
import { Workflows } from './workflows';

/** The repository root: package-lock.json, functions/ and web/dist live here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Options of the Quoteflow stack. */
export interface QuoteflowStackProps extends StackProps {
  /** Sender address for SES (context `mailFrom`). */
  readonly mailFrom: string;
  /** Suffix for account-unique names (context `stage`); none gives the bare names, e.g. configuration set `quoteflow`. */
  readonly stage?: string;
  /** Where the manifest's handler entries, package-lock.json and web/dist are read from; tests point this at stubs. */
  readonly root?: string;
  /** Defaults to lib/manifest.ts; tests pass variants. */
  readonly manifest?: CloudManifest;
  /** OPENAI_BASE_URL for every function (context `openaiBaseUrl`), e.g. an OpenAI-compatible gateway; unset: the provider default. */
  readonly openaiBaseUrl?: string;
  /** COMPANIES_HOUSE_BASE_URL for every function (context `companiesHouseBaseUrl`); unset: the public API. */
  readonly companiesHouseBaseUrl?: string;
  /** An email address subscribed to the alarm topic (context `alarmEmail`); unset, the operator subscribes to `AlarmTopicArn`. */
  readonly alarmEmail?: string;
}

/** Outputs only the cloud has (the local cloud has no CloudWatch): not in manifest.OUTPUT_KEYS. */
export const CLOUD_ONLY_OUTPUTS = ['AlarmTopicArn'] as const;

/** Quoteflow in AWS, built from lib/manifest.ts. */
export class QuoteflowStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly secrets: Secrets;
  readonly functions: Functions;
  readonly queues: Queues;
  readonly schedules: Schedules;
  readonly workflows: Workflows;
  readonly api: Api;
  readonly web: Web;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: QuoteflowStackProps) {
    super(scope, id, props);
    const manifest = props.manifest ?? productManifest;
    const root = props.root ?? REPO_ROOT;
    const named = (base: string) => (props.stage ? `${base}-${props.stage}` : base);

    this.data = new Data(this, 'Data', { manifest });
    this.auth = new Auth(this, 'Auth', { manifest, named });
    const mail = new Mail(this, 'Mail', { from: props.mailFrom, named });
    this.secrets = new Secrets(this, 'Secrets', { named });
    this.web = new Web(this, 'Web', { logBucket: this.data.logBucket });
    const { app, admin } = this.web;

    this.functions = new Functions(this, 'Functions', {
      manifest,
      root,
      table: this.data.table,
      buckets: this.data.buckets,
      tenantPool: this.auth.pools.tenant.pool,
      mail,
      webUrl: app.url,
      adminUrl: admin.url,
      secrets: this.secrets,
      optional: { openaiBaseUrl: props.openaiBaseUrl, companiesHouseBaseUrl: props.companiesHouseBaseUrl },
      // A second copy (`-c stage=…`) in the same account keeps its metrics apart.
      metricsNamespace: named('Quoteflow'),
    });
    const functions = this.functions.byName;
    this.api = new Api(this, 'Api', {
      manifest,
      functions,
      pools: this.auth.pools,
      named,
    });
    // The sites' CSP names this API; CORS names the sites, set after both exist (no cycle).
    this.web.connectTo(this.api.url);
    this.api.allowBrowsersFrom([app.url, admin.url]);
    this.queues = new Queues(this, 'Queues', { manifest, functions });
    this.schedules = new Schedules(this, 'Schedules', { manifest, functions });
    this.workflows = new Workflows(this, 'Workflows', { manifest, root, functions, named });
    this.functions.connect({
      queues: this.queues.queues,
      machines: this.workflows.machines,
      tasksOf: this.workflows.tasksOf,
    });

    this.alarms = new Alarms(this, 'Alarms', {
      functions,
      queues: this.queues.queues,
      machines: this.workflows.machines,
      httpApi: this.api.httpApi,
      email: props.alarmEmail,
    });

    const cognitoEndpoint = cognitoEndpointOf(this);
    const siteConfig = (pool: PoolName) => ({
      apiUrl: this.api.url,
      region: this.region,
      cognitoEndpoint,
      userPoolId: this.auth.pools[pool].pool.userPoolId,
      userPoolClientId: this.auth.pools[pool].client.userPoolClientId,
    });
    app.deploy(join(root, 'web/dist/app'), siteConfig('tenant'));
    admin.deploy(join(root, 'web/dist/admin'), siteConfig('admin'));

    const outputs: Partial<Record<OutputKey, string>> = {
      ApiUrl: this.api.url,
      WebUrl: app.url,
      AdminUrl: admin.url,
      CognitoEndpoint: cognitoEndpoint,
      MailboxUrl: `https://${this.region}.console.aws.amazon.com/ses/home?region=${this.region}#/`,
      Region: this.region,
    };
    for (const name of poolNames(manifest)) {
      const { outputs: keys } = manifest.pools[name];
      outputs[keys.poolId] = this.auth.pools[name].pool.userPoolId;
      outputs[keys.clientId] = this.auth.pools[name].client.userPoolClientId;
    }
    for (const key of manifest.OUTPUT_KEYS) {
      const value = outputs[key];
      if (value === undefined) throw new Error(`Nothing in the stack provides output ${key}`);
      new CfnOutput(this, key, { value });
    }
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'SNS topic every operator alarm notifies: subscribe to it',
    });
  }
}
