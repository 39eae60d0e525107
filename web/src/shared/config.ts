import type { RuntimeConfig } from './runtime-config';

export type { RuntimeConfig };

/** Loads the runtime config; throws with a readable message when it is missing or malformed. */
export async function loadConfig(): Promise<RuntimeConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json answered ${res.status}`);
  const config = (await res.json()) as Partial<RuntimeConfig>;
  for (const key of ['apiUrl', 'cognitoEndpoint', 'userPoolClientId'] as const) {
    if (typeof config[key] !== 'string' || !config[key]) throw new Error(`config.json lacks ${key}`);
  }
  return config as RuntimeConfig;
}
