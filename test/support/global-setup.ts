import '../../lib/local/quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveWeb, startLocalCloud, type LocalCloud, type Outputs } from '../../lib/local/cloud.js';
import type { Running } from '../../lib/local/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    outputs: Outputs;
    portBase: number;
    web: boolean;
  }
}

/** Shared across projects in this process: the cloud starts once however many projects need it. */
const shared = globalThis as unknown as {
  __quoteflowCloud?: Promise<{ cloud: LocalCloud; dataDir: string; users: number; web?: Promise<Running[]> }>;
};

/** Starts the local cloud (fresh data dir, ports from 4500) for integration and e2e projects. */
export default async function setup(project: TestProject) {
  shared.__quoteflowCloud ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'quoteflow-test-'));
    const portBase = Number(process.env.QUOTEFLOW_TEST_PORT_BASE ?? 4500);
    const cloud = await startLocalCloud({ portBase, dataDir, web: 'none', portBaseVariable: 'QUOTEFLOW_TEST_PORT_BASE' });
    return { cloud, dataDir, users: 0 };
  })();
  const state = await shared.__quoteflowCloud;
  state.users++;
  if (project.config.provide?.web) {
    state.web ??= serveWeb('static', state.cloud.outputs, state.cloud.ports);
    await state.web;
  }
  project.provide('outputs', state.cloud.outputs);
  project.provide('portBase', state.cloud.ports.api);
  return async () => {
    if (--state.users > 0) return;
    for (const r of (await state.web) ?? []) await r.stop();
    await state.cloud.stop();
    rmSync(state.dataDir, { recursive: true, force: true });
  };
}
