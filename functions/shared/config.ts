import { env } from '../../lib/manifest-runtime.js';

/** Reads a required environment variable, failing the cold start when it is missing. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

/** Configuration read once per cold start. Handlers never know whether they run in AWS or locally. */
export const config = {
  tableName: requireEnv(env.table),
  tenantPoolId: requireEnv(env.tenantPoolId),
  mailFrom: requireEnv(env.mailFrom),
  configurationSet: process.env[env.configurationSet] || undefined,
  webUrl: requireEnv(env.webUrl),
  adminUrl: requireEnv(env.adminUrl),
};
