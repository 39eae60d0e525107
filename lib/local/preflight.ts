import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { Ports } from './ports.js';

/** A start-up problem with a one-line fix; printed without a stack trace. */
export class PreflightError extends Error {}

/** DynamoDB Local is a Java program. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new PreflightError(
      'Java 17+ is needed for DynamoDB Local. Install it: sudo apt-get install -y openjdk-17-jre-headless (or brew install openjdk@17)',
    );
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

/** Every port must be free before anything starts, so a clash is named instead of half-starting. */
export async function checkPorts(ports: Ports, baseVariable: string): Promise<void> {
  for (const [service, port] of Object.entries(ports)) {
    if (!(await isFree(port))) {
      throw new PreflightError(
        `Port ${port} (${service}) is already in use: stop what holds it (lsof -i :${port}) or start on other ports with ${baseVariable}=5000 npm start`,
      );
    }
  }
}
