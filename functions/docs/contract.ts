import * as z from 'zod';
import { defineContract } from '../shared/contract.js';

/** The API's own description, for integrators. */
export const docsApi = defineContract('docs', {
  openapi: {
    method: 'GET',
    path: '/v1/openapi.json',
    auth: 'public',
    publicBecause:
      'The OpenAPI description integrators read before they have an account: generated from the route contracts at build time, it holds no tenant data and writes nothing, and the adapter rate limits it per caller (60 a minute).',
    summary: 'This API described as OpenAPI 3.1, generated from the route contracts',
    response: z.record(z.string(), z.unknown()),
    rateLimit: { requests: 60, windowSeconds: 60 },
  },
});
