import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import { portsFrom } from '../../lib/local/ports.js';

/** The machine's first non-loopback IPv4 address: where a neighbour on the network would connect. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** 'open' when a TCP connection to host:port is accepted, else the error code (ECONNREFUSED…). */
const probe = (host: string, port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(5_000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });

describe('the local DynamoDB', () => {
  const port = portsFrom(inject('portBase')).dynamodb;

  it('answers on 127.0.0.1', async () => {
    expect(await probe('127.0.0.1', port)).toBe('open');
  });

  it.skipIf(!lanAddress)(
    'does not listen on the network: the table holds every tenant and takes any credentials',
    async () => {
      expect(await probe(lanAddress!, port)).not.toBe('open');
    },
  );
});
