/**
 * `npm run reindex:search [-- tenantId …]`: rebuilds the search tokens of every tenant (or the
 * named ones) from their companies and contacts; safe to run again, and beside live traffic.
 * Locally it reads .local/outputs.json (QUOTEFLOW_PORT_BASE if `npm start` used another base);
 * against AWS, run it with the function environment (TABLE_NAME etc.) and credentials set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handlerEnvironment, type Outputs } from '../lib/local/cloud.js';
import { DEFAULT_PORT_BASE, portsFrom } from '../lib/local/ports.js';

const outputsFile = join(process.env.QUOTEFLOW_DATA_DIR ?? '.local', 'outputs.json');
if (process.env.QUOTEFLOW_TARGET !== 'aws' && existsSync(outputsFile)) {
  const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as Outputs;
  const base = Number(process.env.QUOTEFLOW_PORT_BASE ?? DEFAULT_PORT_BASE);
  Object.assign(process.env, { ...handlerEnvironment(portsFrom(base), outputs.UserPoolId), ...process.env });
}
const { reindexSearch } = await import('../functions/search/reindex.js');
const { db } = await import('../functions/data/service.js');
const tenantIds = process.argv.slice(2);
const started = performance.now();
const result = await reindexSearch({ db }, tenantIds.length ? { tenantIds } : {});
console.log(
  `Search reindexed: ${result.tenants} tenant(s), ${result.records} record(s), ${result.put} token(s) written, ${result.deleted} removed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
