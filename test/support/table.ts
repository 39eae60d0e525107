import { inject } from 'vitest';
import { handlerEnvironment } from '../../lib/local/cloud.js';
import { portsFrom } from '../../lib/local/ports.js';
import { outputs } from './api.js';

/**
 * The table itself, for the few tests that must see what no route shows (data that should be
 * gone). Everything else goes through the API.
 */
export async function tableDb() {
  Object.assign(process.env, handlerEnvironment(portsFrom(inject('portBase')), outputs.UserPoolId));
  return (await import('../../functions/data/service.js')).db;
}
