import * as z from 'zod';
import { defineContract } from '../shared/contract.js';

/** The API's own description, for integrators. */
export const docsApi = defineContract('docs', {
  openapi: {
    method: 'GET',
    path: '/v1/openapi.json',
    auth: 'public',
    summary: 'This API described as OpenAPI 3.1, generated from the route contracts',
    response: z.record(z.string(), z.unknown()),
    rateLimit: { requests: 60, windowSeconds: 60 },
  },
});
