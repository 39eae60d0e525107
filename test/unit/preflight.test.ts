import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { portsFrom } from '../../lib/local/ports.js';
import { PreflightError, checkJava, checkPorts } from '../../lib/local/preflight.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('npm start preflight', () => {
  it('names a busy port, what it was for, and how to move', async () => {
    const ports = portsFrom(6300);
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(ports.dynamodb, '127.0.0.1', resolve));
    const error = await checkPorts(ports, 'QUOTEFLOW_PORT_BASE').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as Error).message).toBe(
      `Port ${ports.dynamodb} (dynamodb) is already in use: stop what holds it (lsof -i :${ports.dynamodb}) or start on other ports with QUOTEFLOW_PORT_BASE=5000 npm start`,
    );
  });

  it('passes when every port is free', async () => {
    await expect(checkPorts(portsFrom(6400), 'QUOTEFLOW_PORT_BASE')).resolves.toBeUndefined();
  });

  it('says how to install Java when it is missing', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => checkJava()).toThrow(PreflightError);
      expect(() => checkJava()).toThrow(
        /Java 17\+ is needed for DynamoDB Local\. Install it: sudo apt-get install -y openjdk-17-jre-headless/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
