import '../lib/local/quiet.js';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_PORT_BASE } from '../lib/local/ports.js';
import { PreflightError } from '../lib/local/preflight.js';
import { startLocalCloud } from '../lib/local/cloud.js';

/** `npm start`: the whole product on local emulators, until Ctrl-C. */
async function main() {
  const started = performance.now();
  const portBase = Number(process.env.QUOTEFLOW_PORT_BASE ?? DEFAULT_PORT_BASE);
  const web = (['static', 'none'] as const).find((mode) => mode === process.env.QUOTEFLOW_WEB) ?? 'dev';
  console.log('Starting Quoteflow on local emulators…');
  const dataDir = resolve(process.env.QUOTEFLOW_DATA_DIR ?? '.local');
  const cloud = await startLocalCloud({
    portBase,
    dataDir,
    web,
    // An OpenAI-compatible gateway or a Companies House proxy, when set; otherwise the real services.
    providerUrls: { openai: process.env.OPENAI_BASE_URL, companiesHouse: process.env.COMPANIES_HOUSE_BASE_URL },
    log: (line) => console.log(`  ${line}`),
  });
  const o = cloud.outputs;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`
Quoteflow is up (${seconds} s).

  App            ${o.WebUrl}
  Admin console  ${o.AdminUrl}
  API            ${o.ApiUrl}/v1
  Mailbox        ${o.MailboxUrl}
  Cognito        ${o.CognitoEndpoint}

  Logins
    Owner (Northwind IT)   ${o.DemoLogins.owner.email}  /  ${o.DemoLogins.owner.password}
    Sales (Northwind IT)   ${o.DemoLogins.sales.email}  /  ${o.DemoLogins.sales.password}
    Platform admin         ${o.DemoLogins.platformAdmin.email}  /  ${o.DemoLogins.platformAdmin.password}

  AI analysis runs offline (rule-based, free) until an OpenAI key is set: admin console → Platform keys,
  or per workspace in Settings → AI. A Companies House key (admin console) adds directors and filings.

  Outputs written to ${relative(process.cwd(), join(dataDir, 'outputs.json'))}. Press Ctrl-C to stop.
`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  if (error instanceof PreflightError) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error('Quoteflow failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
